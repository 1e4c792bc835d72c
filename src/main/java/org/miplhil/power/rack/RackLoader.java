package org.miplhil.power.rack;

import org.miplhil.link.HostPort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.miplhil.link.LinkSpec;
import org.miplhil.power.PowerSpec;
import org.miplhil.power.WakeSpec;
import org.miplhil.yaml.LoadResult;
import org.miplhil.yaml.Problem;
import org.miplhil.yaml.YamlDocument;
import org.miplhil.yaml.YamlDocument.MappingReader;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads rack files ({@code fixtures/racks/*.yaml}; the format is in docs/power.md and
 * {@code fixtures/racks/schema/rack.schema.json}). Every problem — an unknown key, a wrong type, an unknown
 * driver, a missing profile file, a frame or regular expression that does not parse — is reported as
 * {@code file:line:column: message}, all in one pass. Never throws on bad input.
 */
public final class RackLoader {

    public static final List<String> DRIVERS = List.of("virtual", "lcus", "numato", "http", "gpio", "command");
    public static final Duration DEFAULT_OFF_TIME = Duration.ofSeconds(2);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MODULE_BAUD = 115_200;

    static final List<String> TOP_KEYS = List.of("name", "module", "modules", "defaults", "platform", "power", "wake",
            "notes");
    static final List<String> MODULE_KEYS = List.of("port", "baud", "imei", "profile");
    /** The keys of an entry of {@code modules:} (a rack of several modules). */
    static final List<String> ENTRY_KEYS = List.of("name", "port", "baud", "imei", "imsi", "profile", "power", "wake");
    /** What {@code defaults:} gives every entry of {@code modules:} that does not say otherwise. */
    static final List<String> DEFAULTS_KEYS = List.of("baud", "profile");
    static final List<String> PLATFORM_KEYS = List.of("address", "kind", "api", "url", "coap", "bootstrap",
            "push-url", "push-bind", "product", "credentials");
    /** The keys only OneNET ({@code kind: onenet}) takes. */
    static final List<String> ONENET_KEYS = List.of("api", "url", "coap", "bootstrap", "push-url", "push-bind",
            "product", "credentials");
    /** OneNET's LwM2M server as the note gives it (7.2.3): a OneNET rack's address without {@code coap}. */
    static final String ONENET_COAP = "183.230.40.40:5683";
    static final List<String> COMMON_POWER_KEYS = List.of("driver", "timeout", "off-time");
    /** Keys of the {@code wake:} channel (the PSM_EINT pin) besides the driver's own. */
    static final List<String> COMMON_WAKE_KEYS = List.of("driver", "timeout", "pulse");
    static final Map<String, List<String>> DRIVER_KEYS = Map.of(
            "virtual", List.of(),
            "lcus", List.of("port", "baud", "channel", "frames", "verify"),
            "numato", List.of("port", "baud", "channel", "verify"),
            "http", List.of("host", "channel", "style", "on", "off", "state", "state-json", "state-regex", "method",
                    "auth", "user-env", "password-env", "verify"),
            "gpio", List.of("backend", "chip", "line", "active-low", "gpiod-version", "gpioset", "gpioget",
                    "sysfs-root"),
            "command", List.of("on", "off", "state", "state-on", "state-off", "channel"));
    static final List<String> FRAME_KEYS = List.of("on", "off", "query", "reply-on", "reply-off");

    static final Pattern IMEI = Pattern.compile("\\d{15}");
    private static final Pattern PRODUCT = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

    private RackLoader() {
    }

    public static LoadResult<Rack> load(Path file) {
        return load(file, ProfileCheck.NONE);
    }

    /** {@code checkProfiles}: also load each module's firmware profile and report one that does not load (lint). */
    static LoadResult<Rack> load(Path file, ProfileCheck checkProfiles) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return LoadResult.invalid(file, "cannot read the rack file: " + e.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, dir == null ? Path.of(".") : dir, checkProfiles);
    }

    /** Whether lint should read the file as a rack file: a YAML file in a directory named {@code racks}. */
    public static boolean isRackFile(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("racks")
                && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    /** Every problem of a rack file, each module's firmware profile loaded too; empty when it is valid (for lint). */
    public static List<Problem> validate(Path file, ProfileCheck profiles) {
        return load(file, profiles).problems();
    }

    /** Every problem of a rack file, its profiles not loaded. */
    public static List<Problem> validate(Path file) {
        return validate(file, ProfileCheck.NONE);
    }

    /**
     * @param baseDir the directory relative paths (the profile) are resolved against
     */
    public static LoadResult<Rack> parse(String fileName, String text, Path baseDir) {
        return parse(fileName, text, baseDir, ProfileCheck.NONE);
    }

    /** {@code checkProfiles}: each module's firmware profile must load too ({@link RackProfiles}). */
    static LoadResult<Rack> parse(String fileName, String text, Path baseDir, ProfileCheck checkProfiles) {
        YamlDocument doc = YamlDocument.compose(fileName, text);
        if (doc.root().isEmpty()) {
            return new LoadResult.Invalid<>(doc.problems());
        }
        Optional<MappingReader> top = doc.mapping(doc.root().get(), "the rack file");
        if (top.isEmpty()) {
            return new LoadResult.Invalid<>(doc.problems());
        }
        MappingReader t = top.get();
        String defaultName = Path.of(fileName).getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String name = t.optional("name").flatMap(n -> doc.string(n, "name")).orElse(defaultName);
        if (t.has("modules")) {
            return new RackModulesReader(doc, baseDir, checkProfiles).read(t, name, Path.of(fileName));
        }
        t.optional("defaults").ifPresent(n -> doc.error(t.keyNode("defaults"), "defaults: gives the entries of a"
                + " modules: list their baud and profile; a rack file with module: writes them under module:"));
        Optional<Rack.Module> module = t.required("module").flatMap(n -> module(doc, n, baseDir, checkProfiles));
        PlatformSection[] section = {PlatformSection.embedded()};
        Optional<Rack.PlatformAddress> platform = t.required("platform").flatMap(n -> platform(doc, n, section));
        Optional<Node> powerNode = t.required("power");
        Duration[] offTime = {DEFAULT_OFF_TIME};
        Optional<PowerSpec> power = powerNode.flatMap(n -> power(doc, n, offTime));
        Optional<Node> wakeNode = t.optional("wake");
        Optional<WakeSpec> wake = wakeNode.flatMap(n -> wake(doc, n));
        String notes = t.optional("notes").flatMap(n -> doc.string(n, "notes")).orElse("");
        t.finish(TOP_KEYS);
        if (module.isPresent() && power.isPresent()) {
            boolean sim = module.get().isVirtual();
            boolean virtualDriver = power.get() instanceof PowerSpec.Virtual;
            if (sim != virtualDriver) {
                doc.error(powerNode.get(), sim
                        ? "the virtual module (module.port: sim) is switched by the virtual driver, not "
                                + power.get().driver()
                        : "the virtual driver switches only the virtual module; module.port is '"
                                + module.get().port() + "' (use sim, or a relay driver)");
            }
        }
        if (module.isPresent() && wake.isPresent()
                && module.get().isVirtual() != (wake.get().line() instanceof PowerSpec.Virtual)) {
            doc.error(wakeNode.get(), module.get().isVirtual()
                    ? "the virtual module's PSM_EINT is pulled by the virtual driver, not " + wake.get().line().driver()
                    : "the virtual driver pulls only the virtual module's PSM_EINT; module.port is '"
                            + module.get().port() + "' (use a relay or gpio driver)");
        }
        if (doc.hasErrors() || module.isEmpty() || platform.isEmpty() || power.isEmpty()) {
            List<Problem> problems = doc.problems();
            return problems.isEmpty() ? LoadResult.invalid(fileName, "invalid rack file") : new LoadResult.Invalid<>(problems);
        }
        return new LoadResult.Ok<>(new Rack(name, Path.of(fileName), module.get(), platform.get(), power.get(),
                offTime[0], notes, wake, section[0]));
    }

    // ---- module and platform

    private static Optional<Rack.Module> module(YamlDocument doc, Node node, Path baseDir,
                                                ProfileCheck checkProfiles) {
        Optional<MappingReader> mr = doc.mapping(node, "module");
        if (mr.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = mr.get();
        Optional<String> port = m.required("port").flatMap(n -> modulePort(doc, n));
        int baud = m.optional("baud").map(n -> doc.integer(n, "module.baud", 50, 4_000_000))
                .map(o -> o.isPresent() ? (int) o.getAsLong() : -1).orElse(DEFAULT_MODULE_BAUD);
        Optional<String> imei = m.required("imei").flatMap(n -> doc.string(n, "module.imei").filter(s -> {
            if (!IMEI.matcher(s).matches()) {
                doc.error(n, "module.imei must be 15 digits, found '" + s + "'");
                return false;
            }
            return true;
        }));
        Optional<Node> profileNode = m.required("profile");
        Optional<Path> profile = profileNode.flatMap(n -> existingFile(doc, n, "module.profile", baseDir))
                .filter(p -> new RackProfiles(doc, checkProfiles).check(profileNode.get(), "", p));
        m.finish(MODULE_KEYS);
        if (port.isEmpty() || baud < 0 || imei.isEmpty() || profile.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rack.Module(port.get(), baud, imei.get(), profile.get()));
    }

    private static Optional<String> modulePort(YamlDocument doc, Node n) {
        return modulePort(doc, n, "module.port");
    }

    /** {@code sim}, a device path or tcp:HOST:PORT. */
    static Optional<String> modulePort(YamlDocument doc, Node n, String what) {
        return doc.string(n, what).filter(p -> {
            if (p.equals(Rack.SIM)) {
                return true;
            }
            return linkPort(doc, n, what, p);
        });
    }

    /** A device path or tcp:HOST:PORT, baud rate in its own key. */
    static boolean linkPort(YamlDocument doc, Node n, String what, String p) {
        if (p.startsWith("serial:") || (!p.startsWith("tcp:") && p.contains("@"))) {
            doc.error(n, what + " is a device path or tcp:HOST:PORT; write the baud rate in 'baud', found '" + p + "'");
            return false;
        }
        LinkSpec spec = LinkSpec.parse(p.startsWith("tcp:") ? p : "serial:" + p);
        if (spec instanceof LinkSpec.Invalid invalid) {
            doc.error(n, what + ": " + invalid.message());
            return false;
        }
        if (!p.startsWith("tcp:") && !p.startsWith("/") && !p.startsWith("./") && !p.startsWith("../")) {
            doc.error(n, what + " must be an absolute device path (/dev/ttyUSB0, /dev/serial/by-id/...), "
                    + "tcp:HOST:PORT" + (what.endsWith("].port") || what.equals("module.port") ? " or sim" : "")
                    + ", found '" + p + "'");
            return false;
        }
        return true;
    }

    static Optional<Path> existingFile(YamlDocument doc, Node n, String what, Path baseDir) {
        Optional<String> text = doc.string(n, what);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Path p = baseDir.resolve(text.get()).normalize();
        if (!Files.isRegularFile(p)) {
            doc.error(n, what + ": no such file " + p + (Files.isDirectory(p) ? " (it is a directory)" : ""));
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /**
     * The {@code platform:} section: the embedded platform's address, or (kind: onenet) how OneNET is reached; the
     * address of a OneNET rack is OneNET's LwM2M server ({@code coap}, the note's by default).
     */
    static Optional<Rack.PlatformAddress> platform(YamlDocument doc, Node node, PlatformSection[] section) {
        Optional<MappingReader> mr = doc.mapping(node, "platform");
        if (mr.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = mr.get();
        String kind = m.optional("kind").flatMap(n -> doc.oneOf(n, "platform.kind", PlatformSection.KINDS))
                .orElse(PlatformSection.EMBEDDED);
        boolean onenet = kind.equals(PlatformSection.ONENET);
        Optional<Rack.PlatformAddress> address = (onenet ? m.optional("address") : m.required("address"))
                .flatMap(n -> doc.string(n, "platform.address").flatMap(s -> address(doc, n, "platform.address", s)));
        if (!onenet) {
            for (String key : ONENET_KEYS) {
                m.optional(key).ifPresent(n -> doc.error(m.keyNode(key), "platform." + key + " is OneNET's; add"
                        + " 'kind: onenet' to the platform section, or remove it"));
            }
            m.finish(PLATFORM_KEYS);
            return address;
        }
        Optional<String> api = m.optional("api").flatMap(n -> doc.oneOf(n, "platform.api", PlatformSection.APIS));
        Optional<String> url = m.optional("url").flatMap(n -> httpUrl(doc, n, "platform.url"));
        Optional<Node> coapNode = m.optional("coap");
        Optional<String> coap = coapNode.flatMap(n -> doc.string(n, "platform.coap")
                .filter(s -> address(doc, n, "platform.coap", s).isPresent()));
        Optional<String> bootstrap = m.optional("bootstrap").flatMap(n -> doc.string(n, "platform.bootstrap")
                .filter(s -> address(doc, n, "platform.bootstrap", s).isPresent()));
        Optional<String> push = m.optional("push-url").flatMap(n -> httpUrl(doc, n, "platform.push-url"));
        // the form only: whether the host is this host's is found when the run resolves it
        Optional<String> pushBind = m.optional("push-bind").flatMap(n -> doc.string(n, "platform.push-bind")
                .filter(s -> bindAddress(doc, n, s)));
        Optional<String> product = m.optional("product").flatMap(n -> doc.string(n, "platform.product").filter(s -> {
            if (!PRODUCT.matcher(s).matches()) {
                doc.error(n, "platform.product must be OneNET's product id (letters, digits, _ or -), found '" + s
                        + "'");
                return false;
            }
            return true;
        }));
        Map<String, String> names = m.optional("credentials").map(n -> credentials(doc, n)).orElse(Map.of());
        m.finish(PLATFORM_KEYS);
        section[0] = new PlatformSection(kind, api, url, coap, bootstrap, push, pushBind, product, names);
        if (address.isPresent()) {
            return address;
        }
        String server = coap.orElse(ONENET_COAP);
        return coapNode.isPresent() && coap.isEmpty() ? Optional.empty()
                : address(doc, coapNode.orElse(node), "platform.coap", server);
    }

    /** {@code credentials:}: the environment variable holding each credential (never the credential itself). */
    private static Map<String, String> credentials(YamlDocument doc, Node node) {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        doc.mapping(node, "platform.credentials").ifPresent(c -> {
            for (String key : PlatformSection.CREDENTIAL_KEYS) {
                c.optional(key).flatMap(n -> doc.string(n, "platform.credentials." + key).filter(v -> {
                    if (!ENV_NAME.matcher(v).matches()) {
                        doc.error(n, "platform.credentials." + key + " names the environment variable holding it"
                                + " (letters, digits, _; e.g. ONENET_API_KEY), never the credential; found a value"
                                + " that is not a variable name");
                        return false;
                    }
                    return true;
                })).ifPresent(v -> names.put(key, v));
            }
            c.finish(PlatformSection.CREDENTIAL_KEYS);
        });
        return names;
    }

    private static Optional<String> httpUrl(YamlDocument doc, Node n, String what) {
        return doc.string(n, what).filter(s -> {
            try {
                java.net.URI u = new java.net.URI(s);
                if (("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
                        && u.getHost() != null) {
                    return true;
                }
            } catch (java.net.URISyntaxException e) {
                // reported below
            }
            doc.error(n, what + " must be an http:// or https:// URL with a host, found '" + s + "'");
            return false;
        });
    }

    /** {@code push-bind}: HOST:PORT ({@code [v6]:PORT}) with a port 0..65535 (0: any free port). */
    private static boolean bindAddress(YamlDocument doc, Node n, String s) {
        HostPort hp = HostPort.split(s);
        boolean hostOk = hp.bracketed() ? hp.host().matches("[0-9A-Fa-f:.]+") : HOST.matcher(hp.host()).matches();
        if (!hostOk || hp.portNumber(0, 65535) < 0) {
            doc.error(n, "platform.push-bind must be HOST:PORT the push receiver listens on (e.g. 0.0.0.0:8443,"
                    + " 127.0.0.1:8443), found '" + s + "'");
            return false;
        }
        return true;
    }

    private static Optional<Rack.PlatformAddress> address(YamlDocument doc, Node n, String what, String s) {
        HostPort hp = HostPort.split(s);
        boolean hostOk = hp.bracketed() ? hp.host().matches("[0-9A-Fa-f:.]+") : HOST.matcher(hp.host()).matches();
        boolean portOk = hp.portNumber(1, 65535) > 0;
        if (!hostOk || !portOk) {
            doc.error(n, what + " must be HOST:PORT as the module reaches the server (e.g. "
                    + "192.168.10.2:5683, [fd00::2]:5683), found '" + s + "'");
            return Optional.empty();
        }
        return Optional.of(new Rack.PlatformAddress(hp.host(), hp.portNumber(1, 65535)));
    }

    // ---- power

    static Optional<PowerSpec> power(YamlDocument doc, Node node, Duration[] offTime) {
        return channel(doc, node, "power", COMMON_POWER_KEYS, m -> m.optional("off-time")
                .flatMap(n -> doc.duration(n, "power.off-time")).ifPresent(d -> offTime[0] = d));
    }

    /** The {@code wake:} channel: a switch closed then opened again pulls PSM_EINT low for {@code pulse}. */
    static Optional<WakeSpec> wake(YamlDocument doc, Node node) {
        Duration[] pulse = {WakeSpec.DEFAULT_PULSE};
        return channel(doc, node, "wake", COMMON_WAKE_KEYS, m -> m.optional("pulse")
                .flatMap(n -> positive(doc, n, "wake.pulse")).ifPresent(d -> pulse[0] = d))
                .map(spec -> new WakeSpec(spec, pulse[0]));
    }

    /** A switch section ({@code power:} or {@code wake:}): the driver, its keys, the section's common keys. */
    private static Optional<PowerSpec> channel(YamlDocument doc, Node node, String section, List<String> common,
                                               java.util.function.Consumer<MappingReader> commonExtras) {
        Optional<MappingReader> mr = doc.mapping(node, section);
        if (mr.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = mr.get();
        Optional<String> driver = m.required("driver").flatMap(n -> doc.oneOf(n, section + ".driver", DRIVERS));
        commonExtras.accept(m);
        if (driver.isEmpty()) {
            // report unknown keys against every driver's keys, so one typo does not hide another
            List<String> all = new ArrayList<>(common);
            DRIVER_KEYS.values().forEach(all::addAll);
            all.forEach(m::optional);
            m.finish(List.of());
            return Optional.empty();
        }
        String d = driver.get();
        Duration fallback = d.equals("command") ? DEFAULT_COMMAND_TIMEOUT : PowerSpec.DEFAULT_TIMEOUT;
        Duration timeout = m.optional("timeout").flatMap(n -> positive(doc, n, section + ".timeout")).orElse(fallback);
        RackDriverReader p = new RackDriverReader(doc, m, timeout, d, section);
        int before = doc.errors().size();
        Optional<PowerSpec> spec;
        try {
            spec = switch (d) {
                case "virtual" -> Optional.of(new PowerSpec.Virtual(timeout));
                case "lcus" -> p.lcus();
                case "numato" -> p.numato();
                case "http" -> p.http();
                case "gpio" -> p.gpio();
                default -> p.command();
            };
        } catch (IllegalArgumentException e) {
            // a combination the record refuses that the checks above did not name
            doc.error(node, section + ": " + e.getMessage());
            spec = Optional.empty();
        }
        List<String> known = new ArrayList<>(common);
        known.addAll(DRIVER_KEYS.get(d));
        m.finish(known);
        return doc.errors().size() == before ? spec : Optional.empty();
    }

    private static Optional<Duration> positive(YamlDocument doc, Node n, String what) {
        return doc.duration(n, what).filter(dur -> {
            if (dur.isZero()) {
                doc.error(n, what + " must be longer than 0");
                return false;
            }
            return true;
        });
    }
}
