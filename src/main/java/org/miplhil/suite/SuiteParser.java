package org.miplhil.suite;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.miplhil.at.LineClassifier;
import org.miplhil.at.RequestType;
import org.miplhil.objects.ObjectDef;
import org.miplhil.objects.ObjectFixtures;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.sim.fault.FaultPlanLoader;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;
import org.miplhil.suite.PlatformExpectation.ResponseCode;
import org.miplhil.suite.PlatformOperation.WriteMode;
import org.miplhil.yaml.LoadResult;
import org.miplhil.yaml.Problem;
import org.miplhil.yaml.YamlDocument;
import org.miplhil.yaml.YamlDocument.MappingReader;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads and validates one suite file. Every problem is reported as {@code file:line:column: message} (SnakeYAML
 * node marks, 1-based): malformed YAML, unknown keys, wrong types, missing keys, bad regular expressions, variables
 * used before anything defines them, fixture files that do not exist or are invalid, duplicate case names. The
 * suite is returned only when there is no problem at all. Never throws on bad input.
 */
public final class SuiteParser {

    /** Variables the run provides: the module's identity and the platform's address as the module sees it. */
    public static final List<String> BUILTIN_VARIABLES = List.of("module.imei", "module.imsi", "platform.host",
            "platform.port", "platform.bootstrap-port");
    /** {@code ${profile.<section>.<key>}} reads the {@code value} of an entry of the firmware profile. */
    public static final String PROFILE_PREFIX = "profile.";

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern REQUEST_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_\\-]*");
    private static final Pattern COAP_CODE = Pattern.compile("([245])\\.(\\d\\d)");
    private static final Pattern SECTION_TAG = Pattern.compile("doc:\\d+(\\.\\d+)*");
    private static final Pattern ETS_TAG = Pattern.compile("ets:\\d+");
    private static final Pattern SCHEMA_COMMENT = Pattern.compile("#\\s*yaml-language-server:\\s*\\$schema=(\\S+)");
    private static final Pattern RELATIVE_KEY = Pattern.compile("\\d{1,5}(/\\d{1,5})?");
    private static final Map<String, RequestType> REQUEST_URCS = Map.of(
            "+MIPLDISCOVER", RequestType.DISCOVER, "+MIPLOBSERVE", RequestType.OBSERVE, "+MIPLREAD", RequestType.READ,
            "+MIPLWRITE", RequestType.WRITE, "+MIPLEXECUTE", RequestType.EXECUTE,
            "+MIPLPARAMETER", RequestType.PARAMETER);
    private static final List<String> REQUEST_URC_NAMES = SuiteKeys.WORDS.get("for");
    private static final List<String> OPERATIONS = SuiteKeys.WORDS.get("platform");
    private static final List<String> EXPECTATIONS = SuiteKeys.WORDS.get("expect-platform");
    private static final List<String> ATTRIBUTE_KEYS = List.of("pmin", "pmax", "gt", "lt", "st");

    /** The suite or its problems, and how many cases the file holds (counted even when it has problems). */
    public record Outcome(LoadResult<Suite> result, int cases) {}

    private final Path file;
    private final String fileName;
    private final YamlDocument doc;
    private final FixtureFiles files;
    private final Set<Problem> foreign = new LinkedHashSet<>();
    private final List<Problem> late = new ArrayList<>();
    private final List<UndefinedUse> undefinedUses = new ArrayList<>();
    private final Map<String, Position> definitions = new HashMap<>();
    private Optional<Path> profile = Optional.empty();
    private boolean profileUnreadable;
    private Map<String, String> profileValues = Map.of();
    private int caseCount;
    private boolean hasObjects;

    private record UndefinedUse(Node at, String name) {}

    /** What is defined at a point of a suite, in step order. */
    private static final class Scope {
        final Set<String> variables = new LinkedHashSet<>();
        final Map<String, Optional<LwM2mPath>> requests = new LinkedHashMap<>();
        Optional<Optional<LwM2mPath>> latestRequest = Optional.empty();
        boolean campaign;

        Scope copy() {
            Scope s = new Scope();
            s.campaign = campaign;
            s.variables.addAll(variables);
            s.requests.putAll(requests);
            s.latestRequest = latestRequest;
            return s;
        }
    }

    private SuiteParser(Path file, String fileName, String text, FixtureFiles files) {
        this.file = file;
        this.fileName = fileName;
        this.doc = YamlDocument.compose(fileName, text);
        this.files = files;
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
        String name = m.required("suite").flatMap(n -> nonBlank(n, "'suite' (the suite's name)")).orElse("");
        String description = m.optional("description").flatMap(n -> doc.string(n, "'description'")).orElse("");
        List<String> tags = m.optional("tags").map(this::tags).orElse(List.of());
        Fixtures fixtures = fixtures(m.optional("fixtures"));
        Scope base = new Scope();
        Map<String, String> variables = m.optional("variables").map(n -> variables(n, base)).orElse(Map.of());
        Scope afterSetup = base.copy();
        List<Step> setup = m.optional("setup").map(n -> steps(n, "'setup'", afterSetup, true)).orElse(List.of());
        List<Step> teardown = m.optional("teardown").map(n -> steps(n, "'teardown'", afterSetup.copy(), true))
                .orElse(List.of());
        List<Step> recover = m.optional("recover").map(n -> steps(n, "'recover'", afterSetup.copy(), true))
                .orElse(List.of());
        for (Step st : recover) {
            if (st instanceof Step.Power pw && pw.recover() != Recovery.NONE) {
                doc.error(m.valueNode("recover"), "the 'recover' steps cannot recover themselves: the power step at "
                        + pw.position() + " has 'recover: " + pw.recover().word() + "'");
            }
        }
        List<Case> cases = m.required("cases").map(n -> cases(n, afterSetup, tags)).orElse(List.of());
        m.finish(SuiteKeys.SUITE);
        return Optional.of(new Suite(file, name, description, tags, fixtures, variables, setup, teardown, cases,
                recover, position(root)));
    }

    private List<Case> cases(Node node, Scope afterSetup, List<String> suiteTags) {
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

    private Optional<Case> testCase(Node node, Scope scope, List<String> suiteTags, Map<String, Node> names) {
        Optional<MappingReader> mr = doc.mapping(node, "a case");
        if (mr.isEmpty()) {
            return Optional.empty();
        }
        MappingReader m = mr.get();
        Optional<String> name = m.required("name").flatMap(n -> nonBlank(n, "a case's 'name'"));
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
        List<Step> steps = m.required("steps").map(n -> steps(n, "'steps'", scope, false)).orElse(List.of());
        m.finish(SuiteKeys.CASE);
        return name.map(n -> new Case(n, tags, variables, steps, position(node)));
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

    private Map<String, String> variables(Node node, Scope scope) {
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
                definitions.putIfAbsent(key, position(keyNode));
            }
        });
        return values;
    }

    // ---- fixtures ----

    private Fixtures fixtures(Optional<Node> node) {
        List<Path> objects = new ArrayList<>();
        Optional<Fixtures.FaultPlanFile> faults = Optional.empty();
        Optional<Node> profileNode = Optional.empty();
        if (node.isPresent()) {
            Optional<MappingReader> mr = doc.mapping(node.get(), "'fixtures'");
            if (mr.isPresent()) {
                MappingReader m = mr.get();
                m.optional("objects").ifPresent(n -> {
                    List<Node> items = n instanceof SequenceNode s ? s.getValue() : List.of(n);
                    hasObjects = !items.isEmpty(); // named, even if one is missing: no second error on mcu: auto
                    Map<Integer, String> objectIds = new HashMap<>();
                    for (Node item : items) {
                        fixtureFile(item, "object model").filter(p -> objectModel(item, p, objectIds))
                                .ifPresent(objects::add);
                    }
                });
                profileNode = m.optional("profile");
                faults = m.optional("faults").flatMap(n -> fixtureFile(n, "fault plan")
                        .flatMap(p -> faultPlanFile(n, p).map(plan -> new Fixtures.FaultPlanFile(p, plan))));
                m.finish(SuiteKeys.FIXTURES);
            }
        }
        if (profileNode.isPresent()) {
            Node n = profileNode.get();
            Optional<Path> p = fixtureFile(n, "firmware profile");
            profileUnreadable = p.isEmpty();
            p.ifPresent(path -> {
                profile = Optional.of(path);
                readProfile(n, path, true);
            });
        } else {
            files.resolve(FixtureFiles.DEFAULT_PROFILE).filter(files::isFile).ifPresent(path -> {
                profile = Optional.of(path);
                readProfile(null, path, false);
            });
        }
        return new Fixtures(objects, profile, profileValues, faults);
    }

    /** Resolves a file name written in the suite; reports it when it is not a file. */
    private Optional<Path> fixtureFile(Node node, String what) {
        Optional<String> written = doc.string(node, "the " + what + " file");
        if (written.isEmpty()) {
            return Optional.empty();
        }
        Optional<Path> p = files.resolve(written.get());
        if (p.isEmpty() || !files.isFile(p.get())) {
            doc.error(node, what + " file '" + written.get() + "' not found (looked for "
                    + p.map(files::display).orElse("an invalid path") + "; names starting with ./ or ../ are relative"
                    + " to the suite's directory, others to the project root '" + files.display(files.projectRoot())
                    + "')");
            return Optional.empty();
        }
        return p;
    }

    /** Checks an object model file; an object defined by two files of the suite is reported at the second. */
    private boolean objectModel(Node node, Path path, Map<Integer, String> objectIds) {
        Optional<String> text = files.read(path);
        if (text.isEmpty()) {
            doc.error(node, "object model file " + files.display(path) + " cannot be read");
            return false;
        }
        LoadResult<List<ObjectDef>> defs = ObjectFixtures.parse(files.display(path), text.get());
        if (!(defs instanceof LoadResult.Ok<List<ObjectDef>> ok)) {
            doc.error(node, "object model " + files.display(path) + " is invalid (" + plural(defs.errors().size(), "error")
                    + ", listed with its own positions)");
            foreign.addAll(defs.problems());
            return false;
        }
        boolean clean = true;
        for (ObjectDef o : ok.value()) {
            String first = objectIds.putIfAbsent(o.id(), files.display(path));
            if (first != null) {
                doc.error(node, "object " + o.id() + " of " + files.display(path) + " is already defined by " + first);
                clean = false;
            }
        }
        return clean;
    }

    private Optional<FaultPlan> faultPlanFile(Node node, Path path) {
        Optional<String> text = files.read(path);
        if (text.isEmpty()) {
            doc.error(node, "fault plan file " + files.display(path) + " cannot be read");
            return Optional.empty();
        }
        LoadResult<FaultPlan> plan = FaultPlanLoader.parse(files.display(path), text.get());
        if (plan instanceof LoadResult.Ok<FaultPlan> ok) {
            return Optional.of(ok.value());
        }
        doc.error(node, "fault plan " + files.display(path) + " is invalid (" + plural(plan.errors().size(), "error")
                + ", listed with its own positions)");
        foreign.addAll(plan.problems());
        return Optional.empty();
    }

    /** A profile's problems and entries, kept while its text stays the same: many suites name the same profile. */
    private record ProfileRead(List<Problem> problems, Map<String, String> values) {}

    private static final Map<String, ProfileRead> PROFILES = new java.util.concurrent.ConcurrentHashMap<>();

    /** Collects the profile's entries ({@code section.key} → value); checks the profile when the suite names it. */
    private void readProfile(Node node, Path path, boolean check) {
        Optional<String> text = files.read(path);
        if (text.isEmpty()) {
            profileUnreadable = true;
            if (node != null) {
                doc.error(node, "firmware profile " + files.display(path) + " cannot be read");
            }
            return;
        }
        String name = files.display(path);
        if (PROFILES.size() > 64) {
            PROFILES.clear();
        }
        Path dir = path.toAbsolutePath().normalize().getParent();
        ProfileRead read = PROFILES.computeIfAbsent(dir + "\u0000" + name + "\u0000" + text.get(), k -> {
            LoadResult<FirmwareProfile> profile = ProfileLoader.parse(name, text.get(), dir);
            // a profile that extends another has its values there too: take them from the loaded profile
            Map<String, String> values = profile instanceof LoadResult.Ok<FirmwareProfile> ok
                    ? ok.value().entries().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                            FirmwareProfile.ProfileEntry::path, FirmwareProfile.ProfileEntry::value, (a, b) -> a))
                    : profileEntries(name, text.get());
            return new ProfileRead(profile.problems(), values);
        });
        if (check && !read.problems().isEmpty()) {
            doc.error(node, "firmware profile " + name + " is invalid ("
                    + plural(read.problems().size(), "error") + ", listed with its own positions)");
            foreign.addAll(read.problems());
        }
        profileValues = read.values();
    }

    private static Map<String, String> profileEntries(String name, String text) {
        Map<String, String> values = new LinkedHashMap<>();
        YamlDocument profileDoc = YamlDocument.compose(name, text);
        profileDoc.root().filter(MappingNode.class::isInstance).ifPresent(root -> {
            for (NodeTuple section : ((MappingNode) root).getValue()) {
                if (!(section.getKeyNode() instanceof ScalarNode sk) || !(section.getValueNode() instanceof MappingNode sv)) {
                    continue;
                }
                for (NodeTuple entry : sv.getValue()) {
                    if (entry.getKeyNode() instanceof ScalarNode ek && entry.getValueNode() instanceof MappingNode ev) {
                        for (NodeTuple field : ev.getValue()) {
                            if (field.getKeyNode() instanceof ScalarNode fk && fk.getValue().equals("value")
                                    && field.getValueNode() instanceof ScalarNode fv) {
                                values.put(sk.getValue() + "." + ek.getValue(), fv.getValue());
                            }
                        }
                    }
                }
            }
        });
        return Map.copyOf(values);
    }

    // ---- steps ----

    private List<Step> steps(Node node, String what, Scope scope, boolean emptyAllowed) {
        Optional<List<Node>> items = doc.sequence(node, what);
        if (items.isEmpty()) {
            return List.of();
        }
        if (items.get().isEmpty() && !emptyAllowed) {
            doc.error(node, what + " is empty: a case needs at least one step");
        }
        List<Step> steps = new ArrayList<>();
        for (Node item : items.get()) {
            step(item, scope).ifPresent(steps::add);
        }
        return steps;
    }

    private Optional<Step> step(Node node, Scope scope) {
        if (!(node instanceof MappingNode mapping)) {
            doc.error(node, "a step must be a mapping such as 'send: AT+MIPLVER?', found " + YamlDocument.describe(node));
            return Optional.empty();
        }
        List<String> kinds = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                keys.add(k.getValue());
                if (SuiteKeys.STEPS.containsKey(k.getValue()) && !kinds.contains(k.getValue())) {
                    kinds.add(k.getValue());
                }
            }
        }
        if (kinds.isEmpty()) {
            doc.error(node, "a step needs one of the keys " + String.join(", ", SuiteKeys.STEPS.keySet())
                    + (keys.isEmpty() ? "" : ", found " + String.join(", ", keys)));
            return Optional.empty();
        }
        MappingReader m = doc.mapping(node, "the " + kinds.get(0) + " step").orElseThrow();
        if (kinds.size() > 1) {
            doc.error(m.keyNode(kinds.get(1)), "'" + kinds.get(0) + "' and '" + kinds.get(1)
                    + "' are in the same step: one step does one thing (make two steps)");
            m.takeAllKeys();
            return Optional.empty();
        }
        String kind = kinds.get(0);
        Position pos = position(node);
        int before = errorCount();
        Optional<Step> step = switch (kind) {
            case "send" -> send(m, scope, pos);
            case "expect-urc" -> expectUrc(m, scope, pos);
            case "expect-urcs" -> expectUrcs(m, scope, pos);
            case "expect-no-urc" -> expectNoUrc(m, scope, pos);
            case "answer" -> answer(m, scope, pos);
            case "mcu" -> mcu(m, pos);
            case "platform" -> platform(m, scope, pos);
            case "expect-platform" -> expectPlatform(m, scope, pos);
            case "wait" -> m.required("wait").flatMap(n -> positiveDuration(n, "'wait'"))
                    .map(d -> new Step.Wait(d, pos));
            case "sim-faults" -> simFaults(m, pos);
            case "fota" -> fota(m, scope, pos);
            case "expect-fota" -> expectFota(m, scope, pos);
            case "sleep", "wake" -> SleepStepParser.parse(kind, m, doc, pos);
            default -> power(m, scope, pos);
        };
        // a known key left unread was skipped because of another problem already reported: not unknown
        SuiteKeys.STEPS.get(kind).forEach(m::optional);
        m.finish(SuiteKeys.STEPS.get(kind));
        return errorCount() == before ? step : Optional.empty();
    }

    private Optional<Step> send(MappingReader m, Scope scope, Position pos) {
        Template command = m.required("send").flatMap(n -> template(n, "'send'", scope)).orElse(null);
        ResultExpectation expect = resultExpectation(m.optional("expect"), scope).orElse(null);
        Optional<List<TextMatch>> lines = m.optional("lines").map(n -> matches(n, "'lines'", scope, true));
        Duration within = m.optional("within").flatMap(n -> positiveDuration(n, "'within'"))
                .orElse(Step.DEFAULT_RESPONSE_TIME);
        lines.ifPresent(ls -> ls.forEach(l -> define(scope, l, pos)));
        if (command == null || expect == null) {
            return Optional.empty();
        }
        return Optional.of(new Step.Send(command, expect, lines, within, pos));
    }

    private Optional<Step> expectUrc(MappingReader m, Scope scope, Position pos) {
        TextMatch urc = m.required("expect-urc").flatMap(n -> textMatch(n, "'expect-urc'", scope)).orElse(null);
        Duration within = m.required("within").flatMap(n -> positiveDuration(n, "'within'")).orElse(null);
        Since since = since(m);
        if (urc == null || within == null) {
            return Optional.empty();
        }
        define(scope, urc, pos);
        return Optional.of(new Step.ExpectUrc(urc, within, since, pos));
    }

    private Optional<Step> expectUrcs(MappingReader m, Scope scope, Position pos) {
        UrcOrder order = m.optional("order").flatMap(n -> doc.oneOf(n, "'order'", SuiteKeys.WORDS.get("order")))
                .map(w -> w.equals("in-order") ? UrcOrder.IN_ORDER : UrcOrder.ANY_ORDER).orElse(UrcOrder.IN_ORDER);
        // in order, a pattern may use what the patterns before it captured (the msgId of a multi-part write)
        Scope patterns = order == UrcOrder.IN_ORDER ? scope : scope.copy();
        List<TextMatch> urcs = m.required("expect-urcs").map(n -> matches(n, "'expect-urcs'", patterns, false,
                order == UrcOrder.IN_ORDER ? pos : null)).orElse(null);
        Duration within = m.required("within").flatMap(n -> positiveDuration(n, "'within'")).orElse(null);
        Since since = since(m);
        if (urcs == null || within == null) {
            return Optional.empty();
        }
        urcs.forEach(u -> define(scope, u, pos));
        return Optional.of(new Step.ExpectUrcs(urcs, order, within, since, pos));
    }

    private Optional<Step> expectNoUrc(MappingReader m, Scope scope, Position pos) {
        TextMatch urc = m.required("expect-no-urc").flatMap(n -> textMatch(n, "'expect-no-urc'", scope)).orElse(null);
        Duration during = m.required("during").flatMap(n -> positiveDuration(n, "'during'")).orElse(null);
        Since since = since(m);
        if (urc == null || during == null) {
            return Optional.empty();
        }
        return Optional.of(new Step.ExpectNoUrc(urc, during, since, pos));
    }

    private Optional<Step> answer(MappingReader m, Scope scope, Position pos) {
        TextMatch urc = m.required("answer").flatMap(n -> textMatch(n, "'answer'", scope)).orElse(null);
        Duration within = m.required("within").flatMap(n -> positiveDuration(n, "'within'")).orElse(null);
        Since since = since(m);
        Duration after = m.optional("after").flatMap(n -> doc.duration(n, "'after'")).orElse(Duration.ZERO);
        if (urc != null) {
            define(scope, urc, pos); // the answer uses what the URC carries (msgId)
        }
        List<Template> with = m.required("with").map(n -> {
            List<Node> items = n instanceof SequenceNode s ? s.getValue() : List.of(n);
            if (items.isEmpty()) {
                doc.error(n, "'with' is empty: give the command(s) that answer the URC");
            }
            List<Template> commands = new ArrayList<>();
            for (Node item : items) {
                template(item, "'with'", scope).ifPresent(commands::add);
            }
            return commands;
        }).orElse(null);
        ResultExpectation expect = resultExpectation(m.optional("expect"), scope).orElse(null);
        if (urc == null || within == null || with == null || expect == null) {
            return Optional.empty();
        }
        return Optional.of(new Step.Answer(urc, within, since, after, with, expect, pos));
    }

    private Optional<Step> mcu(MappingReader m, Position pos) {
        Optional<McuMode> mode = m.required("mcu").flatMap(n -> doc.oneOf(n, "'mcu'", SuiteKeys.WORDS.get("mcu")))
                .map(w -> McuMode.valueOf(w.toUpperCase(java.util.Locale.ROOT)));
        Set<RequestType> kinds = EnumSet.allOf(RequestType.class);
        Optional<Node> forNode = m.optional("for");
        if (forNode.isPresent()) {
            kinds = EnumSet.noneOf(RequestType.class);
            Node n = forNode.get();
            List<Node> items = n instanceof SequenceNode s ? s.getValue() : List.of(n);
            if (items.isEmpty()) {
                doc.error(n, "'for' is empty: name request URCs such as +MIPLREAD, or leave 'for' out for all of them");
            }
            for (Node item : items) {
                Optional<String> w = doc.oneOf(item, "'for'", REQUEST_URC_NAMES);
                if (w.isPresent()) {
                    kinds.add(REQUEST_URCS.get(w.get()));
                }
            }
        }
        Optional<Duration> delay = m.optional("delay").flatMap(n -> doc.duration(n, "'delay'"));
        if (mode.isPresent()) {
            if ((mode.get() == McuMode.AUTO || mode.get() == McuMode.LATE) && !hasObjects) {
                doc.error(m.valueNode("mcu"), "'mcu: " + mode.get().word() + "' answers from object models, and the"
                        + " suite names none (fixtures: objects)");
            }
            if (mode.get() == McuMode.LATE && !m.has("delay")) {
                doc.error(m.node(), "'mcu: late' needs 'delay': how long after the URC the MCU answers (past 10 s)");
            } else if (mode.get() == McuMode.LATE && delay.isPresent()
                    && delay.get().compareTo(Step.Mcu.ANSWER_WINDOW) <= 0) {
                doc.error(m.valueNode("delay"), "'mcu: late' answers past the 10 s window of 5.1-5.6: 'delay' must be"
                        + " longer than 10s (use 'mcu: auto' with a delay for a slow answer in time)");
            } else if ((mode.get() == McuMode.NEVER || mode.get() == McuMode.OFF) && m.has("delay")) {
                doc.error(m.keyNode("delay"), "'delay' applies to 'mcu: auto' and 'mcu: late'");
            }
        }
        Set<RequestType> forKinds = kinds;
        return mode.map(md -> new Step.Mcu(md, forKinds, delay, pos));
    }

    private Optional<Step> platform(MappingReader m, Scope scope, Position pos) {
        Optional<String> op = m.required("platform").flatMap(n -> doc.oneOf(n, "'platform'", OPERATIONS));
        Optional<LwM2mPath> path = m.required("path").flatMap(n -> path(n, "'path'"));
        Optional<String> as = m.optional("as").flatMap(n -> requestName(n, scope));
        Optional<Duration> timeout = m.optional("timeout").flatMap(n -> positiveDuration(n, "'timeout'"));
        if (op.isEmpty()) {
            m.takeAllKeys();
            return Optional.empty();
        }
        String o = op.get();
        onlyFor(m, o, "value", List.of("write"));
        onlyFor(m, o, "values", List.of("write"));
        onlyFor(m, o, "mode", List.of("write"));
        onlyFor(m, o, "args", List.of("execute"));
        for (String a : ATTRIBUTE_KEYS) {
            onlyFor(m, o, a, List.of("observe", "write-attributes"));
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

    private Optional<PlatformOperation> write(MappingReader m, LwM2mPath p, Scope scope) {
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

    private Optional<PlatformOperation> execute(MappingReader m, LwM2mPath p, Scope scope) {
        if (!p.isResource()) {
            doc.error(m.valueNode("path"), "'platform: execute' needs a resource path such as /3311/0/5523, found " + p);
            return Optional.empty();
        }
        Optional<Template> args = m.optional("args").flatMap(n -> template(n, "'args'", scope));
        return Optional.of(new PlatformOperation.Execute(p, args));
    }

    private Optional<Attributes> attributes(MappingReader m) {
        int before = errorCount();
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
        return errorCount() == before ? Optional.of(new Attributes(pmin, pmax, gt, lt, st)) : Optional.empty();
    }

    private Optional<Step> expectPlatform(MappingReader m, Scope scope, Position pos) {
        Optional<String> what = m.required("expect-platform").flatMap(n -> doc.oneOf(n, "'expect-platform'", EXPECTATIONS));
        Duration within = m.required("within").flatMap(n -> positiveDuration(n, "'within'")).orElse(null);
        Since since = since(m);
        if (what.isEmpty()) {
            m.takeAllKeys();
            return Optional.empty();
        }
        String w = what.get();
        onlyFor(m, w, "to", List.of("response"));
        onlyFor(m, w, "code", List.of("response"));
        onlyFor(m, w, "path", List.of("notification"));
        onlyFor(m, w, "value", List.of("response", "notification"));
        onlyFor(m, w, "values", List.of("response", "notification"));
        onlyFor(m, w, "lifetime", List.of("registered", "updated"));
        onlyFor(m, w, "objects", List.of("registered"));
        Optional<PlatformExpectation> e = switch (w) {
            case "response" -> response(m, scope);
            case "notification" -> {
                Optional<LwM2mPath> p = m.required("path").flatMap(n -> path(n, "'path'"));
                if (p.isEmpty()) {
                    m.optional("value");
                    m.optional("values");
                }
                yield p.map(x -> new PlatformExpectation.Notification(x, values(m, x, scope, false)));
            }
            case "registered" -> {
                OptionalLong lifetime = lifetime(m);
                List<LwM2mPath> objects = new ArrayList<>();
                m.optional("objects").flatMap(n -> doc.sequence(n, "'objects'")).ifPresent(items -> {
                    for (Node item : items) {
                        path(item, "an object link").ifPresent(p -> {
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

    private Optional<PlatformExpectation> response(MappingReader m, Scope scope) {
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
    private Map<LwM2mPath, TypedValue> values(MappingReader m, LwM2mPath base, Scope scope, boolean required) {
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
    private Optional<TypedValue> typedValue(Node node, Scope scope) {
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
        Optional<Template> text = template(valueNode, "the " + type.get().word() + " value", scope);
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

    private Optional<Step> simFaults(MappingReader m, Position pos) {
        Optional<Node> node = m.required("sim-faults");
        if (node.isEmpty()) {
            return Optional.empty();
        }
        Node n = node.get();
        if (n instanceof SequenceNode) {
            return FaultPlanLoader.readFaults(doc, n, "'sim-faults'", pos.toString())
                    .map(plan -> new Step.SimFaults(new FaultSource.Inline(plan), pos));
        }
        if (n instanceof ScalarNode s && s.getValue().equals("clear")) {
            return Optional.of(new Step.SimFaults(new FaultSource.Clear(), pos));
        }
        if (!(n instanceof ScalarNode) || Tag.NULL.equals(n.getTag())) {
            doc.error(n, "'sim-faults' is a fault plan file, a list of faults, or clear; found " + YamlDocument.describe(n));
            return Optional.empty();
        }
        return fixtureFile(n, "fault plan").flatMap(p -> faultPlanFile(n, p)
                .map(plan -> new Step.SimFaults(new FaultSource.FromFile(p, plan), pos)));
    }

    private Optional<Step> power(MappingReader m, Scope scope, Position pos) {
        Optional<PowerAction> action = m.required("power").flatMap(n -> doc.oneOf(n, "'power'", SuiteKeys.WORDS.get("power")))
                .map(w -> PowerAction.valueOf(w.toUpperCase(java.util.Locale.ROOT)));
        Optional<CutTrigger> cutAt = m.optional("cut-at").flatMap(n -> cutTrigger(n, scope));
        Optional<Duration> within = m.optional("within").flatMap(n -> positiveDuration(n, "'within'"));
        Duration after = m.optional("after").flatMap(n -> doc.duration(n, "'after'")).orElse(Duration.ZERO);
        Duration offFor = m.optional("for").flatMap(n -> positiveDuration(n, "'for'")).orElse(Step.Power.DEFAULT_OFF_TIME);
        Recovery recover = m.optional("recover").flatMap(n -> doc.oneOf(n, "'recover'", SuiteKeys.WORDS.get("recover")))
                .map(w -> Recovery.valueOf(w.toUpperCase(java.util.Locale.ROOT))).orElse(Recovery.NONE);
        Duration readyWithin = m.optional("ready-within").flatMap(n -> positiveDuration(n, "'ready-within'"))
                .orElse(Step.Power.DEFAULT_READY_TIME);
        if (action.isEmpty()) {
            return Optional.empty();
        }
        if (action.get() == PowerAction.ON && m.has("cut-at")) {
            doc.error(m.keyNode("cut-at"), "'cut-at' applies to 'power: off' and 'power: cycle'");
        }
        if (action.get() != PowerAction.CYCLE && m.has("for")) {
            doc.error(m.keyNode("for"), "'for' (how long the power stays off) applies to 'power: cycle'");
        }
        if (action.get() == PowerAction.OFF && m.has("recover")) {
            doc.error(m.keyNode("recover"), "'recover' applies to 'power: on' and 'power: cycle': after 'power: off'"
                    + " the module stays unpowered");
        }
        if (m.has("ready-within") && recover == Recovery.NONE) {
            doc.error(m.keyNode("ready-within"), "'ready-within' applies to a power step with 'recover: ready' or"
                    + " 'recover: setup'");
        }
        if (m.has("cut-at") && !m.has("within")) {
            doc.error(m.node(), "'cut-at' needs 'within': how long to wait for the moment to cut");
        }
        if (m.has("within") && !m.has("cut-at")) {
            doc.error(m.keyNode("within"), "'within' applies to a power step with 'cut-at'");
        }
        Optional<CutTrigger> trigger = cutAt;
        if (trigger.isPresent() && trigger.get() instanceof CutTrigger.AtUrc at) {
            define(scope, at.urc(), pos);
        }
        return Optional.of(new Step.Power(action.get(), trigger, within, after, offFor, recover, readyWithin, pos));
    }

    private static final Pattern PROGRESS_TRIGGER = Pattern.compile("updating:(\\d{1,3})%?");

    private Optional<CutTrigger> cutTrigger(Node n, Scope scope) {
        Optional<String> text = doc.string(n, "'cut-at'");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.get().startsWith("fota:")) {
            String state = text.get().substring("fota:".length()).trim();
            for (CutTrigger.FotaState s : CutTrigger.FotaState.values()) {
                if (s.word().equals(state)) {
                    return Optional.of(new CutTrigger.AtFotaState(s));
                }
            }
            java.util.regex.Matcher pm = PROGRESS_TRIGGER.matcher(state);
            if (pm.matches()) {
                int percent = Integer.parseInt(pm.group(1));
                if (percent <= 100) {
                    return Optional.of(new CutTrigger.AtProgress(percent));
                }
            }
            doc.error(n, "'cut-at: fota:" + state + "': the state is one of idle, downloading, downloaded, updating,"
                    + " or a progress of the update such as updating:30% (0..100)");
            return Optional.empty();
        }
        return textMatch(n, "'cut-at'", scope).map(CutTrigger.AtUrc::new);
    }

    private Optional<Step> fota(MappingReader m, Scope scope, Position pos) {
        Optional<Node> node = m.required("fota");
        if (node.isEmpty()) {
            return Optional.empty();
        }
        Optional<MappingReader> fm = doc.mapping(node.get(), "'fota' (the campaign: package, version, trigger)");
        if (fm.isEmpty()) {
            return Optional.empty();
        }
        MappingReader f = fm.get();
        Optional<Path> pkg = f.required("package").flatMap(n -> fixtureFile(n, "firmware package"));
        Optional<Template> version = f.required("version").flatMap(n -> template(n, "'version'", scope));
        Step.FotaTrigger trigger = f.optional("trigger").flatMap(n -> doc.oneOf(n, "'trigger'",
                        SuiteKeys.WORDS.get("trigger")))
                .map(w -> w.equals("next-uplink") ? Step.FotaTrigger.NEXT_UPLINK : Step.FotaTrigger.NOW)
                .orElse(Step.FotaTrigger.NOW);
        Optional<Duration> stepTimeout = f.optional("step-timeout").flatMap(n -> positiveDuration(n, "'step-timeout'"));
        Optional<Duration> phaseTimeout = f.optional("phase-timeout").flatMap(n -> positiveDuration(n, "'phase-timeout'"));
        f.finish(SuiteKeys.FOTA);
        if (scope.campaign) {
            doc.error(node.get(), "a FOTA campaign was started by an earlier step already: one campaign per case");
        }
        scope.campaign = true;
        if (pkg.isEmpty() || version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Step.Fota(pkg.get(), version.get(), trigger, stepTimeout, phaseTimeout, pos));
    }

    private Optional<Step> expectFota(MappingReader m, Scope scope, Position pos) {
        Optional<Node> node = m.required("expect-fota");
        Duration within = m.required("within").flatMap(n -> positiveDuration(n, "'within'")).orElse(null);
        List<String> words = new ArrayList<>();
        if (node.isPresent()) {
            List<Node> items = node.get() instanceof SequenceNode seq ? seq.getValue() : List.of(node.get());
            if (items.isEmpty()) {
                doc.error(node.get(), "'expect-fota' is empty: give succeeded, failed or timed-out (or a list of them)");
            }
            for (Node item : items) {
                doc.oneOf(item, "'expect-fota'", SuiteKeys.WORDS.get("expect-fota")).ifPresent(w -> {
                    if (!words.contains(w)) {
                        words.add(w);
                    }
                });
            }
        }
        if (words.isEmpty()) {
            m.takeAllKeys();
            return Optional.empty();
        }
        String w = String.join("/", words);
        onlyForAny(m, words, "version", "succeeded");
        onlyForAny(m, words, "result", "failed");
        onlyForAny(m, words, "phase", "timed-out");
        List<TextMatch> steps = m.optional("steps").map(n -> matches(n, "'steps'", scope, false)).orElse(List.of());
        if (!scope.campaign) {
            doc.error(m.keyNode("expect-fota"), "'expect-fota' with no FOTA campaign before it: start one with a"
                    + " 'fota' step");
        }
        Optional<Template> version = m.optional("version").flatMap(n -> template(n, "'version'", scope));
        OptionalInt result = m.optional("result").map(n -> doc.integer(n, "'result'", 0, 255))
                .map(r -> r.isPresent() ? OptionalInt.of((int) r.getAsLong()) : OptionalInt.empty())
                .orElse(OptionalInt.empty());
        Optional<TextMatch> phase = m.optional("phase").flatMap(n -> textMatch(n, "'phase'", scope));
        List<FotaExpectation> alternatives = new ArrayList<>();
        for (String word : words) {
            alternatives.add(switch (word) {
                case "succeeded" -> new FotaExpectation.Succeeded(version, steps);
                case "failed" -> new FotaExpectation.Failed(result, steps);
                default -> new FotaExpectation.TimedOut(phase, steps);
            });
        }
        if (within == null || w.isEmpty()) {
            return Optional.empty();
        }
        FotaExpectation e = alternatives.size() == 1 ? alternatives.get(0)
                : new FotaExpectation.AnyOf(alternatives, steps);
        return Optional.of(new Step.ExpectFota(e, within, pos));
    }

    /** Reports a key that none of the expected outcomes takes. */
    private void onlyForAny(MappingReader m, List<String> words, String key, String word) {
        if (m.has(key) && !words.contains(word)) {
            m.optional(key);
            doc.error(m.keyNode(key), "'" + key + "' applies to " + word + ", not to " + String.join(", ", words));
        }
    }

    // ---- values ----

    private Since since(MappingReader m) {
        return m.optional("since").flatMap(n -> doc.oneOf(n, "'since'", SuiteKeys.WORDS.get("since")))
                .map(w -> w.equals("step-start") ? Since.STEP_START : Since.LAST_ACTION).orElse(Since.LAST_ACTION);
    }

    private Optional<Duration> positiveDuration(Node n, String what) {
        Optional<Duration> d = doc.duration(n, what);
        if (d.isPresent() && d.get().isZero()) {
            doc.error(n, what + " must be longer than 0");
            return Optional.empty();
        }
        return d;
    }

    private Optional<LwM2mPath> path(Node n, String what) {
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

    private Optional<String> requestName(Node n, Scope scope) {
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

    private Optional<String> nonBlank(Node n, String what) {
        Optional<String> s = doc.string(n, what);
        if (s.isPresent() && s.get().isBlank()) {
            doc.error(n, what + " is empty");
            return Optional.empty();
        }
        return s;
    }

    /** Reports a key present on an operation it does not apply to. */
    private void onlyFor(MappingReader m, String word, String key, List<String> words) {
        if (m.has(key) && !words.contains(word)) {
            m.optional(key);
            doc.error(m.keyNode(key), "'" + key + "' applies to " + String.join(", ", words) + ", not to " + word);
        }
    }

    private Optional<ResultExpectation> resultExpectation(Optional<Node> node, Scope scope) {
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

    private List<TextMatch> matches(Node n, String what, Scope scope, boolean emptyAllowed) {
        return matches(n, what, scope, emptyAllowed, null);
    }

    /** A list of matches; with {@code definedAt}, each one's captures are defined for the ones after it. */
    private List<TextMatch> matches(Node n, String what, Scope scope, boolean emptyAllowed, Position definedAt) {
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
    private Optional<TextMatch> textMatch(Node n, String what, Scope scope) {
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

    private Optional<Template> template(Node n, String what, Scope scope) {
        return doc.string(n, what).flatMap(t -> parseTemplate(n, what, t, scope));
    }

    private Optional<Template> parseTemplate(Node n, String what, String text, Scope scope) {
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

    private void use(Node at, String name, Scope scope) {
        if (name.startsWith(PROFILE_PREFIX)) {
            String key = name.substring(PROFILE_PREFIX.length());
            if (profile.isEmpty()) {
                if (!profileUnreadable) {
                    doc.error(at, "'${" + name + "}' reads the firmware profile, and there is none: name one under"
                            + " fixtures: profile (the default " + FixtureFiles.DEFAULT_PROFILE + " is not in "
                            + files.display(files.projectRoot()) + ")");
                }
            } else if (!profileUnreadable && !profileValues.containsKey(key)) {
                doc.error(at, "the firmware profile " + files.display(profile.get()) + " has no entry '" + key
                        + "' (for '${" + name + "}': <section>.<key> of an entry with a value)");
            }
            return;
        }
        if (BUILTIN_VARIABLES.contains(name) || scope.variables.contains(name)) {
            return;
        }
        if (name.contains(".")) {
            doc.error(at, "unknown built-in variable '${" + name + "}' (built-ins: "
                    + BUILTIN_VARIABLES.stream().map(b -> "${" + b + "}").collect(Collectors.joining(", "))
                    + ", ${profile.<section>.<key>})");
            return;
        }
        undefinedUses.add(new UndefinedUse(at, name));
    }

    /** The named groups of a match become variables for the steps after it. */
    private void define(Scope scope, TextMatch match, Position where) {
        for (String name : match.captures()) {
            scope.variables.add(name);
            definitions.putIfAbsent(name, where);
        }
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

    private Position position(Node node) {
        return new Position(fileName, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    private int errorCount() {
        return doc.errorCount();
    }

    /** This file's problems by position (undefined variables are known only at the end), then other files'. */
    private List<Problem> problems() {
        List<Problem> own = new ArrayList<>(doc.problems());
        own.addAll(late);
        for (UndefinedUse u : undefinedUses) {
            Position defined = definitions.get(u.name());
            Position at = u.at() == null ? new Position(fileName, 1, 1) : position(u.at());
            own.add(Problem.error(fileName, at.line(), at.column(), "undefined variable '${" + u.name() + "}': "
                    + (defined != null
                    ? "it is defined only later or in another case (at " + defined + ")"
                    : "no default under 'variables' and no earlier step captures it")));
        }
        List<Problem> mine = own.stream().filter(p -> p.file().equals(fileName)).sorted(Problem.BY_POSITION).toList();
        Set<Problem> all = new LinkedHashSet<>(mine);
        own.stream().filter(p -> !p.file().equals(fileName)).forEach(all::add);
        all.addAll(foreign);
        return List.copyOf(all);
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
