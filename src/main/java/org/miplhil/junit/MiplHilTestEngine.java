package org.miplhil.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.miplhil.suite.Case;
import org.miplhil.suite.SuiteLoader;
import org.miplhil.suite.run.RunPlan;
import org.miplhil.suite.run.TagSelection;
import org.miplhil.yaml.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JUnit Platform engine that runs mipl-hil suites: each suite file is a container, each case a test, so Maven
 * Surefire counts the cases, IDEs jump to the YAML (a {@code FileSource} with the line), and tags select cases
 * ({@code -Dgroups}, {@code -DexcludedGroups}).
 *
 * <p>Unique ids are {@code [engine:mipl-hil]/[suite:suites/examples/light-control.yaml]/[case:<case name>]}: the
 * suite file relative to the working directory, and the case's name (unique within its suite).
 *
 * <p>Selectors: a class annotated {@link MiplHilSuites} (how Surefire, which selects classes, gets here) or a
 * classpath root select the configured directory ({@code mipl-hil.suites}, default {@code suites}); a directory
 * or a {@code .yaml}/{@code .yml} file selects those suites; a unique id selects a suite or one case.
 *
 * <p>Nothing is dropped: a suite that does not load is a failing test listing its problems, and when the suites
 * were asked for by name (the marked class, or {@code mipl-hil.suites} set) a directory that is missing, is not a
 * directory or holds no suite is a failing test naming the path and what was expected, never zero tests.
 *
 * <p>Execution: one case at a time on one module (JUnit's hierarchical execution of the descriptors), or with
 * {@code mipl-hil.parallel} N the cases sharded over N virtual modules ({@link ParallelRun}).
 */
public final class MiplHilTestEngine implements TestEngine {

    public static final String ID = "mipl-hil";

    /** Unique-id segment of the failing container of a suites directory that cannot be read. */
    static final String DIRECTORY_SEGMENT = "suites";

    private static final Logger LOG = LoggerFactory.getLogger(MiplHilTestEngine.class);

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("org.miplhil");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("mipl-hil");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineSettings settings = EngineSettings.from(request.getConfigurationParameters());
        MiplHilEngineDescriptor root = new MiplHilEngineDescriptor(uniqueId, settings);
        Map<Path, Selection> selected = new LinkedHashMap<>();
        boolean configured = false;
        for (ClassSelector s : request.getSelectorsByType(ClassSelector.class)) {
            configured |= isMarked(s);
        }
        boolean surefire = configured;
        // asked for by name (the marked class, or the parameter set): a missing or empty directory is a failure
        boolean explicit = configured || request.getConfigurationParameters().get(EngineSettings.SUITES).isPresent();
        configured |= !request.getSelectorsByType(ClasspathRootSelector.class).isEmpty();
        if (configured) {
            List<Problem> problems = new ArrayList<>();
            selectAll(selected, filesUnder(settings.suites(), problems));
            if (explicit) {
                problems.addAll(checkConfigured(settings.suites(), selected.isEmpty()));
            }
            if (!problems.isEmpty()) {
                addDirectoryProblems(root, settings.suites(), problems, surefire);
            }
        }
        for (DirectorySelector s : request.getSelectorsByType(DirectorySelector.class)) {
            List<Problem> problems = new ArrayList<>();
            selectAll(selected, filesUnder(s.getPath(), problems));
            if (!problems.isEmpty()) {
                addDirectoryProblems(root, s.getPath(), problems, surefire);
            }
        }
        for (FileSelector s : request.getSelectorsByType(FileSelector.class)) {
            if (isSuiteFile(s.getPath())) {
                selectAll(selected, List.of(s.getPath()));
            }
        }
        for (UniqueIdSelector s : request.getSelectorsByType(UniqueIdSelector.class)) {
            selectById(selected, uniqueId, s.getUniqueId());
        }
        for (Map.Entry<Path, Selection> e : selected.entrySet()) {
            addSuite(root, settings, e.getKey(), e.getValue(), surefire);
        }
        return root;
    }

    @Override
    public void execute(ExecutionRequest request) {
        if (request.getRootTestDescriptor() instanceof MiplHilEngineDescriptor root && root.settings().parallel() > 0) {
            new ParallelRun(root, request.getEngineExecutionListener()).run();
        } else {
            new Serial().execute(request);
        }
    }

    /** One case at a time: the descriptors' own {@code before}, {@code execute} and {@code after}. */
    private static final class Serial extends HierarchicalTestEngine<MiplHilContext> {
        @Override
        public String getId() {
            return ID;
        }

        @Override
        public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
            throw new UnsupportedOperationException("the mipl-hil engine discovers, this only executes");
        }

        @Override
        protected MiplHilContext createExecutionContext(ExecutionRequest request) {
            return new MiplHilContext();
        }
    }

    private static boolean isMarked(ClassSelector s) {
        try {
            return s.getJavaClass().isAnnotationPresent(MiplHilSuites.class);
        } catch (RuntimeException | LinkageError e) {
            return false; // a class that cannot be loaded is not ours to report
        }
    }

    /** What is selected of one suite file: every case, or some by name. */
    private static final class Selection {
        boolean all;
        final Set<String> cases = new LinkedHashSet<>();

        boolean includes(String name) {
            return all || cases.contains(name);
        }
    }

    private static void selectAll(Map<Path, Selection> selected, List<Path> files) {
        for (Path f : files) {
            selected.computeIfAbsent(key(f), k -> new Selection()).all = true;
        }
    }

    /** {@code [engine:mipl-hil]/[suite:...]} or {@code .../[case:...]}; ids of other engines are ignored. */
    private static void selectById(Map<Path, Selection> selected, UniqueId engineId, UniqueId id) {
        List<UniqueId.Segment> segments = id.getSegments();
        if (!id.hasPrefix(engineId) || segments.size() < 2
                || !segments.get(1).getType().equals(SuiteDescriptor.SEGMENT)) {
            return;
        }
        Path file = key(Path.of(segments.get(1).getValue()));
        if (!isSuiteFile(file)) {
            return;
        }
        Selection s = selected.computeIfAbsent(file, k -> new Selection());
        if (segments.size() >= 3 && segments.get(2).getType().equals(CaseDescriptor.SEGMENT)) {
            s.cases.add(segments.get(2).getValue());
        } else {
            s.all = true;
        }
    }

    private static void addSuite(MiplHilEngineDescriptor root, EngineSettings settings, Path file, Selection cases,
                                 boolean surefire) {
        UniqueId suiteId = root.getUniqueId().append(SuiteDescriptor.SEGMENT, idPath(file));
        RunPlan plan = RunPlan.load(List.of(file), settings.options(), TagSelection.all());
        if (!plan.ok() || plan.suites().isEmpty()) {
            InvalidSuiteContainer container = new InvalidSuiteContainer(suiteId, file, surefire);
            container.addChild(InvalidSuiteDescriptor.forSuite(suiteId.append("problems", "load"), file, plan.ok()
                    ? List.of(Problem.inFile(file, "no case")) : plan.problems()));
            root.addChild(container);
            return;
        }
        plan.problems().forEach(p -> LOG.warn("{}", p)); // warnings: JUnit has no place for them on a test
        RunPlan.SuitePlan suitePlan = plan.suites().get(0);
        SuiteDescriptor suite = new SuiteDescriptor(suiteId, suitePlan, surefire);
        for (Case c : suitePlan.cases()) {
            if (cases.includes(c.name())) {
                suite.addChild(new CaseDescriptor(suiteId.append(CaseDescriptor.SEGMENT, c.name()), suitePlan.suite(), c));
            }
        }
        if (!suite.getChildren().isEmpty()) {
            root.addChild(suite);
        }
    }

    /** Suite files under a directory; a directory that cannot be listed is a problem, not an empty one. */
    private static List<Path> filesUnder(Path dir, List<Problem> problems) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        return SuiteLoader.find(List.of(dir), problems).stream().filter(MiplHilTestEngine::isSuiteFile).toList();
    }

    /**
     * The configured directory ({@code mipl-hil.suites}) as named: missing, not a directory, or without a suite file
     * it would give no test at all, and a green build for a typo.
     */
    private static List<Problem> checkConfigured(Path dir, boolean noSuite) {
        String named = EngineSettings.SUITES + " = " + dir + " (" + dir.toAbsolutePath().normalize() + ")";
        String expected = "expected a directory of suite files (*.yaml, *.yml), relative to the working directory "
                + Path.of("").toAbsolutePath();
        if (!Files.exists(dir)) {
            return List.of(Problem.inFile(dir, named + " does not exist: " + expected));
        }
        if (!Files.isDirectory(dir)) {
            return List.of(Problem.inFile(dir, named + " is not a directory: " + expected));
        }
        if (noSuite) {
            return List.of(Problem.inFile(dir, named + " holds no suite file: " + expected));
        }
        return List.of();
    }

    /** A failing container for a directory the suites cannot be read from (Surefire needs a class source above it). */
    private static void addDirectoryProblems(MiplHilEngineDescriptor root, Path dir, List<Problem> problems,
                                             boolean surefire) {
        UniqueId id = root.getUniqueId().append(DIRECTORY_SEGMENT, idPath(key(dir)));
        InvalidSuiteContainer container = new InvalidSuiteContainer(id, dir, surefire);
        container.addChild(InvalidSuiteDescriptor.forDirectory(id.append("problems", "load"), dir, problems));
        root.addChild(container);
    }

    /** A YAML file outside the schema directory (the JSON Schema lives beside the suites). */
    private static boolean isSuiteFile(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(p);
    }

    /** The file as the working directory names it (so ids are stable across machines). */
    private static Path key(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
    }

    private static String idPath(Path p) {
        return p.toString().replace('\\', '/');
    }
}
