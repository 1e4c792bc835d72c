package org.miplhil.power.rack;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.miplhil.link.LinkSpec;
import org.miplhil.power.FrameTemplate;
import org.miplhil.power.PowerSpec;
import org.miplhil.power.WakeSpec;
import org.miplhil.yaml.LoadResult;
import org.miplhil.yaml.Problem;
import org.miplhil.yaml.YamlDocument;
import org.miplhil.yaml.YamlDocument.MappingReader;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

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

    static final List<String> TOP_KEYS = List.of("name", "module", "platform", "power", "wake", "notes");
    static final List<String> MODULE_KEYS = List.of("port", "baud", "imei", "profile");
    static final List<String> PLATFORM_KEYS = List.of("address");
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

    private static final Pattern IMEI = Pattern.compile("\\d{15}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");

    private RackLoader() {
    }

    public static LoadResult<Rack> load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return LoadResult.invalid(file, "cannot read the rack file: " + e.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, dir == null ? Path.of(".") : dir);
    }

    /** Whether lint should read the file as a rack file: a YAML file in a directory named {@code racks}. */
    public static boolean isRackFile(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("racks")
                && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    /** Every problem of a rack file; empty when it is valid (for lint). */
    public static List<Problem> validate(Path file) {
        return load(file).problems();
    }

    /**
     * @param baseDir the directory relative paths (the profile) are resolved against
     */
    public static LoadResult<Rack> parse(String fileName, String text, Path baseDir) {
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
        Optional<Rack.Module> module = t.required("module").flatMap(n -> module(doc, n, baseDir));
        Optional<Rack.PlatformAddress> platform = t.required("platform").flatMap(n -> platform(doc, n));
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
                offTime[0], notes, wake));
    }

    // ---- module and platform

    private static Optional<Rack.Module> module(YamlDocument doc, Node node, Path baseDir) {
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
        Optional<Path> profile = m.required("profile").flatMap(n -> existingFile(doc, n, "module.profile", baseDir));
        m.finish(MODULE_KEYS);
        if (port.isEmpty() || baud < 0 || imei.isEmpty() || profile.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rack.Module(port.get(), baud, imei.get(), profile.get()));
    }

    private static Optional<String> modulePort(YamlDocument doc, Node n) {
        return doc.string(n, "module.port").filter(p -> {
            if (p.equals(Rack.SIM)) {
                return true;
            }
            return linkPort(doc, n, "module.port", p);
        });
    }

    /** A device path or tcp:HOST:PORT, baud rate in its own key. */
    private static boolean linkPort(YamlDocument doc, Node n, String what, String p) {
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
                    + "tcp:HOST:PORT" + (what.equals("module.port") ? " or sim" : "") + ", found '" + p + "'");
            return false;
        }
        return true;
    }

    private static Optional<Path> existingFile(YamlDocument doc, Node n, String what, Path baseDir) {
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

    private static Optional<Rack.PlatformAddress> platform(YamlDocument doc, Node node) {
        Optional<MappingReader> mr = doc.mapping(node, "platform");
        if (mr.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = mr.get();
        Optional<Rack.PlatformAddress> address = m.required("address")
                .flatMap(n -> doc.string(n, "platform.address").flatMap(s -> address(doc, n, s)));
        m.finish(PLATFORM_KEYS);
        return address;
    }

    private static Optional<Rack.PlatformAddress> address(YamlDocument doc, Node n, String s) {
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf("]:");
            host = close < 0 ? "" : s.substring(1, close);
            port = close < 0 ? "" : s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            host = colon < 0 ? s : s.substring(0, colon);
            port = colon < 0 ? "" : s.substring(colon + 1);
        }
        boolean hostOk = s.startsWith("[") ? host.matches("[0-9A-Fa-f:.]+") : HOST.matcher(host).matches();
        boolean portOk = port.matches("\\d{1,5}") && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
        if (!hostOk || !portOk) {
            doc.error(n, "platform.address must be HOST:PORT as the module reaches the server (e.g. "
                    + "192.168.10.2:5683, [fd00::2]:5683), found '" + s + "'");
            return Optional.empty();
        }
        return Optional.of(new Rack.PlatformAddress(host, Integer.parseInt(port)));
    }

    // ---- power

    private static Optional<PowerSpec> power(YamlDocument doc, Node node, Duration[] offTime) {
        return channel(doc, node, "power", COMMON_POWER_KEYS, m -> m.optional("off-time")
                .flatMap(n -> doc.duration(n, "power.off-time")).ifPresent(d -> offTime[0] = d));
    }

    /** The {@code wake:} channel: a switch closed then opened again pulls PSM_EINT low for {@code pulse}. */
    private static Optional<WakeSpec> wake(YamlDocument doc, Node node) {
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
        Power p = new Power(doc, m, timeout, d, section);
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

    /** Reads one driver's keys. */
    private static final class Power {
        private final YamlDocument doc;
        private final MappingReader m;
        private final Duration timeout;
        private final String driver;
        private final String section;

        Power(YamlDocument doc, MappingReader m, Duration timeout, String driver, String section) {
            this.section = section;
            this.doc = doc;
            this.m = m;
            this.timeout = timeout;
            this.driver = driver;
        }

        private String what(String key) {
            return section + "." + key;
        }

        private OptionalLong integer(String key, long min, long max, boolean required) {
            Optional<Node> n = required ? m.required(key) : m.optional(key);
            return n.isEmpty() ? OptionalLong.empty() : doc.integer(n.get(), what(key), min, max);
        }

        private Optional<String> text(String key, boolean required) {
            return (required ? m.required(key) : m.optional(key)).flatMap(n -> doc.string(n, what(key)));
        }

        private boolean flag(String key, boolean dflt) {
            return m.optional(key).flatMap(n -> doc.bool(n, what(key))).orElse(dflt);
        }

        private Optional<String> port() {
            return m.required("port").flatMap(n -> doc.string(n, what("port"))
                    .filter(p -> linkPort(doc, n, what("port"), p)));
        }

        private int baud(int dflt) {
            return (int) integer("baud", 50, 4_000_000, false).orElse(dflt);
        }

        Optional<PowerSpec> lcus() {
            Optional<String> port = port();
            int baud = baud(PowerSpec.Lcus.DEFAULT_BAUD);
            OptionalLong channel = integer("channel", 0, 255, true);
            PowerSpec.Frames frames = m.optional("frames").flatMap(this::frames).orElse(PowerSpec.Frames.LCUS);
            boolean verify = flag("verify", true);
            if (port.isEmpty() || channel.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(PowerSpec.Lcus.builder(port.get()).baud(baud).channel((int) channel.getAsLong())
                    .frames(frames).verify(verify).timeout(timeout).build());
        }

        private Optional<PowerSpec.Frames> frames(Node node) {
            Optional<MappingReader> fr = doc.mapping(node, section + ".frames");
            if (fr.isEmpty()) {
                return Optional.empty();
            }
            MappingReader f = fr.get();
            Function<String, Optional<FrameTemplate>> read = key -> f.optional(key).flatMap(n -> frame(n, key));
            Optional<FrameTemplate> on = f.required("on").flatMap(n -> frame(n, "on"));
            Optional<FrameTemplate> off = f.required("off").flatMap(n -> frame(n, "off"));
            Optional<FrameTemplate> query = read.apply("query");
            Optional<FrameTemplate> replyOn = read.apply("reply-on");
            Optional<FrameTemplate> replyOff = read.apply("reply-off");
            boolean anyQuery = f.valueNode("query") != f.node() || f.valueNode("reply-on") != f.node()
                    || f.valueNode("reply-off") != f.node();
            boolean allQuery = f.valueNode("query") != f.node() && f.valueNode("reply-on") != f.node()
                    && f.valueNode("reply-off") != f.node();
            f.finish(FRAME_KEYS);
            if (anyQuery && !allQuery) {
                doc.error(node, section + ".frames: query, reply-on and reply-off go together (a board that can be asked "
                        + "for its state needs all three)");
                return Optional.empty();
            }
            if (on.isEmpty() || off.isEmpty() || (allQuery && (query.isEmpty() || replyOn.isEmpty() || replyOff.isEmpty()))) {
                return Optional.empty();
            }
            return Optional.of(new PowerSpec.Frames(on.get(), off.get(), query, replyOn, replyOff));
        }

        private Optional<FrameTemplate> frame(Node n, String key) {
            return doc.string(n, section + ".frames." + key).flatMap(text -> {
                FrameTemplate.Parse p = FrameTemplate.parse(text);
                if (p instanceof FrameTemplate.Parse.Invalid bad) {
                    doc.error(n, section + ".frames." + key + ": " + bad.reason());
                    return Optional.empty();
                }
                return Optional.of(((FrameTemplate.Parse.Ok) p).template());
            });
        }

        Optional<PowerSpec> numato() {
            Optional<String> port = port();
            int baud = baud(PowerSpec.Numato.DEFAULT_BAUD);
            OptionalLong channel = integer("channel", 0, 31, true);
            boolean verify = flag("verify", true);
            if (port.isEmpty() || channel.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new PowerSpec.Numato(port.get(), baud, (int) channel.getAsLong(), verify, timeout));
        }

        Optional<PowerSpec> http() {
            Optional<String> host = m.required("host").flatMap(n -> doc.string(n, what("host")).filter(h -> {
                if (h.isBlank() || h.contains("/") || h.contains(" ")) {
                    doc.error(n, section + ".host is a host name or address, with an optional :port, found '" + h + "'");
                    return false;
                }
                return true;
            }));
            OptionalLong channel = integer("channel", 0, 65_535, true);
            String style = m.optional("style").flatMap(n -> doc.oneOf(n, what("style"),
                    List.of("tasmota", "shelly", "shelly-gen2", "custom"))).orElse("custom");
            Optional<String> userEnv = envName("user-env");
            Optional<String> passwordEnv = envName("password-env");
            Optional<PowerSpec.Http.Auth> auth = m.optional("auth")
                    .flatMap(n -> doc.oneOf(n, what("auth"), List.of("basic", "url")))
                    .map(a -> a.equals("url") ? PowerSpec.Http.Auth.URL : PowerSpec.Http.Auth.BASIC);
            Optional<PowerSpec.Http.Method> method = m.optional("method")
                    .flatMap(n -> doc.oneOf(n, what("method"), List.of("GET", "POST")))
                    .map(PowerSpec.Http.Method::valueOf);
            Optional<Node> onNode = m.optional("on");
            Optional<Node> offNode = m.optional("off");
            Optional<Node> stateNode = m.optional("state");
            Optional<Node> jsonNode = m.optional("state-json");
            Optional<Node> regexNode = m.optional("state-regex");
            boolean verify = flag("verify", true);
            if (host.isEmpty() || channel.isEmpty()) {
                return Optional.empty();
            }
            int ch = (int) channel.getAsLong();
            boolean credentials = userEnv.isPresent() || passwordEnv.isPresent();
            PowerSpec.Http.Builder b = switch (style) {
                case "tasmota" -> PowerSpec.Http.tasmota(host.get(), ch,
                        credentials && auth.orElse(PowerSpec.Http.Auth.URL) == PowerSpec.Http.Auth.URL);
                case "shelly" -> PowerSpec.Http.shelly(host.get(), ch);
                case "shelly-gen2" -> PowerSpec.Http.shellyGen2(host.get(), ch);
                default -> PowerSpec.Http.builder(host.get()).channel(ch);
            };
            if (style.equals("shelly-gen2") && credentials) {
                doc.error(m.keyNode(userEnv.isPresent() ? "user-env" : "password-env"), "Shelly Gen2 devices "
                        + "authenticate with HTTP digest, which the http driver does not speak: turn authentication "
                        + "off on the device, or use the command driver with curl --digest");
            }
            if (style.equals("custom") && (onNode.isEmpty() || offNode.isEmpty())) {
                doc.error(m.node(), section + ": the http driver needs 'on' and 'off' URLs (or a style: tasmota, shelly, "
                        + "shelly-gen2)");
                return Optional.empty();
            }
            auth.ifPresent(b::auth);
            method.ifPresent(b::method);
            b.credentialsFrom(userEnv.orElse(null), passwordEnv.orElse(null)).verify(verify).timeout(timeout);
            onNode.flatMap(n -> url(n, "on", ch)).ifPresent(b::onUrl);
            offNode.flatMap(n -> url(n, "off", ch)).ifPresent(b::offUrl);
            stateNode.flatMap(n -> url(n, "state", ch)).ifPresent(b::stateUrl);
            if (jsonNode.isPresent() && regexNode.isPresent()) {
                doc.error(regexNode.get(), section + ": state-json and state-regex exclude each other");
            }
            jsonNode.flatMap(n -> doc.string(n, what("state-json")).filter(path -> {
                Optional<String> problem = PowerSpec.Http.jsonPathProblem(path);
                problem.ifPresent(pr -> doc.error(n, section + ".state-json: " + pr));
                return problem.isEmpty();
            })).ifPresent(b::stateJson);
            regexNode.flatMap(n -> doc.string(n, what("state-regex")).filter(r -> regex(n, r.replace("{ch}",
                    Integer.toString(ch)), "state-regex", true))).ifPresent(b::stateRegex);
            boolean preset = !style.equals("custom");
            if (stateNode.isPresent() && !preset && jsonNode.isEmpty() && regexNode.isEmpty()) {
                doc.error(stateNode.get(), section + ": a state URL needs state-json or state-regex to read the state "
                        + "from the reply");
                return Optional.empty();
            }
            if (stateNode.isEmpty() && !preset && (jsonNode.isPresent() || regexNode.isPresent())) {
                doc.error(jsonNode.orElseGet(regexNode::get), section + ": state-json and state-regex read the reply of "
                        + "the 'state' URL, which is missing");
                return Optional.empty();
            }
            if (doc.hasErrors()) {
                return Optional.empty();
            }
            PowerSpec.Http spec = b.build();
            boolean urlAuth = spec.auth() == PowerSpec.Http.Auth.URL;
            for (String u : List.of(spec.onUrl(), spec.offUrl(), spec.stateUrl().orElse(""))) {
                boolean placeholders = u.contains("{user}") || u.contains("{password}");
                if (placeholders && !urlAuth) {
                    doc.error(m.node(), section + ": {user} and {password} in a URL need auth: url");
                    break;
                }
            }
            if (urlAuth && credentials && !spec.onUrl().contains("{password}") && passwordEnv.isPresent()) {
                doc.error(m.keyNode("auth"), section + ": auth is url, but the on URL has no {password}: "
                        + "the credentials would never be sent");
            }
            return Optional.of(spec);
        }

        private Optional<String> envName(String key) {
            return m.optional(key).flatMap(n -> doc.string(n, what(key)).filter(v -> {
                if (!ENV_NAME.matcher(v).matches()) {
                    doc.error(n, what(key) + " names an environment variable (letters, digits, _), found '" + v
                            + "'; the value itself never goes in a rack file");
                    return false;
                }
                return true;
            }));
        }

        private Optional<String> url(Node n, String key, int ch) {
            return doc.string(n, what(key)).filter(u -> {
                String expanded = u.replace("{host}", "host.example").replace("{ch}", Integer.toString(ch))
                        .replace("{user}", "u").replace("{password}", "p");
                try {
                    URI uri = new URI(expanded);
                    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                        doc.error(n, what(key) + " must be an http:// or https:// URL, found '" + u + "'");
                        return false;
                    }
                } catch (URISyntaxException e) {
                    doc.error(n, what(key) + " is not a URL once {host}, {ch}, {user}, {password} are filled in: "
                            + e.getReason() + " (write spaces as %20)");
                    return false;
                }
                return true;
            });
        }

        private boolean regex(Node n, String r, String key, boolean needsGroup) {
            try {
                Pattern p = Pattern.compile(r);
                if (needsGroup && p.matcher("").groupCount() < 1) {
                    doc.error(n, what(key) + " needs a group around the state, e.g. \"ison\":(true|false)");
                    return false;
                }
                return true;
            } catch (PatternSyntaxException e) {
                doc.error(n, what(key) + " is not a valid regular expression: " + e.getDescription()
                        + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
                return false;
            }
        }

        Optional<PowerSpec> gpio() {
            String backend = m.optional("backend")
                    .flatMap(n -> doc.oneOf(n, what("backend"), List.of("gpiod", "sysfs"))).orElse("gpiod");
            Optional<String> chip = text("chip", backend.equals("gpiod"));
            OptionalLong line = integer("line", 0, 1_000_000, true);
            boolean activeLow = flag("active-low", false);
            PowerSpec.Gpio.GpiodVersion version = m.optional("gpiod-version").flatMap(n -> {
                if (n instanceof ScalarNode s && List.of("1", "2", "auto").contains(s.getValue())) {
                    return Optional.of(switch (s.getValue()) {
                        case "1" -> PowerSpec.Gpio.GpiodVersion.V1;
                        case "2" -> PowerSpec.Gpio.GpiodVersion.V2;
                        default -> PowerSpec.Gpio.GpiodVersion.AUTO;
                    });
                }
                doc.error(n, what("gpiod-version") + " must be 1, 2 or auto");
                return Optional.empty();
            }).orElse(PowerSpec.Gpio.GpiodVersion.AUTO);
            String gpioset = text("gpioset", false).orElse("gpioset");
            String gpioget = text("gpioget", false).orElse("gpioget");
            Path root = text("sysfs-root", false).map(Path::of).orElse(PowerSpec.Gpio.SYSFS);
            if (backend.equals("sysfs")) {
                for (String k : List.of("gpiod-version", "gpioset", "gpioget")) {
                    if (m.valueNode(k) != m.node()) {
                        doc.error(m.keyNode(k), what(k) + " applies to backend gpiod, not sysfs");
                    }
                }
            } else if (m.valueNode("sysfs-root") != m.node()) {
                doc.error(m.keyNode("sysfs-root"), what("sysfs-root") + " applies to backend sysfs, not gpiod");
            }
            if (line.isEmpty() || (backend.equals("gpiod") && chip.isEmpty())) {
                return Optional.empty();
            }
            PowerSpec.Gpio.Builder b = backend.equals("gpiod")
                    ? PowerSpec.Gpio.gpiod(chip.get(), (int) line.getAsLong())
                    : PowerSpec.Gpio.sysfs((int) line.getAsLong()).chip(chip.orElse(""));
            return Optional.of(b.activeLow(activeLow).gpiodVersion(version).programs(gpioset, gpioget)
                    .sysfsRoot(root).timeout(timeout).build());
        }

        Optional<PowerSpec> command() {
            Optional<PowerSpec.Invocation> on = m.required("on").flatMap(n -> invocation(n, "on"));
            Optional<PowerSpec.Invocation> off = m.required("off").flatMap(n -> invocation(n, "off"));
            Optional<Node> stateNode = m.optional("state");
            Optional<PowerSpec.Invocation> state = stateNode.flatMap(n -> invocation(n, "state"));
            Optional<Pattern> stateOn = m.optional("state-on").flatMap(n -> pattern(n, "state-on"));
            Optional<Pattern> stateOff = m.optional("state-off").flatMap(n -> pattern(n, "state-off"));
            int channel = (int) integer("channel", 0, 65_535, false).orElse(1);
            if (stateNode.isPresent() && (m.valueNode("state-on") == m.node() || m.valueNode("state-off") == m.node())) {
                doc.error(stateNode.get(), section + ": a state command needs state-on and state-off (regular "
                        + "expressions searched in its output)");
            }
            if (stateNode.isEmpty() && (m.valueNode("state-on") != m.node() || m.valueNode("state-off") != m.node())) {
                doc.error(m.node(), section + ": state-on and state-off need a state command");
            }
            if (on.isEmpty() || off.isEmpty()) {
                return Optional.empty();
            }
            PowerSpec.Command.Builder b = PowerSpec.Command.builder(on.get(), off.get()).channel(channel).timeout(timeout);
            if (state.isPresent() && stateOn.isPresent() && stateOff.isPresent()) {
                b.state(state.get(), stateOn.get(), stateOff.get());
            }
            return Optional.of(b.build());
        }

        private Optional<PowerSpec.Invocation> invocation(Node n, String key) {
            if (n instanceof SequenceNode seq) {
                List<String> args = new ArrayList<>();
                for (Node item : seq.getValue()) {
                    doc.string(item, what(key) + " argument").ifPresent(args::add);
                }
                if (args.size() != seq.getValue().size()) {
                    return Optional.empty();
                }
                if (args.isEmpty() || args.get(0).isBlank()) {
                    doc.error(n, what(key) + " needs a program: [program, arg, ...]");
                    return Optional.empty();
                }
                return Optional.of(new PowerSpec.Invocation.Argv(args));
            }
            return doc.string(n, what(key) + " (a shell line or a list [program, arg, ...])").filter(s -> {
                if (s.isBlank()) {
                    doc.error(n, what(key) + " is empty");
                    return false;
                }
                return true;
            }).map(PowerSpec.Invocation.Shell::new);
        }

        private Optional<Pattern> pattern(Node n, String key) {
            return doc.string(n, what(key)).filter(r -> regex(n, r, key, false)).map(Pattern::compile);
        }
    }
}
