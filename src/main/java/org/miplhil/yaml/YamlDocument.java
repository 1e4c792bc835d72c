package org.miplhil.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.io.StringReader;
import java.time.Duration;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A composed YAML file (SnakeYAML nodes keep their marks) and the list of problems found while reading it.
 * Readers ask for typed values; a wrong type or a missing key is recorded as a {@link Problem} at the node's mark
 * and the reader gets an empty value, so one pass reports every problem. Nothing here throws on bad input.
 */
public final class YamlDocument {

    private final String fileName;
    private final Node root;
    private final List<Problem> problems = new ArrayList<>();

    private YamlDocument(String fileName, Node root) {
        this.fileName = fileName;
        this.root = root;
    }

    /** Composes the text; a syntax error is recorded (with its mark) and the root is then empty. */
    public static YamlDocument compose(String fileName, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // duplicates are reported by MappingReader, with both positions
        options.setMaxAliasesForCollections(10);
        YamlDocument doc;
        try {
            Node node = new Yaml(options).compose(new StringReader(text));
            Node cycle = node == null ? null : findCycle(node, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
            doc = new YamlDocument(fileName, cycle == null ? node : null);
            if (node == null) {
                doc.problems.add(Problem.inFile(fileName, "the file is empty"));
            } else if (cycle != null) {
                doc.error(cycle, "an alias refers to a node that contains it (the value would be infinite)");
            }
        } catch (MarkedYAMLException e) {
            doc = new YamlDocument(fileName, null);
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String hint = problem.contains("mapping values are not allowed")
                    ? " (quote text that contains ': ', such as \"+CIS ERROR: 653\")" : "";
            doc.problems.add(doc.problemAt(mark, "YAML syntax: " + problem.trim() + hint));
        } catch (YAMLException e) {
            doc = new YamlDocument(fileName, null);
            doc.problems.add(Problem.inFile(fileName, "YAML syntax: " + e.getMessage()));
        } catch (RuntimeException e) {
            // SnakeYAML lets some malformed input out unwrapped: a cut-off escape ("\x) is a NumberFormatException
            doc = new YamlDocument(fileName, null);
            doc.problems.add(Problem.inFile(fileName, "YAML syntax: the text cannot be read as YAML ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); look for a cut-off escape such as \\x"
                    + " in a double-quoted value"));
        }
        return doc;
    }

    /** A node reachable from itself through aliases, or null; readers walk the tree and would never end. */
    private static Node findCycle(Node node, java.util.Set<Node> onPath) {
        if (!onPath.add(node)) {
            return node;
        }
        List<Node> children = new ArrayList<>();
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                children.add(t.getKeyNode());
                children.add(t.getValueNode());
            }
        } else if (node instanceof SequenceNode s) {
            children.addAll(s.getValue());
        }
        for (Node child : children) {
            Node found = findCycle(child, onPath);
            if (found != null) {
                return found;
            }
        }
        onPath.remove(node);
        return null;
    }

    public String fileName() {
        return fileName;
    }

    public Optional<Node> root() {
        return Optional.ofNullable(root);
    }

    /** Every problem recorded so far, in the order found. */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** The problems as printed, {@code file:line:column: message}. */
    public List<String> errors() {
        return problems.stream().map(Problem::toString).toList();
    }

    /** Errors recorded so far (a reader compares counts to know whether a part of the file was valid). */
    public int errorCount() {
        return (int) problems.stream().filter(Problem::isError).count();
    }

    public boolean hasErrors() {
        return errorCount() > 0;
    }

    public <T> LoadResult<T> result(T valueIfNoErrors) {
        return hasErrors() ? new LoadResult.Invalid<>(problems) : new LoadResult.Ok<>(valueIfNoErrors, problems);
    }

    /** Records a problem found elsewhere (e.g. in another file this one names), with its own position. */
    public void report(Problem problem) {
        problems.add(problem);
    }

    /** Records a problem at a node's start. */
    public void error(Node at, String message) {
        problems.add(problemAt(at == null ? null : at.getStartMark(), message));
    }

    /** Records a warning at a node's start: the file still loads. */
    public void warning(Node at, String message) {
        Problem p = problemAt(at == null ? null : at.getStartMark(), message);
        problems.add(Problem.warning(p.file(), p.line(), p.column(), message));
    }

    /** An error at a 1-based line and column of this file (for what no node marks, such as a comment). */
    public void error(int line, int column, String message) {
        problems.add(Problem.error(fileName, line, column, message));
    }

    public String position(Node node) {
        return position(node == null ? null : node.getStartMark());
    }

    private Problem problemAt(Mark mark, String message) {
        return mark == null ? Problem.inFile(fileName, message)
                : Problem.error(fileName, mark.getLine() + 1, mark.getColumn() + 1, message);
    }

    private String position(Mark mark) {
        if (mark == null) {
            return fileName + ":1:1";
        }
        return fileName + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }

    // ---- typed reading ----

    /** The node as a mapping with string keys; empty (and an error) otherwise. */
    public Optional<MappingReader> mapping(Node node, String what) {
        if (!(node instanceof MappingNode m)) {
            error(node, what + " must be a mapping (key: value), found " + describe(node));
            return Optional.empty();
        }
        return Optional.of(new MappingReader(this, m, what));
    }

    public Optional<List<Node>> sequence(Node node, String what) {
        if (!(node instanceof SequenceNode s)) {
            error(node, what + " must be a list, found " + describe(node));
            return Optional.empty();
        }
        return Optional.of(s.getValue());
    }

    /** Any non-null scalar, as its text. */
    public Optional<String> string(Node node, String what) {
        if (node instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
            return Optional.of(s.getValue());
        }
        error(node, what + " must be a text value, found " + describe(node));
        return Optional.empty();
    }

    /** A scalar the YAML resolver reads as an integer, within [min, max]. */
    public OptionalLong integer(Node node, String what, long min, long max) {
        if (node instanceof ScalarNode s && Tag.INT.equals(s.getTag())) {
            try {
                long v = Long.parseLong(s.getValue().replace("_", "").replace("+", ""));
                if (v < min || v > max) {
                    error(node, what + " must be in " + min + ".." + max + ", found " + v);
                    return OptionalLong.empty();
                }
                return OptionalLong.of(v);
            } catch (NumberFormatException e) {
                // hex/octal/too large: fall through to the error below
            }
        }
        error(node, what + " must be an integer, found " + describe(node));
        return OptionalLong.empty();
    }

    /** A scalar the YAML resolver reads as an integer or a decimal number. */
    public Optional<java.math.BigDecimal> number(Node node, String what) {
        if (node instanceof ScalarNode s && (Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag()))) {
            try {
                return Optional.of(new java.math.BigDecimal(s.getValue().replace("_", "")));
            } catch (NumberFormatException e) {
                // .inf, .nan, hex, sexagesimal: reported below
            }
        }
        error(node, what + " must be a number, found " + describe(node));
        return Optional.empty();
    }

    public Optional<Boolean> bool(Node node, String what) {
        if (node instanceof ScalarNode s && Tag.BOOL.equals(s.getTag())) {
            String v = s.getValue().toLowerCase(java.util.Locale.ROOT);
            return Optional.of(v.equals("true") || v.equals("yes") || v.equals("on"));
        }
        error(node, what + " must be true or false, found " + describe(node));
        return Optional.empty();
    }

    public Optional<Duration> duration(Node node, String what) {
        if (node instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
            Optional<Duration> d = Durations.parse(s.getValue());
            if (d.isEmpty()) {
                error(node, what + " must be a duration such as 250ms, 6s or 1.5s, found '" + s.getValue() + "'");
            }
            return d;
        }
        error(node, what + " must be a duration such as 250ms, 6s or 1.5s, found " + describe(node));
        return Optional.empty();
    }

    /** One of the given words. */
    public Optional<String> oneOf(Node node, String what, List<String> allowed) {
        Optional<String> s = string(node, what);
        if (s.isPresent() && !allowed.contains(s.get())) {
            error(node, what + " must be one of " + String.join(", ", allowed) + ", found '" + s.get() + "'");
            return Optional.empty();
        }
        return s;
    }

    /** How a node reads in an error message: {@code a list}, {@code the integer 5}, {@code 'text'}. */
    public static String describe(Node node) {
        if (node == null) {
            return "nothing";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        if (Tag.NULL.equals(s.getTag())) {
            return "an empty value";
        }
        String v = s.getValue();
        String shown = v.length() > 40 ? v.substring(0, 40) + "..." : v;
        if (Tag.INT.equals(s.getTag())) {
            return "the integer " + shown;
        }
        if (Tag.BOOL.equals(s.getTag())) {
            return "the boolean " + shown;
        }
        if (Tag.FLOAT.equals(s.getTag())) {
            return "the number " + shown;
        }
        return "'" + shown + "'";
    }

    /**
     * Reads one mapping: keys are taken with {@link #required} / {@link #optional}; {@link #finish()} reports
     * every key that was not taken (unknown keys) and duplicated keys.
     */
    public static final class MappingReader {
        private final YamlDocument doc;
        private final MappingNode node;
        private final String what;
        private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
        private final Map<String, Boolean> taken = new LinkedHashMap<>();

        MappingReader(YamlDocument doc, MappingNode node, String what) {
            this.doc = doc;
            this.node = node;
            this.what = what;
            for (NodeTuple t : node.getValue()) {
                Node k = t.getKeyNode();
                if (!(k instanceof ScalarNode ks) || Tag.NULL.equals(ks.getTag())) {
                    doc.error(k, "keys of " + what + " must be plain words, found " + describe(k));
                    continue;
                }
                NodeTuple previous = entries.putIfAbsent(ks.getValue(), t);
                if (previous != null) {
                    doc.error(k, "duplicate key '" + ks.getValue() + "' in " + what
                            + " (first at " + doc.position(previous.getKeyNode()) + ")");
                }
            }
        }

        public MappingNode node() {
            return node;
        }

        public YamlDocument doc() {
            return doc;
        }

        /** Keys in file order, without taking them. */
        public List<String> keys() {
            return List.copyOf(entries.keySet());
        }

        public boolean has(String key) {
            return entries.containsKey(key);
        }

        public Optional<Node> optional(String key) {
            NodeTuple t = entries.get(key);
            if (t == null) {
                return Optional.empty();
            }
            taken.put(key, true);
            return Optional.of(t.getValueNode());
        }

        public Optional<Node> required(String key) {
            Optional<Node> v = optional(key);
            if (v.isEmpty()) {
                doc.error(node, what + " is missing the key '" + key + "'");
            }
            return v;
        }

        /** Keys in file order, each marked taken (for maps whose keys are data, such as error ids). */
        public List<String> takeAllKeys() {
            for (String k : entries.keySet()) {
                taken.put(k, true);
            }
            return List.copyOf(entries.keySet());
        }

        public Node keyNode(String key) {
            NodeTuple t = entries.get(key);
            return t == null ? node : t.getKeyNode();
        }

        public Node valueNode(String key) {
            NodeTuple t = entries.get(key);
            return t == null ? node : t.getValueNode();
        }

        /** Reports keys never taken as unknown, listing the known ones. */
        public void finish(List<String> known) {
            for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
                if (!taken.containsKey(e.getKey())) {
                    doc.error(e.getValue().getKeyNode(), "unknown key '" + e.getKey() + "' in " + what
                            + (known.isEmpty() ? "" : " (known: " + String.join(", ", known) + ")"));
                }
            }
        }
    }
}
