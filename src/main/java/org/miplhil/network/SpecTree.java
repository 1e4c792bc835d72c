package org.miplhil.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A {@code network:} value as plain data (maps with text keys, lists, texts, null), whether it came as a SnakeYAML
 * node (positions kept per key path) or as values SnakeYAML's loader or a test made. Never throws.
 */
final class SpecTree {

    /** Deeper than any valid value (two levels); stops a map that contains itself. */
    private static final int MAX_DEPTH = 8;

    final Object root;
    private final Map<String, int[]> positions = new HashMap<>();

    private SpecTree(Object value, String key) {
        this.root = convert(value, key, 0);
    }

    static SpecTree of(Object value, String key) {
        return new SpecTree(value, key);
    }

    /** {line, column}, 1-based, of the value at a key path; {0, 0} when unknown. */
    int[] position(String key) {
        int[] p = positions.get(key);
        if (p == null && key.contains(".")) {
            return position(key.substring(0, key.lastIndexOf('.')));
        }
        return p == null ? new int[] {0, 0} : p;
    }

    private Object convert(Object value, String key, int depth) {
        if (depth > MAX_DEPTH) {
            return "…";
        }
        if (value instanceof Node node) {
            Mark mark = node.getStartMark();
            if (mark != null) {
                positions.put(key, new int[] {mark.getLine() + 1, mark.getColumn() + 1});
            }
            if (node instanceof ScalarNode s) {
                return Tag.NULL.equals(s.getTag()) ? null : s.getValue();
            }
            if (node instanceof SequenceNode s) {
                List<Object> list = new ArrayList<>();
                for (Node n : s.getValue()) {
                    list.add(convert(n, key + "[" + list.size() + "]", depth + 1));
                }
                return list;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            for (NodeTuple t : ((MappingNode) node).getValue()) {
                String k = t.getKeyNode() instanceof ScalarNode ks ? ks.getValue() : "?";
                map.putIfAbsent(k, convert(t.getValueNode(), key + "." + k, depth + 1));
            }
            return map;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                map.putIfAbsent(k, convert(e.getValue(), key + "." + k, depth + 1));
            }
            return map;
        }
        if (value instanceof List<?> l) {
            List<Object> list = new ArrayList<>();
            for (Object o : l) {
                list.add(convert(o, key + "[" + list.size() + "]", depth + 1));
            }
            return list;
        }
        return value == null ? null : String.valueOf(value);
    }

    /** How a value reads in a problem. */
    static String describe(Object value) {
        if (value == null) {
            return "an empty value";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        String s = value.toString();
        return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
    }
}
