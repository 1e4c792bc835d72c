package org.miplhil.suite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.miplhil.at.LineClassifier;
import org.miplhil.yaml.YamlDocument;
import org.miplhil.yaml.YamlDocument.MappingReader;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The values steps share: durations, LwM2M paths, text matches (exact or {@code re:}), templates and the variables
 * they use, final-result expectations, and where a node is. Uses of variables nothing defines yet are kept and
 * reported at the end (a later definition changes the message).
 */
final class SuiteValueReader {

    private static final Pattern REQUEST_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_\\-]*");

    /** A variable used where nothing defines it (yet). */
    record UndefinedUse(Node at, String name) {}

    final List<UndefinedUse> undefinedUses = new ArrayList<>();
    final Map<String, Position> definitions = new HashMap<>();
    private final YamlDocument doc;
    private final String fileName;
    private final FixtureFiles files;
    private final SuiteFixtureReader fixtureReader;

    SuiteValueReader(YamlDocument doc, String fileName, FixtureFiles files, SuiteFixtureReader fixtureReader) {
        this.doc = doc;
        this.fileName = fileName;
        this.files = files;
        this.fixtureReader = fixtureReader;
    }


    Since since(MappingReader m) {
        return m.optional("since").flatMap(n -> doc.oneOf(n, "'since'", SuiteKeys.WORDS.get("since")))
                .map(w -> w.equals("step-start") ? Since.STEP_START : Since.LAST_ACTION).orElse(Since.LAST_ACTION);
    }

    Optional<Duration> positiveDuration(Node n, String what) {
        Optional<Duration> d = doc.duration(n, what);
        if (d.isPresent() && d.get().isZero()) {
            doc.error(n, what + " must be longer than 0");
            return Optional.empty();
        }
        return d;
    }

    Optional<LwM2mPath> path(Node n, String what) {
        Optional<String> text = doc.string(n, what);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<LwM2mPath> p = LwM2mPath.parse(text.get());
        if (p.isEmpty()) {
            doc.error(n, what + " must be an LwM2M path such as /3311, /3311/0 or /3311/0/5850 (ids 0..65535), found '"
                    + text.get() + "'");
        }
        return p;
    }

    Optional<String> requestName(Node n, StepScope scope) {
        Optional<String> name = doc.string(n, "'as'");
        if (name.isPresent() && !REQUEST_NAME.matcher(name.get()).matches()) {
            doc.error(n, "'as' must be a letter followed by letters, digits, _ or -, found '" + name.get() + "'");
            return Optional.empty();
        }
        if (name.isPresent() && scope.requests.containsKey(name.get())) {
            doc.error(n, "'as: " + name.get() + "' names an earlier platform step already; pick another name");
            return Optional.empty();
        }
        return name;
    }

    Optional<String> nonBlank(Node n, String what) {
        Optional<String> s = doc.string(n, what);
        if (s.isPresent() && s.get().isBlank()) {
            doc.error(n, what + " is empty");
            return Optional.empty();
        }
        return s;
    }

    /** Reports a key present on an operation it does not apply to. */
    void onlyFor(MappingReader m, String word, String key, List<String> words) {
        if (m.has(key) && !words.contains(word)) {
            m.optional(key);
            doc.error(m.keyNode(key), "'" + key + "' applies to " + String.join(", ", words) + ", not to " + word);
        }
    }

    Optional<ResultExpectation> resultExpectation(Optional<Node> node, StepScope scope) {
        if (node.isEmpty()) {
            return Optional.of(ResultExpectation.ok());
        }
        Node n = node.get();
        if (n instanceof ScalarNode s && s.getValue().equals("any") && !Tag.NULL.equals(s.getTag())) {
            return Optional.of(new ResultExpectation.AnyResult());
        }
        List<Node> items = n instanceof SequenceNode seq ? seq.getValue() : List.of(n);
        if (items.isEmpty()) {
            doc.error(n, "'expect' is empty: give the final result (OK, ERROR, \"+CIS ERROR: 653\") or any");
            return Optional.empty();
        }
        int before = errorCount();
        List<TextMatch> results = new ArrayList<>();
        for (Node item : items) {
            textMatch(item, "'expect'", scope).ifPresent(t -> {
                if (t instanceof TextMatch.Exact e && !e.text().hasVariables()
                        && !LineClassifier.isFinalResult(e.text().source())) {
                    doc.error(item, "'" + e.text().source() + "' is not a final result: expect OK, ERROR,"
                            + " \"+CIS ERROR: <n>\", \"+CME ERROR: <n>\" (or any); information lines go under 'lines'");
                } else {
                    results.add(t);
                }
            });
        }
        return errorCount() == before ? Optional.of(new ResultExpectation.OneOf(results)) : Optional.empty();
    }

    List<TextMatch> matches(Node n, String what, StepScope scope, boolean emptyAllowed) {
        return matches(n, what, scope, emptyAllowed, null);
    }

    /** A list of matches; with {@code definedAt}, each one's captures are defined for the ones after it. */
    List<TextMatch> matches(Node n, String what, StepScope scope, boolean emptyAllowed, Position definedAt) {
        Optional<List<Node>> items = doc.sequence(n, what);
        if (items.isEmpty()) {
            return List.of();
        }
        if (items.get().isEmpty() && !emptyAllowed) {
            doc.error(n, what + " is empty");
        }
        List<TextMatch> out = new ArrayList<>();
        for (Node item : items.get()) {
            textMatch(item, what, scope).ifPresent(t -> {
                out.add(t);
                if (definedAt != null) {
                    define(scope, t, definedAt);
                }
            });
        }
        return out;
    }

    /** Exact text, or {@code re:} / {@code regex:} and a regular expression; variables checked, captures read. */
    Optional<TextMatch> textMatch(Node n, String what, StepScope scope) {
        Optional<String> text = doc.string(n, what);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String t = text.get();
        String body = t.startsWith("re:") ? t.substring(3) : t.startsWith("regex:") ? t.substring(6) : null;
        if (body == null) {
            return parseTemplate(n, what, t, scope).map(TextMatch.Exact::new);
        }
        body = body.stripLeading();
        if (body.isEmpty()) {
            doc.error(n, what + ": an empty regular expression would match any line; write one after '"
                    + t.substring(0, t.indexOf(':') + 1) + "'");
            return Optional.empty();
        }
        Optional<Template> pattern = parseTemplate(n, what, body, scope);
        if (pattern.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> stand = new HashMap<>();
        pattern.get().variables().forEach(v -> stand.put(v, "0"));
        String rendered = pattern.get().renderRegex(stand).text().orElse(body);
        try {
            Pattern.compile(rendered);
        } catch (PatternSyntaxException e) {
            doc.error(n, what + " is not a valid regular expression: " + e.getDescription()
                    + (e.getIndex() >= 0 && !pattern.get().hasVariables() ? " near index " + e.getIndex() : "")
                    + " in '" + body + "'");
            return Optional.empty();
        } catch (RuntimeException e) {
            doc.error(n, what + " is not a valid regular expression in '" + body + "'");
            return Optional.empty();
        }
        return Optional.of(new TextMatch.Regex(t, pattern.get(), RegexGroups.names(body)));
    }

    Optional<Template> template(Node n, String what, StepScope scope) {
        return doc.string(n, what).flatMap(t -> parseTemplate(n, what, t, scope));
    }

    private Optional<Template> parseTemplate(Node n, String what, String text, StepScope scope) {
        Template.Parsed p = Template.parse(text);
        if (p.error().isPresent()) {
            doc.error(n, what + ": " + p.error().get());
            return Optional.empty();
        }
        for (String v : p.template().orElseThrow().variables()) {
            use(n, v, scope);
        }
        return p.template();
    }

    // ---- variables ----

    private void use(Node at, String name, StepScope scope) {
        if (name.startsWith(SuiteParser.PROFILE_PREFIX)) {
            String key = name.substring(SuiteParser.PROFILE_PREFIX.length());
            if (fixtureReader.profile.isEmpty()) {
                if (!fixtureReader.profileUnreadable) {
                    doc.error(at, "'${" + name + "}' reads the firmware profile, and there is none: name one under"
                            + " fixtures: profile (the default " + FixtureFiles.DEFAULT_PROFILE + " is not in "
                            + files.display(files.projectRoot()) + ")");
                }
            } else if (!fixtureReader.profileUnreadable && !fixtureReader.profileValues.containsKey(key)) {
                doc.error(at, "the firmware profile " + files.display(fixtureReader.profile.get()) + " has no entry '" + key
                        + "' (for '${" + name + "}': <section>.<key> of an entry with a value)");
            }
            return;
        }
        if (SuiteParser.BUILTIN_VARIABLES.contains(name) || scope.variables.contains(name)) {
            return;
        }
        if (name.contains(".")) {
            doc.error(at, "unknown built-in variable '${" + name + "}' (built-ins: "
                    + SuiteParser.BUILTIN_VARIABLES.stream().map(b -> "${" + b + "}").collect(Collectors.joining(", "))
                    + ", ${profile.<section>.<key>})");
            return;
        }
        undefinedUses.add(new UndefinedUse(at, name));
    }

    /** The named groups of a match become variables for the steps after it. */
    void define(StepScope scope, TextMatch match, Position where) {
        for (String name : match.captures()) {
            scope.variables.add(name);
            definitions.putIfAbsent(name, where);
        }
    }

    Position position(Node node) {
        return new Position(fileName, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    int errorCount() {
        return doc.errorCount();
    }
}
