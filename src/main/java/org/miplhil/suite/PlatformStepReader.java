package org.miplhil.suite;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.miplhil.suite.PlatformExpectation.ResponseCode;
import org.miplhil.suite.PlatformOperation.WriteMode;
import org.miplhil.yaml.YamlDocument;
import org.miplhil.yaml.YamlDocument.MappingReader;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** The platform's steps: operations ({@code platform:}) and expectations ({@code expect-platform:}), with typed values. */
final class PlatformStepReader {

    private static final Pattern COAP_CODE = Pattern.compile("([245])\\.(\\d\\d)");
    private static final Pattern RELATIVE_KEY = Pattern.compile("\\d{1,5}(/\\d{1,5})?");
    private static final List<String> OPERATIONS = SuiteKeys.WORDS.get("platform");
    private static final List<String> EXPECTATIONS = SuiteKeys.WORDS.get("expect-platform");
    private static final List<String> ATTRIBUTE_KEYS = List.of("pmin", "pmax", "gt", "lt", "st");

    private final YamlDocument doc;
    private final SuiteValueReader read;

    PlatformStepReader(YamlDocument doc, SuiteValueReader read) {
        this.doc = doc;
        this.read = read;
    }

    Optional<Step> platform(MappingReader m, StepScope scope, Position pos) {
        Optional<String> op = m.required("platform").flatMap(n -> doc.oneOf(n, "'platform'", OPERATIONS));
        Optional<LwM2mPath> path = m.required("path").flatMap(n -> read.path(n, "'path'"));
        Optional<String> as = m.optional("as").flatMap(n -> read.requestName(n, scope));
        Optional<Duration> timeout = m.optional("timeout").flatMap(n -> read.positiveDuration(n, "'timeout'"));
        if (op.isEmpty()) {
            m.takeAllKeys();
            return Optional.empty();
        }
        String o = op.get();
        read.onlyFor(m, o, "value", List.of("write"));
        read.onlyFor(m, o, "values", List.of("write"));
        read.onlyFor(m, o, "mode", List.of("write"));
        read.onlyFor(m, o, "args", List.of("execute"));
        for (String a : ATTRIBUTE_KEYS) {
            read.onlyFor(m, o, a, List.of("observe", "write-attributes"));
        }
        if (path.isEmpty()) {
            m.takeAllKeys(); // the operation's other keys cannot be checked without a path
        }
        Optional<PlatformOperation> operation = path.flatMap(p -> switch (o) {
            case "discover" -> Optional.of(new PlatformOperation.Discover(p));
            case "observe" -> attributes(m).map(a -> new PlatformOperation.Observe(p, a));
            case "cancel" -> Optional.of(new PlatformOperation.Cancel(p));
            case "read" -> Optional.of(new PlatformOperation.Read(p));
            case "write" -> write(m, p, scope);
            case "execute" -> execute(m, p, scope);
            default -> attributes(m).flatMap(a -> {
                if (a.isEmpty()) {
                    doc.error(m.node(), "'platform: write-attributes' needs at least one of pmin, pmax, gt, lt, st");
                    return Optional.empty();
                }
                return Optional.of(new PlatformOperation.WriteAttributes(p, a));
            });
        });
        scope.latestRequest = Optional.of(path);
        as.ifPresent(name -> scope.requests.put(name, path));
        return operation.map(x -> new Step.Platform(x, as, timeout, pos));
    }

    private Optional<PlatformOperation> write(MappingReader m, LwM2mPath p, StepScope scope) {
        WriteMode mode = m.optional("mode").flatMap(n -> doc.oneOf(n, "'mode'", SuiteKeys.WORDS.get("mode")))
                .map(w -> w.equals("replace") ? WriteMode.REPLACE : WriteMode.PARTIAL).orElse(WriteMode.REPLACE);
        if (p.depth() == 1) {
            doc.error(m.valueNode("path"), "'platform: write' writes a resource (/3311/0/5850) or an instance (/3311/0), not "
                    + p);
            return Optional.empty();
        }
        if (mode == WriteMode.PARTIAL && p.isResource()) {
            doc.error(m.valueNode("mode"), "'mode: partial' updates some resources of an instance; a resource path is"
                    + " always replaced");
        }
        Map<LwM2mPath, TypedValue> values = values(m, p, scope, true);
        return values.isEmpty() ? Optional.empty() : Optional.of(new PlatformOperation.Write(p, mode, values));
    }

    private Optional<PlatformOperation> execute(MappingReader m, LwM2mPath p, StepScope scope) {
        if (!p.isResource()) {
            doc.error(m.valueNode("path"), "'platform: execute' needs a resource path such as /3311/0/5523, found " + p);
            return Optional.empty();
        }
        Optional<Template> args = m.optional("args").flatMap(n -> read.template(n, "'args'", scope));
        return Optional.of(new PlatformOperation.Execute(p, args));
    }

    private Optional<Attributes> attributes(MappingReader m) {
        int before = read.errorCount();
        OptionalLong pmin = m.optional("pmin").map(n -> doc.integer(n, "'pmin'", 0, Integer.MAX_VALUE))
                .orElse(OptionalLong.empty());
        OptionalLong pmax = m.optional("pmax").map(n -> doc.integer(n, "'pmax'", 0, Integer.MAX_VALUE))
                .orElse(OptionalLong.empty());
        Optional<BigDecimal> gt = m.optional("gt").flatMap(n -> doc.number(n, "'gt'"));
        Optional<BigDecimal> lt = m.optional("lt").flatMap(n -> doc.number(n, "'lt'"));
        Optional<BigDecimal> st = m.optional("st").flatMap(n -> doc.number(n, "'st'"));
        if (pmin.isPresent() && pmax.isPresent() && pmin.getAsLong() > pmax.getAsLong()) {
            doc.error(m.valueNode("pmax"), "'pmax' (" + pmax.getAsLong() + ") is below 'pmin' (" + pmin.getAsLong() + ")");
        }
        if (st.isPresent() && st.get().signum() < 0) {
            doc.error(m.valueNode("st"), "'st' (step) cannot be negative");
        }
        return read.errorCount() == before ? Optional.of(new Attributes(pmin, pmax, gt, lt, st)) : Optional.empty();
    }

    Optional<Step> expectPlatform(MappingReader m, StepScope scope, Position pos) {
        Optional<String> what = m.required("expect-platform").flatMap(n -> doc.oneOf(n, "'expect-platform'", EXPECTATIONS));
        Duration within = m.required("within").flatMap(n -> read.positiveDuration(n, "'within'")).orElse(null);
        Since since = read.since(m);
        if (what.isEmpty()) {
            m.takeAllKeys();
            return Optional.empty();
        }
        String w = what.get();
        read.onlyFor(m, w, "to", List.of("response"));
        read.onlyFor(m, w, "code", List.of("response"));
        read.onlyFor(m, w, "path", List.of("notification"));
        read.onlyFor(m, w, "value", List.of("response", "notification"));
        read.onlyFor(m, w, "values", List.of("response", "notification"));
        read.onlyFor(m, w, "lifetime", List.of("registered", "updated"));
        read.onlyFor(m, w, "objects", List.of("registered"));
        read.onlyFor(m, w, "count", List.of("notification"));
        Optional<PlatformExpectation> e = switch (w) {
            case "response" -> response(m, scope);
            case "notification" -> {
                Optional<LwM2mPath> p = m.required("path").flatMap(n -> read.path(n, "'path'"));
                if (p.isEmpty()) {
                    m.optional("value");
                    m.optional("values");
                }
                java.util.OptionalInt count = m.optional("count").map(n -> doc.integer(n, "'count'", 1, 1000))
                        .filter(OptionalLong::isPresent).map(c -> java.util.OptionalInt.of((int) c.getAsLong()))
                        .orElse(java.util.OptionalInt.empty());
                yield p.map(x -> new PlatformExpectation.Notification(x, values(m, x, scope, false), count));
            }
            case "registered" -> {
                OptionalLong lifetime = lifetime(m);
                List<LwM2mPath> objects = new ArrayList<>();
                m.optional("objects").flatMap(n -> doc.sequence(n, "'objects'")).ifPresent(items -> {
                    for (Node item : items) {
                        read.path(item, "an object link").ifPresent(p -> {
                            if (p.depth() > 2) {
                                doc.error(item, "an object link is /objId or /objId/insId (as registered), found " + p);
                            } else {
                                objects.add(p);
                            }
                        });
                    }
                });
                yield Optional.of(new PlatformExpectation.Registered(lifetime, objects));
            }
            case "updated" -> Optional.of(new PlatformExpectation.Updated(lifetime(m)));
            default -> Optional.of(new PlatformExpectation.Deregistered());
        };
        if (within == null) {
            return Optional.empty();
        }
        return e.map(x -> new Step.ExpectPlatform(x, within, since, pos));
    }

    private OptionalLong lifetime(MappingReader m) {
        return m.optional("lifetime").map(n -> doc.integer(n, "'lifetime'", 0, 268_435_455L)).orElse(OptionalLong.empty());
    }

    private Optional<PlatformExpectation> response(MappingReader m, StepScope scope) {
        Optional<String> to = Optional.empty();
        Optional<LwM2mPath> requestPath = Optional.empty();
        Optional<Node> toNode = m.optional("to");
        if (toNode.isPresent()) {
            to = doc.string(toNode.get(), "'to'");
            if (to.isPresent()) {
                Optional<LwM2mPath> known = scope.requests.get(to.get());
                if (!scope.requests.containsKey(to.get())) {
                    doc.error(toNode.get(), "no earlier platform step is named '" + to.get() + "' (name one with 'as: "
                            + to.get() + "')" + (scope.requests.isEmpty() ? "" : "; named so far: "
                            + String.join(", ", scope.requests.keySet())));
                } else {
                    requestPath = known;
                }
            }
        } else if (scope.latestRequest.isEmpty()) {
            doc.error(m.node(), "'expect-platform: response' checks the answer to a platform request, and no earlier"
                    + " step sends one");
        } else {
            requestPath = scope.latestRequest.get();
        }
        Optional<ResponseCode> code = m.optional("code").flatMap(this::responseCode);
        Map<LwM2mPath, TypedValue> values;
        if (requestPath.isPresent()) {
            values = values(m, requestPath.get(), scope, false);
        } else {
            m.optional("value"); // the request is unknown (reported above): its values cannot be checked
            m.optional("values");
            values = Map.of();
        }
        return Optional.of(new PlatformExpectation.Response(to, code, values));
    }

    private Optional<ResponseCode> responseCode(Node n) {
        Optional<String> text = doc.string(n, "'code'");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.get().equals("timeout")) {
            return Optional.of(new ResponseCode.Timeout());
        }
        Matcher c = COAP_CODE.matcher(text.get());
        if (!c.matches()) {
            doc.error(n, "'code' must be a CoAP response code such as 2.05, 2.04 or 4.04, or timeout; found '"
                    + text.get() + "'");
            return Optional.empty();
        }
        return Optional.of(new ResponseCode.Coap(Integer.parseInt(c.group(1)), Integer.parseInt(c.group(2))));
    }

    /**
     * {@code value} (the path is a resource) or {@code values} (keys relative to the path: {@code 5850} below an
     * instance, {@code 0/5850} below an object; or absolute, {@code /3311/0/5850}). {@code required}: one of them must
     * be there.
     */
    private Map<LwM2mPath, TypedValue> values(MappingReader m, LwM2mPath base, StepScope scope, boolean required) {
        Map<LwM2mPath, TypedValue> values = new LinkedHashMap<>();
        Optional<Node> single = m.optional("value");
        Optional<Node> several = m.optional("values");
        if (single.isPresent() && several.isPresent()) {
            doc.error(m.keyNode("values"), "give 'value' (one resource) or 'values' (several), not both");
            return Map.of();
        }
        if (single.isPresent()) {
            if (!base.isResource()) {
                doc.error(m.keyNode("value"), "'value' is for a resource path; " + base
                        + " is not one: use 'values' with resource ids as keys");
                return Map.of();
            }
            typedValue(single.get(), scope).ifPresent(v -> values.put(base, v));
        } else if (several.isPresent()) {
            doc.mapping(several.get(), "'values'").ifPresent(vm -> {
                if (vm.keys().isEmpty()) {
                    doc.error(several.get(), "'values' is empty");
                }
                for (String key : vm.takeAllKeys()) {
                    Optional<LwM2mPath> p = valuePath(vm.keyNode(key), key, base);
                    Optional<TypedValue> v = typedValue(vm.valueNode(key), scope);
                    if (p.isPresent() && v.isPresent()) {
                        values.put(p.get(), v.get());
                    }
                }
            });
        } else if (required) {
            doc.error(m.node(), base.isResource() ? "'platform: write' needs 'value', such as value: {boolean: true}"
                    : "'platform: write' to an instance needs 'values', such as values: {5850: {boolean: true}}");
        }
        return values;
    }

    private Optional<LwM2mPath> valuePath(Node keyNode, String key, LwM2mPath base) {
        Optional<LwM2mPath> p;
        if (key.startsWith("/")) {
            p = LwM2mPath.parse(key);
            if (p.isPresent() && !isBelowOrSame(p.get(), base)) {
                doc.error(keyNode, "value path " + key + " is not below " + base);
                return Optional.empty();
            }
        } else if (RELATIVE_KEY.matcher(key).matches()) {
            p = LwM2mPath.parse(base + "/" + key);
        } else {
            p = Optional.empty();
        }
        if (p.isEmpty() || !p.get().isResource()) {
            doc.error(keyNode, "a key of 'values' names a resource: its id below " + base
                    + (base.depth() == 1 ? " as insId/resId" : "") + ", or an absolute path such as "
                    + (base.depth() == 3 ? base : "/3311/0/5850") + "; found '" + key + "'");
            return Optional.empty();
        }
        return p;
    }

    private static boolean isBelowOrSame(LwM2mPath p, LwM2mPath base) {
        return (p + "/").startsWith(base + "/");
    }

    /** {@code {float: 1.88}}: one key, the type, and its value. */
    private Optional<TypedValue> typedValue(Node node, StepScope scope) {
        String example = "a typed value such as {integer: 3}, {float: 1.88}, {boolean: true}, {string: abc} or {opaque: 0A1B}";
        if (!(node instanceof MappingNode mn) || mn.getValue().size() != 1
                || !(mn.getValue().get(0).getKeyNode() instanceof ScalarNode typeKey)) {
            doc.error(node, "expected " + example + ", found " + YamlDocument.describe(node));
            return Optional.empty();
        }
        Optional<TypedValue.Type> type = TypedValue.Type.of(typeKey.getValue());
        if (type.isEmpty()) {
            doc.error(typeKey, "unknown value type '" + typeKey.getValue() + "': one of string, integer, float, boolean, opaque");
            return Optional.empty();
        }
        Node valueNode = mn.getValue().get(0).getValueNode();
        Optional<Template> text = read.template(valueNode, "the " + type.get().word() + " value", scope);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (!text.get().hasVariables() && !TypedValue.isValidLiteral(type.get(), text.get().source())) {
            doc.error(valueNode, "'" + text.get().source() + "' is not a valid " + type.get().word() + " value"
                    + (type.get() == TypedValue.Type.OPAQUE ? " (hex digits, two per byte)" : ""));
            return Optional.empty();
        }
        return Optional.of(new TypedValue(type.get(), text.get()));
    }
}
