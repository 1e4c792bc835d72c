package org.miplhil.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.opentest4j.AssertionFailedError;

/**
 * The engine with {@code mipl-hil.parallel}: the cases of a suites directory on two virtual modules at once, reported
 * to JUnit from both modules' threads: each case once, each container around its cases, the same results as one
 * case at a time.
 */
class ParallelEngineTest {

    @TempDir
    Path dir;

    private static final String PROFILE = MiplHilTestEngineTest.PROFILE;
    /** Object models: the health check registers them (and a dropped +MIPLEVENT: 0,6 fails it). */
    private static final String OBJECTS = Path.of("fixtures/objects/light-control-3311.yaml").toAbsolutePath()
            .toString();

    private Path suites() throws IOException {
        Path suites = Files.createDirectories(dir.resolve("suites"));
        Files.writeString(suites.resolve("a-versions.yaml"), """
                suite: versions and instances
                fixtures:
                  profile: PROFILE
                  objects: [OBJECTS]
                cases:
                  - name: the version is reported
                    steps:
                      - send: AT+MIPLVER?
                        lines: ['re:^\\+MIPLVER: ']
                  - name: a second instance is refused with 652
                    steps:
                      - send: AT+MIPLCREATE
                      - send: AT+MIPLCREATE
                        expect: "+CIS ERROR: 652"
                  - name: an instance is created
                    steps:
                      - send: AT+MIPLCREATE
                        lines: ['+MIPLCREATE: 0']
                """.replace("PROFILE", PROFILE).replace("OBJECTS", OBJECTS), StandardCharsets.UTF_8);
        Files.writeString(suites.resolve("b-waits.yaml"), """
                suite: cases that wait
                fixtures:
                  profile: PROFILE
                cases:
                  - name: waits a second
                    steps:
                      - wait: 1s
                      - send: AT
                  - name: answers AT
                    steps:
                      - send: AT
                  - name: expects an error that never comes
                    steps:
                      - send: AT
                        expect: ERROR
                """.replace("PROFILE", PROFILE), StandardCharsets.UTF_8);
        return suites;
    }

    private EngineExecutionResults run(Path suites, String parallel, String report) {
        return EngineTestKit.engine(MiplHilTestEngine.ID)
                .configurationParameter("mipl-hil.parallel", parallel)
                .configurationParameter("mipl-hil.report", dir.resolve(report).toString())
                .selectors(selectDirectory(suites.toFile())).execute();
    }

    @Test
    void twoModulesReportEveryCaseOnceInsideItsContainerWithTheSerialResults() throws IOException {
        Path suites = suites();

        EngineExecutionResults serial = run(suites, "0", "serial");
        EngineExecutionResults parallel = run(suites, "2", "parallel");

        List<Event> events = parallel.allEvents().list();
        Map<UniqueId, Long> startedTests = parallel.testEvents().started().stream()
                .collect(Collectors.groupingBy(e -> e.getTestDescriptor().getUniqueId(), Collectors.counting()));
        Map<UniqueId, Long> finishedTests = parallel.testEvents().finished().stream()
                .collect(Collectors.groupingBy(e -> e.getTestDescriptor().getUniqueId(), Collectors.counting()));
        assertThat(startedTests).hasSize(6).allSatisfy((id, n) -> assertThat(n).as("%s started", id).isOne());
        assertThat(finishedTests).isEqualTo(startedTests);

        // JUnit's order: a container starts before its first case and finishes after its last; so does the engine
        for (Event e : events) {
            if (e.getType() == EventType.FINISHED) {
                TestDescriptor d = e.getTestDescriptor();
                int at = events.indexOf(e);
                assertThat(indexOf(events, EventType.STARTED, d)).as("%s started before it finished", d)
                        .isBetween(0, at - 1);
                for (TestDescriptor child : d.getChildren()) {
                    assertThat(indexOf(events, EventType.STARTED, child)).as("%s starts after its container", child)
                            .isGreaterThan(indexOf(events, EventType.STARTED, d));
                    assertThat(indexOf(events, EventType.FINISHED, child)).as("%s finishes before its container",
                            child).isBetween(0, at - 1);
                }
            }
        }
        parallel.containerEvents().assertStatistics(s -> s.started(3).finished(3).succeeded(3));
        assertThat(finishedLast(events)).as("the engine finishes last").isEqualTo(UniqueId.forEngine("mipl-hil"));

        assertThat(outcomes(parallel)).isEqualTo(outcomes(serial)).hasSize(6)
                .containsEntry("versions and instances / the version is reported", "SUCCESSFUL")
                .containsEntry("versions and instances / a second instance is refused with 652",
                        "FAILED AssertionFailedError [MODULE] AT+MIPLCREATE: expected the final result +CIS ERROR:"
                                + " 652, got +CIS ERROR: 653")
                .containsEntry("cases that wait / expects an error that never comes",
                        "FAILED AssertionFailedError [MODULE] AT: expected the final result ERROR, got OK")
                .containsEntry("cases that wait / waits a second", "SUCCESSFUL");
        // each case names the module it ran on
        List<String> modules = events.stream().filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get("module")).toList();
        assertThat(modules).hasSize(6).allSatisfy(m -> assertThat(m).isIn("sim-1", "sim-2"));
        // the report: Allure results for every case, transcripts and JUnit XML per module
        try (Stream<Path> files = Files.list(dir.resolve("parallel/allure-results"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("-result.json"))).hasSize(6);
        }
        assertThat(Set.copyOf(modules)).allSatisfy(m -> assertThat(dir.resolve("parallel/junit").resolve(m))
                .isDirectoryContaining("glob:**TEST-*.xml"));
    }

    @Test
    void aModuleWhoseHealthCheckFailsIsAFailingTestOfItsOwnAndTheCasesAreSkippedWithTheVerdict() throws IOException {
        Path plan = dir.resolve("drop-event-6.yaml");
        Files.writeString(plan, """
                faults:
                  - on: urc
                    match: '^\\+MIPLEVENT: 0,6$'
                    action: drop
                """);
        Path suites = suites();

        EngineExecutionResults results = EngineTestKit.engine(MiplHilTestEngine.ID)
                .configurationParameter("mipl-hil.parallel", "2")
                .configurationParameter("mipl-hil.sim-faults", plan.toString())
                .configurationParameter("mipl-hil.report", dir.resolve("reports").toString())
                .selectors(selectDirectory(suites.toFile())).execute();

        String verdict = "[MODULE] health check failed: registration: awaited +MIPLEVENT: 0,6 within 30 s after"
                + " AT+MIPLOPEN; arrived: +MIPLEVENT: 0,4";
        results.testEvents().assertThatEvents().haveExactly(2, event(test("health-check"), finishedWithFailure(
                instanceOf(AssertionFailedError.class), message(m -> m.startsWith(verdict)))));
        long cases = results.testEvents().started().count() - 2;
        assertThat(cases).isEqualTo(6);
        results.testEvents().assertStatistics(s -> s.failed(2).succeeded(0).aborted(cases));
        results.testEvents().assertThatEvents().haveExactly((int) cases, event(abortedWithReason(message(m ->
                m.startsWith("not run: health check failed: registration: awaited +MIPLEVENT: 0,6")))));
        assertThat(results.testEvents().finished().stream().filter(e -> e.getTestDescriptor().getUniqueId()
                .getLastSegment().getType().equals("health-check")).map(e -> e.getTestDescriptor().getDisplayName()))
                .containsExactlyInAnyOrder("health check on sim-1", "health check on sim-2");
    }

    @Test
    void oneCaseSelectedStartsOneModuleNotAFleet() throws IOException {
        Path suites = suites();
        UniqueId answersAt = UniqueId.forEngine("mipl-hil").append("suite", suites.resolve("b-waits.yaml")
                .toAbsolutePath().normalize().toString()).append("case", "answers AT");

        EngineExecutionResults results = EngineTestKit.engine(MiplHilTestEngine.ID)
                .configurationParameter("mipl-hil.parallel", "4")
                .configurationParameter("mipl-hil.report", dir.resolve("one").toString())
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId(answersAt)).execute();

        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(results.allEvents().stream().filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get("module")))
                .containsExactly("sim-1");
        try (Stream<Path> modules = Files.list(dir.resolve("one/transcripts"))) {
            assertThat(modules.map(p -> p.getFileName().toString())).containsExactly("sim-1");
        }
        // the fleet's environment in the Allure results counts the modules that started
        java.util.Properties environment = new java.util.Properties();
        try (var in = Files.newBufferedReader(dir.resolve("one/allure-results/environment.properties"))) {
            environment.load(in);
        }
        assertThat(environment.getProperty("modules")).isEqualTo("1");
    }

    private static int indexOf(List<Event> events, EventType type, TestDescriptor d) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).getType() == type && events.get(i).getTestDescriptor().equals(d)) {
                return i;
            }
        }
        return -1;
    }

    private static UniqueId finishedLast(List<Event> events) {
        List<Event> finished = new ArrayList<>(events.stream().filter(e -> e.getType() == EventType.FINISHED).toList());
        return finished.get(finished.size() - 1).getTestDescriptor().getUniqueId();
    }

    /** {@code suite / case} → status, and the failure's type and first line when it did not pass. */
    private static Map<String, String> outcomes(EngineExecutionResults results) {
        Map<String, String> out = new TreeMap<>();
        for (Event e : results.testEvents().finished().list()) {
            TestDescriptor d = e.getTestDescriptor();
            TestExecutionResult r = e.getPayload(TestExecutionResult.class).orElseThrow();
            String suite = d.getParent().map(TestDescriptor::getDisplayName).orElse("");
            String outcome = r.getStatus().toString() + r.getThrowable().map(t -> " " + t.getClass().getSimpleName()
                    + " " + String.valueOf(t.getMessage()).lines().findFirst().orElse("")
                    .replaceAll(" after [0-9.]+m?s$", "")).orElse(""); // how long the answer took varies
            out.put(suite + " / " + d.getDisplayName(), outcome);
        }
        return new LinkedHashMap<>(out);
    }
}
