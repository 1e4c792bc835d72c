package org.miplhil.objects;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.miplhil.at.MiplValue;
import org.miplhil.yaml.LoadResult;
import org.miplhil.yaml.Problem;
import org.miplhil.yaml.YamlDocument;
import org.miplhil.yaml.YamlDocument.MappingReader;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads object fixtures ({@code fixtures/objects/*.yaml}):
 * <pre>
 * objects:
 *   - id: 3311
 *     name: Light Control
 *     discover: [5850, 5851, 5706, 5805]   # optional: AT+MIPLDISCOVERRSP's list, in order; default all resources
 *     attr_count: 4                        # optional: AT+MIPLADDOBJ's attrCount; default readable/writable resources
 *     act_count: 2                         # optional: actCount; default executable resources
 *     resources:                           # in the order reads and notifications list them
 *       - {id: 5850, name: On/Off, type: boolean, operations: RW}
 *       - {id: 5701, name: Sensor Units, type: string, operations: R, value: Cel}   # value: every instance's default
 *     instances:
 *       - id: 0
 *         registered: true                 # optional: the instance's bit in insBitmap; default true
 *         values: {5850: true, 5851: 1}
 * </pre>
 * Types: {@code string}, {@code opaque} (or {@code hex}, written as hex digits), {@code integer}, {@code float},
 * {@code boolean}; an executable resource may leave its type out. Operations: {@code R}, {@code W}, {@code RW}, {@code E}. Every problem is reported as
 * {@code file:line:column: message}; nothing throws on bad input.
 */
public final class ObjectFixtures {

    private static final List<String> TOP_KEYS = List.of("objects");
    private static final List<String> OBJECT_KEYS =
            List.of("id", "name", "discover", "attr_count", "act_count", "resources", "instances");
    private static final List<String> RESOURCE_KEYS = List.of("id", "name", "type", "operations", "value");
    private static final List<String> INSTANCE_KEYS = List.of("id", "registered", "values");

    private ObjectFixtures() {}

    /** Reads one file. */
    public static LoadResult<List<ObjectDef>> load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return LoadResult.invalid(file, "cannot read the object fixture: " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    private static LoadResult<List<Located>> loadLocated(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return LoadResult.invalid(file, "cannot read the object fixture: " + e.getMessage());
        }
        return parseLocated(file.toString(), text);
    }

    /** An object and where its definition starts (a second definition of its id is reported there). */
    private record Located(ObjectDef def, String file, int line, int column) {}

    /**
     * Reads several files into one model; an object id defined in two files is an error at the second, naming the
     * first.
     */
    public static LoadResult<List<ObjectDef>> loadAll(Collection<Path> files) {
        List<Problem> errors = new ArrayList<>();
        List<ObjectDef> all = new ArrayList<>();
        Map<Integer, String> seen = new HashMap<>();
        for (Path f : files) {
            LoadResult<List<Located>> r = loadLocated(f);
            errors.addAll(r.problems());
            if (r instanceof LoadResult.Ok<List<Located>> ok) {
                for (Located l : ok.value()) {
                    ObjectDef o = l.def();
                    String first = seen.putIfAbsent(o.id(), o.source());
                    if (first != null) {
                        errors.add(Problem.error(l.file(), l.line(), l.column(),
                                "object " + o.id() + " is already defined at " + first));
                    } else {
                        all.add(o);
                    }
                }
            }
        }
        return errors.isEmpty() ? new LoadResult.Ok<>(List.copyOf(all)) : new LoadResult.Invalid<>(errors);
    }

    /** Reads every {@code *.yaml} file of a directory, in name order. */
    public static LoadResult<List<ObjectDef>> loadDirectory(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
            return loadAll(files);
        } catch (IOException e) {
            return LoadResult.invalid(dir, "cannot list the object fixtures: " + e.getMessage());
        }
    }

    public static LoadResult<List<ObjectDef>> parse(String fileName, String text) {
        LoadResult<List<Located>> r = parseLocated(fileName, text);
        return r instanceof LoadResult.Ok<List<Located>> ok
                ? new LoadResult.Ok<>(ok.value().stream().map(Located::def).toList(), ok.warnings())
                : new LoadResult.Invalid<>(r.problems());
    }

    private static LoadResult<List<Located>> parseLocated(String fileName, String text) {
        YamlDocument doc = YamlDocument.compose(fileName, text);
        if (doc.root().isEmpty()) {
            return new LoadResult.Invalid<>(doc.problems());
        }
        List<Located> objects = new ArrayList<>();
        doc.mapping(doc.root().get(), "the object fixture").ifPresent(top -> {
            top.required("objects").flatMap(n -> doc.sequence(n, "'objects'")).ifPresent(items -> {
                if (items.isEmpty()) {
                    doc.error(top.valueNode("objects"), "'objects' lists no object");
                }
                Map<Integer, Node> ids = new HashMap<>();
                int i = 0;
                for (Node item : items) {
                    readObject(doc, item, "objects[" + i++ + "]", ids).ifPresent(o -> objects.add(new Located(o, fileName,
                            item.getStartMark().getLine() + 1, item.getStartMark().getColumn() + 1)));
                }
            });
            top.finish(TOP_KEYS);
        });
        return doc.result(List.copyOf(objects));
    }

    private static Optional<ObjectDef> readObject(YamlDocument doc, Node node, String path, Map<Integer, Node> ids) {
        Optional<MappingReader> mr = doc.mapping(node, path);
        if (mr.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = mr.get();
        int before = doc.errors().size();
        OptionalInt id = id(doc, m, path, "object", ids);
        String name = m.required("name").flatMap(n -> doc.string(n, path + ".name")).orElse("");
        OptionalInt attrCount = count(doc, m, "attr_count", path);
        OptionalInt actCount = count(doc, m, "act_count", path);

        List<ResourceDef> resources = new ArrayList<>();
        Map<Integer, Node> resIds = new HashMap<>();
        m.required("resources").flatMap(n -> doc.sequence(n, path + ".resources")).ifPresent(items -> {
            if (items.isEmpty()) {
                doc.error(m.valueNode("resources"), path + ".resources lists no resource");
            }
            int k = 0;
            for (Node item : items) {
                readResource(doc, item, path + ".resources[" + k++ + "]", resIds).ifPresent(resources::add);
            }
        });
        Map<Integer, ResourceDef> byId = new LinkedHashMap<>();
        resources.forEach(r -> byId.put(r.id(), r));

        List<Integer> discover = new ArrayList<>();
        Optional<Node> discoverNode = m.optional("discover");
        if (discoverNode.isPresent()) {
            doc.sequence(discoverNode.get(), path + ".discover").ifPresent(items -> {
                Map<Integer, Node> listed = new HashMap<>();
                int k = 0;
                for (Node item : items) {
                    String what = path + ".discover[" + k++ + "]";
                    OptionalLong d = doc.integer(item, what, 0, 65535);
                    if (d.isEmpty()) {
                        continue;
                    }
                    int resId = (int) d.getAsLong();
                    Node first = listed.putIfAbsent(resId, item);
                    if (first != null) {
                        doc.error(item, what + ": resource " + resId + " is listed twice (first at "
                                + doc.position(first) + ")");
                    } else if (!resIds.containsKey(resId)) {
                        doc.error(item, what + ": " + resId + " is not a resource of this object (resources: "
                                + String.join(", ", resIds.keySet().stream().sorted().map(String::valueOf).toList()) + ")");
                    } else {
                        discover.add(resId);
                    }
                }
            });
        } else {
            discover.addAll(byId.keySet());
        }

        List<InstanceDef> instances = new ArrayList<>();
        Map<Integer, Node> insIds = new HashMap<>();
        m.required("instances").flatMap(n -> doc.sequence(n, path + ".instances")).ifPresent(items -> {
            if (items.isEmpty()) {
                // 3.3.5 / docs/evidence.md: AT+MIPLADDOBJ with no instance is refused (653)
                doc.error(m.valueNode("instances"), path + ".instances lists no instance: an object needs one to be added");
            }
            int k = 0;
            for (Node item : items) {
                readInstance(doc, item, path + ".instances[" + k++ + "]", insIds, byId).ifPresent(instances::add);
            }
        });
        m.finish(OBJECT_KEYS);
        if (doc.errors().size() != before || id.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ObjectDef(id.getAsInt(), name, resources, discover, instances, attrCount, actCount,
                    doc.position(node)));
        } catch (IllegalArgumentException e) {
            doc.error(node, path + ": " + e.getMessage()); // the checks above should have caught it
            return Optional.empty();
        }
    }

    private static Optional<ResourceDef> readResource(YamlDocument doc, Node node, String path, Map<Integer, Node> ids) {
        Optional<MappingReader> mr = doc.mapping(node, path);
        if (mr.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = mr.get();
        OptionalInt id = id(doc, m, path, "resource", ids);
        String name = m.required("name").flatMap(n -> doc.string(n, path + ".name")).orElse("");
        Optional<Operations> ops = m.required("operations").flatMap(n -> {
            Optional<String> text = doc.string(n, path + ".operations");
            Optional<Operations> o = text.flatMap(Operations::parse);
            if (text.isPresent() && o.isEmpty()) {
                doc.error(n, path + ".operations must be R, W, RW or E (an executable resource is neither readable "
                        + "nor writable), found '" + text.get() + "'");
            }
            return o;
        });
        // 5.5: an executable resource has no value; its arguments arrive as text, so its type may be left out
        boolean executable = ops.isPresent() && ops.get().execute();
        Optional<DataType> type = (executable ? m.optional("type") : m.required("type"))
                .map(n -> doc.oneOf(n, path + ".type", DataType.words()).flatMap(DataType::ofWord))
                .orElse(executable ? Optional.of(DataType.STRING) : Optional.empty());
        Optional<MiplValue> value = Optional.empty();
        Optional<Node> valueNode = m.optional("value");
        if (valueNode.isPresent() && type.isPresent()) {
            if (ops.isPresent() && ops.get().execute()) {
                doc.error(valueNode.get(), path + ".value: an executable resource has no value");
            } else {
                value = value(doc, valueNode.get(), type.get(), path + ".value");
            }
        }
        m.finish(RESOURCE_KEYS);
        if (id.isEmpty() || type.isEmpty() || ops.isEmpty()) {
            return Optional.empty();
        }
        // kept even when its name or value had a problem (already reported), so instances can refer to it
        return Optional.of(new ResourceDef(id.getAsInt(), name, type.get(), ops.get(), value));
    }

    private static Optional<InstanceDef> readInstance(YamlDocument doc, Node node, String path, Map<Integer, Node> ids,
                                                      Map<Integer, ResourceDef> resources) {
        Optional<MappingReader> mr = doc.mapping(node, path);
        if (mr.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = mr.get();
        int before = doc.errors().size();
        OptionalInt id = id(doc, m, path, "instance", ids);
        if (id.isPresent() && id.getAsInt() > 65534) {
            doc.error(m.valueNode("id"), path + ".id: the insBitmap of instance " + id.getAsInt()
                    + " would be longer than insCount allows (3.3.5: 0..65535)");
        }
        boolean registered = m.optional("registered").flatMap(n -> doc.bool(n, path + ".registered")).orElse(true);
        Map<Integer, MiplValue> values = new LinkedHashMap<>();
        m.optional("values").flatMap(n -> doc.mapping(n, path + ".values")).ifPresent(vm -> {
            Map<Integer, Node> seen = new HashMap<>();
            for (String key : vm.takeAllKeys()) {
                Node keyNode = vm.keyNode(key);
                Node valueNode = vm.valueNode(key);
                String what = path + ".values[" + key + "]";
                OptionalLong resId = doc.integer(keyNode, path + ".values: the key", 0, 65535);
                if (resId.isEmpty()) {
                    continue;
                }
                int r = (int) resId.getAsLong();
                Node first = seen.putIfAbsent(r, keyNode);
                if (first != null) {
                    doc.error(keyNode, what + ": resource " + r + " has a value twice (first at " + doc.position(first) + ")");
                    continue;
                }
                ResourceDef def = resources.get(r);
                if (def == null) {
                    if (!resources.isEmpty()) {
                        doc.error(keyNode, what + ": " + r + " is not a resource of this object (resources: "
                                + String.join(", ", resources.keySet().stream().map(String::valueOf).toList()) + ")");
                    }
                    continue;
                }
                if (def.operations().execute()) {
                    doc.error(valueNode, what + ": resource " + r + " is executable and has no value");
                    continue;
                }
                value(doc, valueNode, def.type(), what).ifPresent(v -> values.put(r, v));
            }
        });
        m.finish(INSTANCE_KEYS);
        if (doc.errors().size() != before || id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new InstanceDef(id.getAsInt(), registered, values));
    }

    /** A required id 0..65535, unique among {@code ids} (which it joins). */
    private static OptionalInt id(YamlDocument doc, MappingReader m, String path, String kind, Map<Integer, Node> ids) {
        Optional<Node> n = m.required("id");
        if (n.isEmpty()) {
            return OptionalInt.empty();
        }
        OptionalLong v = doc.integer(n.get(), path + ".id", 0, 65535);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        int id = (int) v.getAsLong();
        Node first = ids.putIfAbsent(id, n.get());
        if (first != null) {
            doc.error(n.get(), path + ".id: " + kind + " " + id + " is defined twice (first at " + doc.position(first) + ")");
            return OptionalInt.empty();
        }
        return OptionalInt.of(id);
    }

    private static OptionalInt count(YamlDocument doc, MappingReader m, String key, String path) {
        Optional<Node> n = m.optional(key);
        if (n.isEmpty()) {
            return OptionalInt.empty();
        }
        OptionalLong v = doc.integer(n.get(), path + "." + key, 0, 65535);
        return v.isPresent() ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    /** A YAML scalar as a value of {@code type}; an error (and empty) when it is not one. */
    static Optional<MiplValue> value(YamlDocument doc, Node node, DataType type, String what) {
        if (!(node instanceof ScalarNode s) || Tag.NULL.equals(s.getTag())) {
            doc.error(node, what + " must be a " + type.word() + " value, found " + describe(node));
            return Optional.empty();
        }
        String text = s.getValue();
        Tag tag = s.getTag();
        MiplValue v;
        switch (type) {
            case BOOLEAN -> {
                if (!Tag.BOOL.equals(tag)) {
                    doc.error(node, what + " must be true or false (a boolean resource), found " + describe(node));
                    return Optional.empty();
                }
                String t = text.toLowerCase(java.util.Locale.ROOT);
                v = new MiplValue.BooleanValue(t.equals("true") || t.equals("yes") || t.equals("on"));
            }
            case INTEGER -> {
                OptionalLong n = doc.integer(node, what + " (an integer resource)", Long.MIN_VALUE, Long.MAX_VALUE);
                if (n.isEmpty()) {
                    return Optional.empty();
                }
                v = new MiplValue.IntegerValue(n.getAsLong());
            }
            case FLOAT -> {
                boolean number = (Tag.FLOAT.equals(tag) || Tag.INT.equals(tag)) && MiplValue.FLOAT.matcher(text).matches();
                if (!number) {
                    doc.error(node, what + " must be a decimal number such as 1.88 (a float resource), found "
                            + describe(node));
                    return Optional.empty();
                }
                v = new MiplValue.FloatValue(text);
            }
            case STRING -> {
                if (!Tag.STR.equals(tag)) {
                    doc.error(node, what + " must be text (a string resource; quote it: \"" + text + "\"), found "
                            + describe(node));
                    return Optional.empty();
                }
                v = new MiplValue.StringValue(text);
            }
            default -> { // OPAQUE
                if (!Tag.STR.equals(tag) && !Tag.INT.equals(tag)) {
                    doc.error(node, what + " must be hex digits (an opaque resource), found " + describe(node));
                    return Optional.empty();
                }
                v = new MiplValue.HexValue(text.toUpperCase(java.util.Locale.ROOT));
            }
        }
        Optional<String> problem = Values.check(type, v);
        if (problem.isPresent()) {
            doc.error(node, what + ": " + problem.get());
            return Optional.empty();
        }
        return Optional.of(v);
    }

    private static String describe(Node node) {
        if (node instanceof ScalarNode s) {
            if (Tag.NULL.equals(s.getTag())) {
                return "an empty value";
            }
            String kind = Tag.INT.equals(s.getTag()) ? "the integer " : Tag.FLOAT.equals(s.getTag()) ? "the number "
                    : Tag.BOOL.equals(s.getTag()) ? "the boolean " : "";
            String v = s.getValue().length() > 40 ? s.getValue().substring(0, 40) + "..." : s.getValue();
            return kind.isEmpty() ? "'" + v + "'" : kind + v;
        }
        return node == null ? "nothing" : "a " + node.getNodeId().name().toLowerCase(java.util.Locale.ROOT);
    }
}
