package org.miplhil.sim.fault;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The part of JSON Schema 2020-12 the project's schemas use, for tests (the build has no validator): {@code $ref}
 * to {@code #/$defs/...}, type, enum, const, required, properties, additionalProperties false, items, minimum,
 * pattern, allOf, anyOf, oneOf, not, if/then/else. Annotations are ignored. A keyword it does not know fails loudly
 * so that a schema cannot silently outgrow it.
 */
public final class MiniJsonSchema {

    private static final List<String> ANNOTATIONS = List.of("$schema", "$id", "title", "description", "default",
            "examples", "format", "$defs");

    private final Map<String, Object> root;

    public MiniJsonSchema(Map<String, Object> root) {
        this.root = root;
    }

    /** The problems of an instance (empty: valid), each as {@code path: message}. */
    public List<String> validate(Object instance) {
        List<String> out = new ArrayList<>();
        check(root, instance, "$", out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private void check(Map<String, Object> schema, Object value, String path, List<String> out) {
        for (Map.Entry<String, Object> kw : schema.entrySet()) {
            Object arg = kw.getValue();
            switch (kw.getKey()) {
                case "$ref" -> check(resolve((String) arg), value, path, out);
                case "type" -> {
                    List<Object> types = arg instanceof List<?> l ? (List<Object>) l : List.of(arg);
                    if (types.stream().noneMatch(t -> isType(value, (String) t))) {
                        out.add(path + ": must be of type " + types + ", found " + value);
                    }
                }
                case "enum" -> {
                    if (!((List<Object>) arg).contains(value)) {
                        out.add(path + ": must be one of " + arg + ", found " + value);
                    }
                }
                case "const" -> {
                    if (!arg.equals(value)) {
                        out.add(path + ": must be " + arg + ", found " + value);
                    }
                }
                case "required" -> {
                    if (value instanceof Map<?, ?> m) {
                        for (Object k : (List<Object>) arg) {
                            if (!m.containsKey(k)) {
                                out.add(path + ": missing '" + k + "'");
                            }
                        }
                    }
                }
                case "properties" -> {
                    if (value instanceof Map<?, ?> m) {
                        for (Map.Entry<String, Object> p : ((Map<String, Object>) arg).entrySet()) {
                            if (m.containsKey(p.getKey())) {
                                check((Map<String, Object>) p.getValue(), m.get(p.getKey()), path + "." + p.getKey(), out);
                            }
                        }
                    }
                }
                case "additionalProperties" -> {
                    if (!Boolean.FALSE.equals(arg)) {
                        throw new IllegalArgumentException("additionalProperties other than false at " + path);
                    }
                    if (value instanceof Map<?, ?> m) {
                        Map<String, Object> props = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
                        for (Object k : m.keySet()) {
                            if (!props.containsKey(k)) {
                                out.add(path + ": unknown key '" + k + "'");
                            }
                        }
                    }
                }
                case "items" -> {
                    if (value instanceof List<?> l) {
                        for (int i = 0; i < l.size(); i++) {
                            check((Map<String, Object>) arg, l.get(i), path + "[" + i + "]", out);
                        }
                    }
                }
                case "minimum" -> {
                    if (value instanceof Number n && new BigDecimal(n.toString()).compareTo(new BigDecimal(arg.toString())) < 0) {
                        out.add(path + ": must be at least " + arg + ", found " + value);
                    }
                }
                case "pattern" -> {
                    if (value instanceof String s && !Pattern.compile((String) arg).matcher(s).find()) {
                        out.add(path + ": must match /" + arg + "/, found '" + s + "'");
                    }
                }
                case "allOf" -> {
                    for (Object sub : (List<Object>) arg) {
                        check((Map<String, Object>) sub, value, path, out);
                    }
                }
                case "anyOf", "oneOf" -> {
                    int passing = 0;
                    for (Object sub : (List<Object>) arg) {
                        passing += valid((Map<String, Object>) sub, value) ? 1 : 0;
                    }
                    if (passing == 0 || (kw.getKey().equals("oneOf") && passing > 1)) {
                        out.add(path + ": " + passing + " alternatives of " + kw.getKey() + " fit");
                    }
                }
                case "not" -> {
                    if (valid((Map<String, Object>) arg, value)) {
                        out.add(path + ": must not be " + arg);
                    }
                }
                case "if" -> {
                    Object branch = valid((Map<String, Object>) arg, value) ? schema.get("then") : schema.get("else");
                    if (branch != null) {
                        check((Map<String, Object>) branch, value, path, out);
                    }
                }
                case "then", "else" -> { } // with if
                default -> {
                    if (!ANNOTATIONS.contains(kw.getKey())) {
                        throw new IllegalArgumentException("keyword '" + kw.getKey() + "' not supported at " + path);
                    }
                }
            }
        }
    }

    private boolean valid(Map<String, Object> schema, Object value) {
        List<String> out = new ArrayList<>();
        check(schema, value, "$", out);
        return out.isEmpty();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(String ref) {
        if (!ref.startsWith("#/$defs/")) {
            throw new IllegalArgumentException("only local #/$defs/ references: " + ref);
        }
        return (Map<String, Object>) ((Map<String, Object>) root.get("$defs")).get(ref.substring("#/$defs/".length()));
    }

    private static boolean isType(Object v, String type) {
        return switch (type) {
            case "object" -> v instanceof Map;
            case "array" -> v instanceof List;
            case "string" -> v instanceof String;
            case "integer" -> v instanceof Long || v instanceof Integer || v instanceof java.math.BigInteger;
            case "number" -> v instanceof Number;
            case "boolean" -> v instanceof Boolean;
            case "null" -> v == null;
            default -> throw new IllegalArgumentException("type " + type);
        };
    }

    /**
     * A YAML node as JSON data, read as the loaders read it: keys are text ({@code on} stays the word, not YAML
     * 1.1's true), scalars by their resolved tag.
     */
    public static Object data(Node node) {
        if (node instanceof MappingNode m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                out.put(((ScalarNode) t.getKeyNode()).getValue(), data(t.getValueNode()));
            }
            return out;
        }
        if (node instanceof SequenceNode s) {
            return s.getValue().stream().map(MiniJsonSchema::data).toList();
        }
        ScalarNode s = (ScalarNode) node;
        Tag tag = s.getTag();
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.INT.equals(tag)) {
            return Long.parseLong(s.getValue().replace("_", "").replace("+", ""));
        }
        if (Tag.FLOAT.equals(tag)) {
            return Double.parseDouble(s.getValue());
        }
        if (Tag.BOOL.equals(tag) && (s.getValue().equals("true") || s.getValue().equals("false"))) {
            return Boolean.parseBoolean(s.getValue());
        }
        return s.getValue();
    }
}
