package org.miplhil.power.rack;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.miplhil.power.FrameTemplate;
import org.miplhil.power.PowerSpec;
import org.miplhil.yaml.YamlDocument;
import org.miplhil.yaml.YamlDocument.MappingReader;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the keys of one switch driver in a rack file's {@code power:} or {@code wake:} section (see docs/power.md);
 * problems are recorded on the document, like every reader of the rack file.
 */
final class RackDriverReader {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final YamlDocument doc;
    private final MappingReader m;
    private final Duration timeout;
    private final String driver;
    private final String section;

    RackDriverReader(YamlDocument doc, MappingReader m, Duration timeout, String driver, String section) {
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
                .filter(p -> RackLoader.linkPort(doc, n, what("port"), p)));
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
        f.finish(RackLoader.FRAME_KEYS);
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
