package org.miplhil.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.miplhil.yaml.LoadResult;
import org.miplhil.yaml.Problem;
import org.miplhil.yaml.YamlDocument;
import org.miplhil.yaml.YamlDocument.MappingReader;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads and validates one suite file. Every problem is reported as a {@link Problem} at its SnakeYAML node mark
 * (printed {@code file:line:column: message}): malformed YAML, unknown keys, wrong types, missing keys, bad regular
 * expressions, variables used before anything defines them, fixture files that do not exist or are invalid,
 * duplicate case names. The suite is returned only when there is no error at all. Never throws on bad input.
 *
 * <p>This class reads the document (name, tags, variables, setup, cases); the rooms beside it read the rest:
 * {@link SuiteFixtureReader} the fixtures, {@link StepReader} the steps (module commands, URCs, MCU, faults),
 * {@link PlatformStepReader} the platform's operations and expectations, {@link PowerFotaStepReader} power and
 * FOTA, and {@link SuiteValueReader} the values every step shares (durations, paths, matches, variables).
 */
public final class SuiteParser {

    /** Variables the run provides: the module's identity and the platform's address as the module sees it. */
    public static final List<String> BUILTIN_VARIABLES = List.of("module.imei", "module.imsi", "platform.host",
            "platform.port", "platform.bootstrap-port", "platform.bootstrap-host");
    /** {@code ${profile.<section>.<key>}} reads the {@code value} of an entry of the firmware profile. */
    public static final String PROFILE_PREFIX = "profile.";

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern SECTION_TAG = Pattern.compile("doc:\\d+(\\.\\d+)*");
    private static final Pattern ETS_TAG = Pattern.compile("ets:\\d+");
    private static final Pattern SCHEMA_COMMENT = Pattern.compile("#\\s*yaml-language-server:\\s*\\$schema=(\\S+)");

    /** The suite or its problems, and how many cases the file holds (counted even when it has problems). */
    public record Outcome(LoadResult<Suite> result, int cases) {}

    private final Path file;
    private final String fileName;
    private final YamlDocument doc;
    private final FixtureFiles files;
    private final List<Problem> late = new ArrayList<>();
    private final SuiteFixtureReader fixtureReader;
    private final SuiteValueReader read;
    private final StepReader stepReader;
    private final NetworkReader networkReader;
    private int caseCount;

    private SuiteParser(Path file, String fileName, String text, FixtureFiles files) {
        this.file = file;
        this.fileName = fileName;
        this.doc = YamlDocument.compose(fileName, text);
        this.files = files;
        this.fixtureReader = new SuiteFixtureReader(doc, files);
        this.read = new SuiteValueReader(doc, fileName, files, fixtureReader);
        this.networkReader = new NetworkReader(doc, files);
        this.stepReader = new StepReader(doc, read, fixtureReader, new PlatformStepReader(doc, read),
                new PowerFotaStepReader(doc, read, fixtureReader), networkReader);
    }

    /**
     * Parses a suite's text. {@code file} is the suite's path (kept in the model), {@code fileName} how messages name
     * it, {@code files} where its fixture names point.
     */
    public static Outcome parse(Path file, String fileName, String text, FixtureFiles files) {
        SuiteParser p = new SuiteParser(file, fileName, text, files);
        p.checkSchemaComment(text);
        Optional<Suite> suite = p.doc.root().flatMap(p::suite);
        List<Problem> problems = p.problems();
        boolean clean = problems.stream().noneMatch(Problem::isError);
        LoadResult<Suite> result = clean && suite.isPresent()
                ? new LoadResult.Ok<>(suite.get(), problems)
                : clean ? LoadResult.invalid(fileName, "the suite could not be read")
                : new LoadResult.Invalid<>(problems);
        return new Outcome(result, p.caseCount);
    }

    // ---- the suite ----

    private Optional<Suite> suite(Node root) {
        Optional<MappingReader> top = doc.mapping(root, "the suite");
        if (top.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = top.get();
        String name = m.required("suite").flatMap(n -> read.nonBlank(n, "'suite' (the suite's name)")).orElse("");
        String description = m.optional("description").flatMap(n -> doc.string(n, "'description'")).orElse("");
        List<String> tags = m.optional("tags").map(this::tags).orElse(List.of());
        Fixtures fixtures = fixtureReader.fixtures(m.optional("fixtures"));
        StepScope base = new StepScope();
        Map<String, String> variables = m.optional("variables").map(n -> variables(n, base)).orElse(Map.of());
        StepScope afterSetup = base.copy();
        List<Step> setup = m.optional("setup").map(n -> stepReader.steps(n, "'setup'", afterSetup, true)).orElse(List.of());
        List<Step> teardown = m.optional("teardown").map(n -> stepReader.steps(n, "'teardown'", afterSetup.copy(), true))
                .orElse(List.of());
        List<Step> recover = m.optional("recover").map(n -> stepReader.steps(n, "'recover'", afterSetup.copy(), true))
                .orElse(List.of());
        for (Step st : recover) {
            if (st instanceof Step.Power pw && pw.recover() != Recovery.NONE) {
                doc.error(m.valueNode("recover"), "the 'recover' steps cannot recover themselves: the power step at "
                        + pw.position() + " has 'recover: " + pw.recover().word() + "'");
            }
        }
        List<Case> cases = m.required("cases").map(n -> cases(n, afterSetup, tags)).orElse(List.of());
        Set<Requirement> requires = m.optional("requires").map(this::requires).orElse(Set.of());
        Optional<org.miplhil.network.NetworkConditions> network = m.optional("network")
                .flatMap(n -> networkReader.read(n, m.keyNode("network"), tags, "the suite"));
        m.finish(SuiteKeys.SUITE);
        NetworkReader.checkSteps(doc, network.isPresent(), setup, teardown, recover, cases);
        return Optional.of(new Suite(file, name, description, tags, fixtures, variables, setup, teardown, cases,
                recover, read.position(root), requires, network));
    }

    private List<Case> cases(Node node, StepScope afterSetup, List<String> suiteTags) {
        Optional<List<Node>> items = doc.sequence(node, "'cases'");
        if (items.isEmpty()) {
            return List.of();
        }
        caseCount = items.get().size();
        if (items.get().isEmpty()) {
            doc.error(node, "'cases' is empty: a suite needs at least one case");
        }
        List<Case> cases = new ArrayList<>();
        Map<String, Node> names = new HashMap<>();
        for (Node item : items.get()) {
            testCase(item, afterSetup.copy(), suiteTags, names).ifPresent(cases::add);
        }
        return cases;
    }

    private Optional<Case> testCase(Node node, StepScope scope, List<String> suiteTags, Map<String, Node> names) {
        Optional<MappingReader> mr = doc.mapping(node, "a case");
        if (mr.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = mr.get();
        Optional<String> name = m.required("name").flatMap(n -> read.nonBlank(n, "a case's 'name'"));
        if (name.isPresent()) {
            Node nameNode = m.valueNode("name");
            Node first = names.putIfAbsent(name.get(), nameNode);
            if (first != null) {
                doc.error(nameNode, "duplicate case name '" + name.get() + "' (first at " + doc.position(first) + ")");
            }
        }
        List<String> tags = new ArrayList<>(m.optional("tags").map(this::tags).orElse(List.of()));
        for (String t : suiteTags) {
            if (!tags.contains(t)) {
                tags.add(t);
            }
        }
        Map<String, String> variables = m.optional("variables").map(n -> variables(n, scope)).orElse(Map.of());
        List<Step> steps = m.required("steps").map(n -> stepReader.steps(n, "'steps'", scope, false)).orElse(List.of());
        Set<Requirement> requires = m.optional("requires").map(this::requires).orElse(Set.of());
        Optional<org.miplhil.network.NetworkConditions> network = m.optional("network")
                .flatMap(n -> networkReader.read(n, m.keyNode("network"), tags, "the case"));
        org.miplhil.invariant.InvariantOptOut invariants = m.optional("invariants")
                .flatMap(n -> new InvariantsReader(doc).read(n)).orElse(org.miplhil.invariant.InvariantOptOut.NONE);
        m.finish(SuiteKeys.CASE);
        return name.map(n -> new Case(n, tags, variables, steps, read.position(node), requires, network, invariants));
    }

    private List<String> tags(Node node) {
        List<String> tags = new ArrayList<>();
        doc.sequence(node, "'tags'").ifPresent(items -> {
            for (Node item : items) {
                doc.string(item, "a tag").ifPresent(t -> {
                    if (t.isEmpty() || t.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                            || ",()&|!".indexOf(c) >= 0)) {
                        doc.error(item, "tag '" + t + "' cannot be selected with a tag expression: no spaces and none of , ( ) & | !");
                    } else if (t.startsWith("doc:") && !SECTION_TAG.matcher(t).matches()) {
                        doc.error(item, "tag '" + t + "': 'doc:' is followed by a section of the note, such as doc:3.3.2");
                    } else if (t.startsWith("ets:") && !ETS_TAG.matcher(t).matches()) {
                        doc.error(item, "tag '" + t + "': 'ets:' is followed by an OMA ETS test number, such as ets:101");
                    } else if (!tags.contains(t)) {
                        tags.add(t);
                    }
                });
            }
        });
        return tags;
    }

    /** {@code requires: local-platform} or {@code requires: [local-platform]}. */
    private Set<Requirement> requires(Node node) {
        List<Node> items = node instanceof ScalarNode ? List.of(node)
                : doc.sequence(node, "'requires' (a word or a list of words)").orElse(List.of());
        Set<Requirement> out = new LinkedHashSet<>();
        for (Node item : items) {
            doc.oneOf(item, "'requires'", Requirement.words()).flatMap(Requirement::ofWord).ifPresent(out::add);
        }
        return out;
    }

    private Map<String, String> variables(Node node, StepScope scope) {
        Map<String, String> values = new LinkedHashMap<>();
        doc.mapping(node, "'variables'").ifPresent(m -> {
            for (String key : m.takeAllKeys()) {
                Node keyNode = m.keyNode(key);
                if (!USER_NAME.matcher(key).matches()) {
                    doc.error(keyNode, "variable name '" + key + "' must be a letter followed by letters, digits or _");
                    continue;
                }
                Node v = m.valueNode(key);
                if (!(v instanceof ScalarNode s) || Tag.NULL.equals(s.getTag())) {
                    doc.error(v, "variable '" + key + "' needs a value (text or a number), found " + YamlDocument.describe(v));
                    continue;
                }
                values.put(key, s.getValue());
                scope.variables.add(key);
                read.definitions.putIfAbsent(key, read.position(keyNode));
            }
        });
        return values;
    }

    // ---- positions and errors ----

    private void checkSchemaComment(String text) {
        String[] lines = text.split("\n", 20);
        for (int i = 0; i < lines.length && i < 10; i++) {
            String line = lines[i].stripTrailing();
            if (!line.startsWith("#")) {
                if (!line.isBlank()) {
                    return;
                }
                continue;
            }
            Matcher m = SCHEMA_COMMENT.matcher(line);
            if (m.find()) {
                String target = m.group(1);
                if (target.contains("://")) {
                    return;
                }
                Optional<Path> p;
                try {
                    p = Optional.of(files.suiteDir().resolve(target).normalize());
                } catch (java.nio.file.InvalidPathException e) {
                    p = Optional.empty();
                }
                if (p.isEmpty() || !files.isFile(p.get())) {
                    late.add(Problem.error(fileName, i + 1, m.start(1) + 1, "the schema '" + target
                            + "' named here does not exist (looked for " + p.map(files::display).orElse("an invalid path")
                            + ", relative to the suite's directory)"));
                }
                return;
            }
        }
    }

    /** This file's problems by position (undefined variables are known only at the end), then other files'. */
    private List<Problem> problems() {
        List<Problem> own = new ArrayList<>(doc.problems());
        own.addAll(late);
        for (SuiteValueReader.UndefinedUse u : read.undefinedUses) {
            Position defined = read.definitions.get(u.name());
            Position at = u.at() == null ? new Position(fileName, 1, 1) : read.position(u.at());
            own.add(Problem.error(fileName, at.line(), at.column(), "undefined variable '${" + u.name() + "}': "
                    + (defined != null
                    ? "it is defined only later or in another case (at " + defined + ")"
                    : "no default under 'variables' and no earlier step captures it")));
        }
        List<Problem> mine = own.stream().filter(p -> p.file().equals(fileName)).sorted(Problem.BY_POSITION).toList();
        Set<Problem> all = new LinkedHashSet<>(mine);
        own.stream().filter(p -> !p.file().equals(fileName)).forEach(all::add);
        all.addAll(fixtureReader.foreign);
        return List.copyOf(all);
    }
}
