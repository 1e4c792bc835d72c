package org.miplhil.sim.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.miplhil.sim.profile.FirmwareProfile.AtSettings;
import org.miplhil.sim.profile.FirmwareProfile.ConfigAtPowerUp;
import org.miplhil.sim.profile.FirmwareProfile.Identity;
import org.miplhil.sim.profile.FirmwareProfile.Limits;
import org.miplhil.sim.profile.FirmwareProfile.Mipl;
import org.miplhil.sim.profile.FirmwareProfile.Network;
import org.miplhil.sim.profile.FirmwareProfile.PowerUpStep;
import org.miplhil.sim.profile.FirmwareProfile.ProfileEntry;
import org.miplhil.sim.profile.FirmwareProfile.ResponseDelays;
import org.miplhil.yaml.Durations;
import org.miplhil.yaml.LoadResult;
import org.miplhil.yaml.YamlDocument;
import org.miplhil.yaml.YamlDocument.MappingReader;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a firmware profile. Every leaf is {@code {value: ..., source: ..., note: ...}} ({@code note} optional);
 * unknown keys, wrong types, missing keys and missing or malformed sources are reported as
 * {@code file:line:column: message}. Never throws on bad input.
 */
public final class ProfileLoader {

    /** Commands whose test form ({@code =?}) the note lists (chapter 3); the profile must give each one's text. */
    public static final List<String> TEST_FORM_COMMANDS = List.of(
            "AT+MIPLCONFIG", "AT+MIPLDELETE", "AT+MIPLADDOBJ", "AT+MIPLDELOBJ", "AT+MIPLOPEN", "AT+MIPLCLOSE",
            "AT+MIPLDISCOVERRSP", "AT+MIPLOBSERVERSP", "AT+MIPLREADRSP", "AT+MIPLWRITERSP", "AT+MIPLEXECUTERSP",
            "AT+MIPLPARAMETERRSP", "AT+MIPLNOTIFY", "AT+MIPLUPDATE");

    private static final Pattern COMMAND_NAME = Pattern.compile("AT(\\+[A-Z]+|[A-Z]\\d?)?");
    private static final List<String> TOP = List.of("identity", "at", "network", "power-up", "mipl", "limits",
            "errors", "response-delay", "test-responses", "lwm2m", "fota", "parsing", "sleep", "general");
    private static final List<String> LEAF = List.of("value", "source", "note");

    private final YamlDocument doc;
    private final List<ProfileEntry> entries = new ArrayList<>();

    private ProfileLoader(YamlDocument doc) {
        this.doc = doc;
    }

    public static LoadResult<FirmwareProfile> load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return LoadResult.invalid(file, "cannot read the profile: " + e.getMessage());
        }
        return parse(file.toString(), text, file.toAbsolutePath().getParent(), 0);
    }

    /** A profile's text; an {@code extends:} name in it is relative to the working directory. */
    public static LoadResult<FirmwareProfile> parse(String fileName, String text) {
        return parse(fileName, text, null, 0);
    }

    /** A profile's text read from a file in {@code dir}: an {@code extends:} name in it is relative to that directory. */
    public static LoadResult<FirmwareProfile> parse(String fileName, String text, Path dir) {
        return parse(fileName, text, dir, 0);
    }

    static LoadResult<FirmwareProfile> parse(String fileName, String text, Path dir, int depth) {
        YamlDocument doc = YamlDocument.compose(fileName, text);
        if (doc.root().isEmpty()) {
            return new LoadResult.Invalid<>(doc.problems());
        }
        ProfileBase.apply(doc, dir, depth);
        if (doc.hasErrors()) {
            return doc.result(null);
        }
        return new ProfileLoader(doc).read(doc.root().get());
    }

    private LoadResult<FirmwareProfile> read(Node root) {
        Optional<MappingReader> top = doc.mapping(root, "the profile");
        if (top.isEmpty()) {
            return doc.result(null);
        }
        MappingReader m = top.get();
        Identity identity = section(m, "identity", this::identity);
        AtSettings at = section(m, "at", this::at);
        Network network = section(m, "network", this::network);
        List<PowerUpStep> powerUp = m.required("power-up").map(this::powerUp).orElse(List.of());
        Mipl mipl = section(m, "mipl", this::mipl);
        Limits limits = section(m, "limits", this::limits);
        Map<Mistake, Integer> errors = m.required("errors").map(this::errors).orElse(Map.of());
        ResponseDelays delays = section(m, "response-delay", this::delays);
        Map<String, String> tests = m.required("test-responses").map(this::testResponses).orElse(Map.of());
        FirmwareProfile.Lwm2m lwm2m = section(m, "lwm2m", this::lwm2m);
        FirmwareProfile.Fota fota = m.has("fota") ? section(m, "fota", this::fota) : FirmwareProfile.Fota.DEFAULTS;
        FirmwareProfile.Parsing parsing = m.has("parsing") ? section(m, "parsing", this::parsing)
                : FirmwareProfile.Parsing.AT_LAYER;
        FirmwareProfile.Sleep sleep = m.has("sleep") ? section(m, "sleep", this::sleep) : FirmwareProfile.Sleep.DEFAULTS;
        FirmwareProfile.General general = section(m, "general", this::general);
        m.finish(TOP);
        if (doc.hasErrors()) {
            return doc.result(null);
        }
        return doc.result(new FirmwareProfile(doc.fileName(), identity, at, network, powerUp, mipl, limits,
                errors, delays, tests, lwm2m, fota, parsing, sleep, general, entries));
    }

    private <T> T section(MappingReader parent, String key, Function<MappingReader, T> reader) {
        Optional<Node> node = parent.required(key);
        if (node.isEmpty()) {
            return null;
        }
        Optional<MappingReader> m = doc.mapping(node.get(), "'" + key + "'");
        if (m.isEmpty()) {
            return null;
        }
        T value = reader.apply(m.get());
        return value;
    }

    // ---- leaves ----

    /** Reads {value, source, note} at parent.key; returns the value node (source recorded) or empty. */
    private Optional<Node> leaf(MappingReader parent, String key, String path) {
        Optional<Node> node = parent.required(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        return leafNode(node.get(), path);
    }

    private Optional<Node> leafNode(Node node, String path) {
        Optional<MappingReader> m = doc.mapping(node, "'" + path + "' ({value: ..., source: ...})");
        if (m.isEmpty()) {
            return Optional.empty();
        }
        MappingReader r = m.get();
        Optional<Node> value = r.required("value");
        Optional<Node> sourceNode = r.required("source");
        Optional<Node> noteNode = r.optional("note");
        r.finish(LEAF);
        Optional<Source> source = sourceNode.flatMap(s -> source(s, path));
        String note = noteNode.flatMap(n -> doc.string(n, "note of '" + path + "'")).orElse("");
        if (value.isPresent() && source.isPresent()) {
            entries.add(new ProfileEntry(path, scalarText(value.get()), source.get(), note, doc.position(node)));
        }
        return source.isPresent() ? value : Optional.empty();
    }

    private Optional<Source> source(Node node, String path) {
        Optional<String> text = doc.string(node, "source of '" + path + "'");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Source> s = Source.parse(text.get());
        if (s.isEmpty()) {
            doc.error(node, "source of '" + path + "' must be doc:<section> (e.g. doc:3.3.7), "
                    + "observed-elsewhere:<source>, observed:<revision> <date> or assumed, found '" + text.get() + "'");
        }
        return s;
    }

    private static String scalarText(Node n) {
        return n instanceof org.yaml.snakeyaml.nodes.ScalarNode s ? s.getValue() : "(" + n.getNodeId() + ")";
    }

    private String str(MappingReader m, String key, String path) {
        return leaf(m, key, path + "." + key).flatMap(n -> doc.string(n, path + "." + key)).orElse(null);
    }

    private long integer(MappingReader m, String key, String path, long min, long max) {
        OptionalLong v = leaf(m, key, path + "." + key)
                .map(n -> doc.integer(n, path + "." + key, min, max)).orElse(OptionalLong.empty());
        return v.orElse(min);
    }

    private boolean bool(MappingReader m, String key, String path) {
        return leaf(m, key, path + "." + key).flatMap(n -> doc.bool(n, path + "." + key)).orElse(false);
    }

    private Duration duration(MappingReader m, String key, String path) {
        return leaf(m, key, path + "." + key).flatMap(n -> doc.duration(n, path + "." + key)).orElse(Duration.ZERO);
    }

    // ---- sections ----

    private Identity identity(MappingReader m) {
        String p = "identity";
        Identity id = new Identity(str(m, "manufacturer", p), str(m, "model", p), str(m, "revision", p),
                str(m, "imei", p), str(m, "imsi", p), str(m, "iccid", p), str(m, "mipl-version", p));
        m.finish(List.of("manufacturer", "model", "revision", "imei", "imsi", "iccid", "mipl-version"));
        if (id.iccid() != null && !id.iccid().matches("[0-9A-Fa-f]{19,20}")) {
            doc.error(m.valueNode("iccid"), "identity.iccid must be 19 or 20 digits (quote it), found '" + id.iccid() + "'");
        }
        if (id.imei() != null && !id.imei().matches("\\d{15}")) {
            doc.error(m.valueNode("imei"), "identity.imei must be 15 digits (quote it), found '" + id.imei() + "'");
        }
        if (id.imsi() != null && !id.imsi().matches("\\d{6,15}")) {
            doc.error(m.valueNode("imsi"), "identity.imsi must be 6 to 15 digits (quote it), found '" + id.imsi() + "'");
        }
        return id;
    }

    private AtSettings at(MappingReader m) {
        String p = "at";
        AtSettings at = new AtSettings(bool(m, "echo", p), (int) integer(m, "cmee", p, 0, 2),
                (int) integer(m, "qsclk", p, 0, 2), (int) integer(m, "cfun", p, 0, 1),
                (int) integer(m, "max-line-length", p, 16, 65535));
        m.finish(List.of("echo", "cmee", "qsclk", "cfun", "max-line-length"));
        return at;
    }

    private static final List<String> NETWORK_KEYS = List.of("cereg-attached", "cereg-detached", "cereg-mode", "tac",
            "cell-id", "act", "pdn-cid", "ip-address", "apn", "attach-time", "rrc-release-after", "csq", "cesq", "band",
            "clock-zone", "qeng", "psm", "edrx-value");

    private Network network(MappingReader m) {
        String p = "network";
        Network n = new Network((int) integer(m, "cereg-attached", p, 0, 10), (int) integer(m, "cereg-detached", p, 0, 10),
                (int) integer(m, "cereg-mode", p, 0, 5), str(m, "tac", p), str(m, "cell-id", p),
                (int) integer(m, "act", p, 0, 15), (int) integer(m, "pdn-cid", p, 0, 15), str(m, "ip-address", p),
                str(m, "apn", p), duration(m, "attach-time", p), duration(m, "rrc-release-after", p), str(m, "csq", p),
                str(m, "cesq", p), str(m, "band", p), str(m, "clock-zone", p), str(m, "qeng", p), str(m, "psm", p),
                str(m, "edrx-value", p));
        m.finish(NETWORK_KEYS);
        hex(m, "tac", n.tac(), 4);
        hex(m, "cell-id", n.cellId(), 8);
        if (n.edrxValue() != null && !n.edrxValue().matches("[01]{4}")) {
            doc.error(m.valueNode("edrx-value"), "network.edrx-value must be 4 bits such as 0010, found '" + n.edrxValue() + "'");
        }
        if (n.clockZone() != null && !n.clockZone().matches("[+-]\\d{1,2}")) {
            doc.error(m.valueNode("clock-zone"), "network.clock-zone must be quarter hours such as +32, found '"
                    + n.clockZone() + "'");
        }
        if (n.psm() != null && !n.psm().matches("[0-2],,,\"[01]{8}\",\"[01]{8}\"")) {
            doc.error(m.valueNode("psm"), "network.psm must read <mode>,,,\"<T3412 bits>\",\"<T3324 bits>\", found '"
                    + n.psm() + "'");
        }
        positive(m, p, "rrc-release-after", n.rrcReleaseAfter());
        return n;
    }

    private void hex(MappingReader m, String key, String value, int digits) {
        if (value != null && !value.matches("[0-9A-Fa-f]{" + digits + "}")) {
            doc.error(m.valueNode(key), "network." + key + " must be " + digits + " hex digits, found '" + value + "'");
        }
    }

    private FirmwareProfile.General general(MappingReader m) {
        String p = "general";
        int cme = (int) integer(m, "cme-parameter-error", p, 0, 65535);
        String cmeText = str(m, "cme-parameter-error-text", p);
        String texts = str(m, "cis-error-texts", p);
        boolean saved = bool(m, "cmee-saved", p);
        String cpin = str(m, "cpin", p);
        String cgmi = str(m, "cgmi", p);
        m.finish(List.of("cme-parameter-error", "cme-parameter-error-text", "cis-error-texts", "cmee-saved", "cpin", "cgmi"));
        Map<Integer, String> names = new LinkedHashMap<>();
        if (texts != null && !texts.isBlank()) {
            for (String pair : texts.split(",")) {
                String[] kv = pair.split("=", 2);
                if (kv.length != 2 || !kv[0].strip().matches("65[1-5]") || kv[1].isBlank()) {
                    doc.error(m.valueNode("cis-error-texts"), "general.cis-error-texts must read 652=NAME,653=NAME,..., found '"
                            + pair + "'");
                    continue;
                }
                names.put(Integer.parseInt(kv[0].strip()), kv[1].strip());
            }
        }
        return new FirmwareProfile.General(cme, cmeText, names, saved, cpin, cgmi);
    }

    private List<PowerUpStep> powerUp(Node node) {
        List<PowerUpStep> steps = new ArrayList<>();
        Optional<List<Node>> items = doc.sequence(node, "'power-up'");
        if (items.isEmpty()) {
            return steps;
        }
        int i = 0;
        for (Node item : items.get()) {
            String path = "power-up[" + i++ + "]";
            Optional<MappingReader> m = doc.mapping(item, path + " ({line: ..., after: ..., source: ...})");
            if (m.isEmpty()) {
                continue;
            }
            MappingReader r = m.get();
            Optional<String> line = r.required("line").flatMap(n -> doc.string(n, path + ".line"));
            Optional<Duration> after = r.required("after").flatMap(n -> doc.duration(n, path + ".after"));
            boolean attach = r.optional("attach").flatMap(n -> doc.bool(n, path + ".attach")).orElse(false);
            Optional<Source> source = r.required("source").flatMap(n -> source(n, path));
            String note = r.optional("note").flatMap(n -> doc.string(n, path + ".note")).orElse("");
            r.finish(List.of("line", "after", "attach", "source", "note"));
            if (line.isPresent() && after.isPresent() && source.isPresent()) {
                steps.add(new PowerUpStep(line.get(), after.get(), attach));
                entries.add(new ProfileEntry(path, line.get() + " after " + Durations.format(after.get())
                        + (attach ? " (attach)" : ""), source.get(), note, doc.position(item)));
            }
        }
        if (steps.stream().filter(PowerUpStep::attach).count() > 1) {
            doc.error(node, "'power-up' may mark at most one step with attach: true");
        }
        return steps;
    }

    private Mipl mipl(MappingReader m) {
        String p = "mipl";
        ConfigAtPowerUp cfg = leaf(m, "config-at-power-up", p + ".config-at-power-up")
                .flatMap(n -> doc.oneOf(n, p + ".config-at-power-up", List.of("defaults", "none")))
                .map(s -> s.equals("none") ? ConfigAtPowerUp.NONE : ConfigAtPowerUp.DEFAULTS)
                .orElse(ConfigAtPowerUp.DEFAULTS);
        Mipl mipl = new Mipl(cfg,
                (int) integer(m, "default-mode", p, 0, 0),
                (int) integer(m, "default-recv-data-format", p, 0, 1),
                (int) integer(m, "default-bs-mode", p, 0, 1),
                str(m, "bootstrap-address", p),
                str(m, "server-address", p),
                (int) integer(m, "default-port", p, 1, 65535),
                (int) integer(m, "default-auto-update", p, 0, 1),
                integer(m, "lifetime-min", p, 1, 0xFFFFFFFFL),
                integer(m, "lifetime-max", p, 1, 0xFFFFFFFFL),
                integer(m, "lifetime-zero-means", p, 1, 0xFFFFFFFFL),
                (int) integer(m, "timeout-min", p, 1, 65535),
                (int) integer(m, "timeout-max", p, 1, 65535),
                (int) integer(m, "timeout-default", p, 1, 65535),
                duration(m, "max-response-time", p),
                duration(m, "answer-window", p),
                duration(m, "purge-after", p),
                bool(m, "delete-waits-for-deregistration", p),
                bool(m, "config-query-quotes-ip", p),
                str(m, "endpoint-name", p));
        m.finish(List.of("config-at-power-up", "default-mode", "default-recv-data-format", "default-bs-mode",
                "bootstrap-address", "server-address", "default-port", "default-auto-update", "lifetime-min",
                "lifetime-max", "lifetime-zero-means", "timeout-min", "timeout-max", "timeout-default",
                "max-response-time", "answer-window", "purge-after", "delete-waits-for-deregistration", "config-query-quotes-ip",
                "endpoint-name"));
        if (mipl.lifetimeMin() > mipl.lifetimeMax()) {
            doc.error(m.valueNode("lifetime-min"), "mipl.lifetime-min is above mipl.lifetime-max");
        }
        if (mipl.purgeAfter().compareTo(mipl.answerWindow()) < 0) {
            doc.error(m.valueNode("purge-after"), "mipl.purge-after must not be shorter than mipl.answer-window");
        }
        return mipl;
    }

    private double decimal(MappingReader m, String key, String path, double min, double max) {
        String what = path + "." + key;
        Optional<Node> node = leaf(m, key, what);
        Optional<java.math.BigDecimal> v = node.flatMap(n -> doc.number(n, what));
        if (v.isEmpty()) {
            return min;
        }
        double d = v.get().doubleValue();
        if (d < min || d > max) {
            doc.error(node.get(), what + " must be in " + min + ".." + max + ", found " + v.get());
        }
        return d;
    }

    private FirmwareProfile.Lwm2m lwm2m(MappingReader m) {
        String p = "lwm2m";
        FirmwareProfile.Lwm2m l = new FirmwareProfile.Lwm2m(
                duration(m, "ack-timeout", p),
                decimal(m, "ack-random-factor", p, 1.0, 4.0),
                bool(m, "ack-randomised", p),
                (int) integer(m, "max-retransmit", p, 0, 10),
                (int) integer(m, "protocol-stage-threads", p, 1, 64),
                duration(m, "deregistration-timeout", p),
                decimal(m, "lifetime-factor", p, 0.01, 1.0),
                (int) integer(m, "short-server-id", p, 1, 65534));
        m.finish(List.of("ack-timeout", "ack-random-factor", "ack-randomised", "max-retransmit",
                "protocol-stage-threads", "deregistration-timeout", "lifetime-factor", "short-server-id"));
        positive(m, "ack-timeout", l.ackTimeout());
        positive(m, "deregistration-timeout", l.deregistrationTimeout());
        return l;
    }

    private void positive(MappingReader m, String key, Duration d) {
        positive(m, "lwm2m", key, d);
    }

    private void positive(MappingReader m, String section, String key, Duration d) {
        if (m.has(key) && d != null && (d.isZero() || d.isNegative())) {
            doc.error(m.valueNode(key), section + "." + key + " must be positive");
        }
    }

    private static final List<String> FOTA_KEYS = List.of("block-size", "block-pause", "block-timeout", "check-time",
            "update-time", "progress-step", "updating-line", "reboot-time", "erase-fails", "update-fails",
            "while-downloading", "while-updating", "busy-reply", "wrong-base-result", "not-found-result",
            "unreachable-result", "execute-not-downloaded", "write-while-busy", "battery-level", "signal-strength",
            "cell-id");

    private FirmwareProfile.BusyCommands busy(MappingReader m, String key, List<String> allowed) {
        String path = "fota." + key;
        return leaf(m, key, path).flatMap(n -> doc.oneOf(n, path, allowed))
                .map(s -> FirmwareProfile.BusyCommands.valueOf(s.toUpperCase(java.util.Locale.ROOT).replace('-', '_')))
                .orElse(FirmwareProfile.BusyCommands.ANSWER);
    }

    private FirmwareProfile.Fota fota(MappingReader m) {
        String p = "fota";
        FirmwareProfile.Fota f = new FirmwareProfile.Fota(
                (int) integer(m, "block-size", p, 16, 1024),
                duration(m, "block-pause", p),
                duration(m, "block-timeout", p),
                duration(m, "check-time", p),
                duration(m, "update-time", p),
                (int) integer(m, "progress-step", p, 1, 100),
                str(m, "updating-line", p),
                duration(m, "reboot-time", p),
                bool(m, "erase-fails", p),
                bool(m, "update-fails", p),
                busy(m, "while-downloading", List.of("answer", "error", "ignore", "fail-download")),
                busy(m, "while-updating", List.of("answer", "error", "ignore")),
                str(m, "busy-reply", p),
                (int) integer(m, "wrong-base-result", p, 0, 9),
                (int) integer(m, "not-found-result", p, 0, 9),
                (int) integer(m, "unreachable-result", p, 0, 9),
                str(m, "execute-not-downloaded", p),
                str(m, "write-while-busy", p),
                (int) integer(m, "battery-level", p, 0, 100),
                (int) integer(m, "signal-strength", p, -200, 0),
                integer(m, "cell-id", p, 0, 0xFFFFFFFFL));
        m.finish(FOTA_KEYS);
        int size = f.blockSize();
        if (m.has("block-size") && Integer.bitCount(size) != 1) {
            doc.error(m.valueNode("block-size"), "fota.block-size must be a CoAP block size: 16, 32, ... 1024, found "
                    + size);
        }
        positive(m, p, "block-timeout", f.blockTimeout());
        positive(m, p, "update-time", f.updateTime());
        if (f.updatingLine() != null && !f.updatingLine().contains("${percent}")) {
            doc.error(m.valueNode("updating-line"), "fota.updating-line must contain ${percent}");
        }
        for (String key : List.of("execute-not-downloaded", "write-while-busy")) {
            String code = key.equals("write-while-busy") ? f.writeWhileBusy() : f.executeNotDownloaded();
            if (code != null && !code.matches("4\\.0[0-9]")) {
                doc.error(m.valueNode(key), "fota." + key + " must be a 4.xx CoAP code such as 4.05, found '" + code + "'");
            }
        }
        for (String key : List.of("wrong-base-result", "not-found-result", "unreachable-result")) {
            if (m.has(key)) {
                int v = key.startsWith("wrong") ? f.wrongBaseResult() : key.startsWith("not") ? f.notFoundResult()
                        : f.unreachableResult();
                if (v < 2 || v > 9) {
                    doc.error(m.valueNode(key), "fota." + key + " must be a failure result of /5/0/5 (2..9), found " + v);
                }
            }
        }
        return f;
    }

    // ---- parsing (docs/virtual-module.md "Parsing")

    private static final List<String> PARSING_KEYS = List.of("quotes-optional", "hex-integers", "discover-list-split",
            "notify-match", "close-when-idle");

    private <E extends Enum<E>> E choice(MappingReader m, String key, Class<E> type, List<String> allowed, E fallback) {
        String path = "parsing." + key;
        return leaf(m, key, path).flatMap(n -> doc.oneOf(n, path, allowed))
                .map(s -> Enum.valueOf(type, s.toUpperCase(java.util.Locale.ROOT).replace('-', '_')))
                .orElse(fallback);
    }

    private FirmwareProfile.Parsing parsing(MappingReader m) {
        String p = "parsing";
        FirmwareProfile.Parsing d = FirmwareProfile.Parsing.AT_LAYER;
        FirmwareProfile.Parsing r = new FirmwareProfile.Parsing(
                bool(m, "quotes-optional", p),
                bool(m, "hex-integers", p),
                choice(m, "discover-list-split", FirmwareProfile.DiscoverListSplit.class, List.of("strict", "skip-empty"),
                        d.discoverListSplit()),
                choice(m, "notify-match", FirmwareProfile.NotifyMatch.class, List.of("msgid", "path"), d.notifyMatch()),
                choice(m, "close-when-idle", FirmwareProfile.CloseWhenIdle.class, List.of("ok", "refuse"),
                        d.closeWhenIdle()));
        m.finish(PARSING_KEYS);
        return r;
    }

    // ---- sleep (AT+QSCLK, PSM, PSM_EINT)

    private static final List<String> SLEEP_KEYS = List.of("wake-time", "enter-deep-line", "exit-deep-line");

    /** The idle times are the network's ({@code network.rrc-release-after}, the T3324 of {@code network.psm}). */
    private FirmwareProfile.Sleep sleep(MappingReader m) {
        String p = "sleep";
        FirmwareProfile.Sleep s = new FirmwareProfile.Sleep(
                duration(m, "wake-time", p),
                str(m, "enter-deep-line", p),
                str(m, "exit-deep-line", p));
        m.finish(SLEEP_KEYS);
        return s;
    }

    private Limits limits(MappingReader m) {
        String p = "limits";
        Limits l = new Limits(
                (int) integer(m, "max-objects", p, 1, 65535),
                (int) integer(m, "ins-count-max", p, 1, 65535),
                (int) integer(m, "discover-length-max", p, 1, 65535),
                (int) integer(m, "notify-total-max", p, 1, 1 << 20),
                (int) integer(m, "read-total-max", p, 1, 1 << 20),
                (int) integer(m, "string-length-max", p, 1, 1 << 20),
                (int) integer(m, "hex-length-max", p, 1, 1 << 20),
                (int) integer(m, "index-max", p, 0, 255));
        m.finish(List.of("max-objects", "ins-count-max", "discover-length-max", "notify-total-max",
                "read-total-max", "string-length-max", "hex-length-max", "index-max"));
        return l;
    }

    private Map<Mistake, Integer> errors(Node node) {
        Map<Mistake, Integer> codes = new EnumMap<>(Mistake.class);
        Optional<MappingReader> m = doc.mapping(node, "'errors'");
        if (m.isEmpty()) {
            return codes;
        }
        MappingReader r = m.get();
        for (String key : r.takeAllKeys()) {
            Optional<Mistake> mistake = Mistake.byId(key);
            if (mistake.isEmpty()) {
                doc.error(r.keyNode(key), "unknown mistake id '" + key + "' in errors");
                continue;
            }
            leafNode(r.valueNode(key), "errors." + key)
                    .map(n -> doc.integer(n, "errors." + key, 651, 655))
                    .filter(OptionalLong::isPresent)
                    .ifPresent(v -> codes.put(mistake.get(), (int) v.getAsLong()));
        }
        for (Mistake mistake : Mistake.values()) {
            if (!r.takeAllKeys().contains(mistake.id())) {
                doc.error(node, "errors is missing '" + mistake.id() + "' (" + mistake.description() + ")");
            }
        }
        return codes;
    }

    private ResponseDelays delays(MappingReader m) {
        Duration def = duration(m, "default", "response-delay");
        Map<String, Duration> per = new LinkedHashMap<>();
        for (String key : m.takeAllKeys()) {
            if (key.equals("default")) {
                continue;
            }
            if (!COMMAND_NAME.matcher(key).matches()) {
                doc.error(m.keyNode(key), "response-delay keys are 'default' or command names such as "
                        + "AT+MIPLOPEN or ATI, found '" + key + "'");
                continue;
            }
            leafNode(m.valueNode(key), "response-delay." + key)
                    .flatMap(n -> doc.duration(n, "response-delay." + key))
                    .ifPresent(d -> per.put(key, d));
        }
        return new ResponseDelays(def, per);
    }

    private Map<String, String> testResponses(Node node) {
        Map<String, String> texts = new LinkedHashMap<>();
        Optional<MappingReader> m = doc.mapping(node, "'test-responses'");
        if (m.isEmpty()) {
            return texts;
        }
        MappingReader r = m.get();
        for (String key : r.takeAllKeys()) {
            if (!COMMAND_NAME.matcher(key).matches()) {
                doc.error(r.keyNode(key), "test-responses keys are command names such as AT+MIPLOPEN, found '" + key + "'");
                continue;
            }
            leafNode(r.valueNode(key), "test-responses." + key)
                    .flatMap(n -> doc.string(n, "test-responses." + key))
                    .ifPresent(t -> texts.put(key, t));
        }
        for (String required : TEST_FORM_COMMANDS) {
            if (!r.takeAllKeys().contains(required)) {
                doc.error(node, "test-responses is missing '" + required + "' (chapter 3 lists its test form)");
            }
        }
        return texts;
    }
}
