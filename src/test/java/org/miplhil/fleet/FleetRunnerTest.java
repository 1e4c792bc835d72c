package org.miplhil.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.report.CaseResult;
import org.miplhil.report.ConsoleReporter;
import org.miplhil.report.ReportLayout;
import org.miplhil.report.RunResult;
import org.miplhil.report.Status;
import org.miplhil.sim.fault.FaultPlanLoader;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.RunPlan;
import org.miplhil.suite.run.TagSelection;

/** Fleets of virtual modules, each on its own pseudo-terminal with its own platform, running real suites. */
class FleetRunnerTest {

    static final Path PROFILE = Path.of("fixtures/firmware/bc260y-cn.yaml").toAbsolutePath();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    /** Four cases; each tells which module ran it by the IMEI it reads back. */
    private static final String SUITE = """
            suite: fleet basics
            fixtures:
              profile: PROFILE
            cases:
              - name: one
                steps:
                  - send: AT+CGSN=1
                    lines: ["+CGSN: ${module.imei}"]
              - name: two
                steps:
                  - send: AT+CGSN=1
                    lines: ["+CGSN: ${module.imei}"]
              - name: three
                steps:
                  - send: AT+CIMI
                    lines: ['re:^\\d{15}$']
              - name: the long one
                tags: [slow]
                steps:
                  - send: AT+MIPLVER?
                    lines: ['re:^\\+MIPLVER: \\S+$']
            """;

    private RunPlan plan(RunOptions options) throws Exception {
        Path f = dir.resolve("fleet.yaml");
        Files.writeString(f, SUITE.replace("PROFILE", PROFILE.toString()), StandardCharsets.UTF_8);
        RunPlan plan = RunPlan.load(List.of(f), options, TagSelection.all());
        assertThat(plan.ok()).as("%s", plan.errors()).isTrue();
        return plan;
    }

    private FleetRunner fleet(int n, FleetMode mode, RunOptions options) {
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        return new FleetRunner(VirtualFleet.of(n, "490154203237518"), mode, options,
                new ReportLayout(dir.resolve("reports")), out, ConsoleReporter.builder(out).build(),
                CaseEstimates.none());
    }

    private static List<CaseResult> cases(RunResult r) {
        return r.suites().stream().flatMap(s -> s.cases().stream()).toList();
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aShardRunsEachCaseOnceOnSomeModuleAndEachModuleReportsInItsOwnFolders() throws Exception {
        RunOptions options = RunOptions.builder().build();
        FleetRunner.Result r = fleet(2, FleetMode.SHARD, options).run(plan(options));

        assertThat(r.exitCode()).as(console()).isZero();
        assertThat(cases(r.fleet())).extracting(c -> c.info().name())
                .containsExactlyInAnyOrder("one", "two", "three", "the long one");
        assertThat(cases(r.fleet())).allMatch(c -> c.status() == Status.PASSED);
        assertThat(r.fleet().suites()).extracting(s -> s.info().name()).containsExactly("sim-1", "sim-2");
        // each module's transcripts and JUnit XML apart; the modules answered with their own IMEIs
        Path reports = dir.resolve("reports");
        for (String m : r.byModule().keySet()) {
            assertThat(reports.resolve("transcripts").resolve(m)).isDirectory();
            assertThat(reports.resolve("junit").resolve(m)).isDirectory();
        }
        String transcripts;
        try (Stream<Path> s = Files.walk(reports.resolve("transcripts"))) {
            transcripts = String.join("\n", s.filter(Files::isRegularFile).map(p -> {
                try {
                    return Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList());
        }
        assertThat(transcripts).doesNotContain("+CGSN: 866971050123456");
        // the Allure results carry the module
        try (Stream<Path> s = Files.list(reports.resolve("allure-results"))) {
            List<String> results = s.filter(p -> p.toString().endsWith("-result.json")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(results).hasSize(4).allMatch(j -> j.matches("(?s).*\"name\"\\s*:\\s*\"module\".*"));
        }
        assertThat(console()).contains("2 modules (sim-1, sim-2), shard, 4 cases").contains("[sim-1] ")
                .contains("RESULT: all 4 cases passed");
    }

    @Test
    void replicatedEveryModuleRunsEveryCaseAndItsJUnitClassesNameTheModule() throws Exception {
        RunOptions options = RunOptions.builder().build();
        FleetRunner.Result r = fleet(2, FleetMode.REPLICATE, options).run(plan(options));

        assertThat(r.exitCode()).as(console()).isZero();
        assertThat(r.byModule()).hasSize(2);
        r.byModule().values().forEach(m -> assertThat(cases(m)).extracting(c -> c.info().name())
                .containsExactly("one", "two", "three", "the long one"));
        String xml = Files.readString(dir.resolve("reports/junit/sim-2/TEST-fleet_basics.xml"));
        assertThat(xml).contains("classname=\"mipl-hil.sim-2.fleet_basics\"");
    }

    @Test
    void theShardStartsTheLongestExpectedCaseFirst() throws Exception {
        RunOptions options = RunOptions.builder().build();
        FleetRunner f = fleet(2, FleetMode.SHARD, options);
        List<FleetRunner.Item> order = FleetRunner.longestFirst(f.items(plan(options)));
        assertThat(order.get(0).c().name()).isEqualTo("the long one");
        assertThat(order.subList(1, 4)).extracting(i -> i.c().name()).containsExactly("one", "two", "three");
    }

    @Test
    void aFleetWhoseModulesAllFailTheHealthCheckReportsEveryCaseNotRunWithTheVerdict() throws Exception {
        // every module's reply to AT never goes out: the health check's first check fails on each
        var faults = FaultPlanLoader.parse("dead.yaml", """
                defect: "the module never answers AT"
                faults:
                  - on: command
                    match: '^AT$'
                    action: drop
                """);
        assertThat(faults.isOk()).as("%s", faults.errors()).isTrue();
        RunOptions options = RunOptions.builder().simFaults(dir.resolve("dead.yaml"), faults.orElseThrow())
                .readyWithin(Duration.ofSeconds(3)).failFast(RunOptions.FailFast.DEFAULT).build();
        long t0 = System.nanoTime();
        FleetRunner.Result r = fleet(2, FleetMode.SHARD, options).run(plan(options));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(r.exitCode()).isEqualTo(1);
        List<CaseResult> all = cases(r.fleet());
        // the four cases once each, not run, with the health check's verdict; plus each module's failed check
        assertThat(all.stream().filter(c -> !c.info().name().startsWith("health check")).toList())
                .as(console()).hasSize(4).allSatisfy(c -> {
                    assertThat(c.status()).isEqualTo(Status.SKIPPED);
                    assertThat(c.failure().message()).contains("health check failed");
                });
        assertThat(took).as("no case waited out its deadlines").isLessThan(Duration.ofSeconds(60));
    }
}
