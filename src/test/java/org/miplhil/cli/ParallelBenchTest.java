package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.json.Json;
import org.miplhil.report.CaseInfo;
import org.miplhil.report.CaseResult;
import org.miplhil.report.RunInfo;
import org.miplhil.report.RunResult;
import org.miplhil.report.Status;
import org.miplhil.report.SuiteInfo;
import org.miplhil.report.SuiteResult;
import picocli.CommandLine;

/** {@code ./mipl-hil bench parallel}: its options, its line, and a small run of both variants. */
class ParallelBenchTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int bench(String... args) {
        CommandLine cli = new CommandLine(new ParallelBench(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        cli.getCommandSpec().exitCodeOnInvalidInput(2);
        return cli.execute(args);
    }

    static com.fasterxml.jackson.databind.JsonNode node(String json) {
        Json.Parsed p = Json.parse(json);
        assertThat(p).as(json).isInstanceOf(Json.Parsed.Ok.class);
        return ((Json.Parsed.Ok) p).value();
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheOption() {
        assertThat(bench("--modules", "0")).isEqualTo(2);
        assertThat(errText()).contains("--modules");
        assertThat(bench("--rounds", "0")).isEqualTo(2);
        assertThat(bench("--modules", "8,0")).isEqualTo(2);
        assertThat(bench("--estimates", "lastweek")).isEqualTo(2);
        assertThat(errText()).contains("--estimates takes serial or guess, found 'lastweek'");
        assertThat(bench("--tags", "a & (")).isEqualTo(2);
        assertThat(bench("--modules", "many")).isEqualTo(2);
        assertThat(bench("--tags", "no-such-tag-anywhere", dir.toString())).isEqualTo(2);
        assertThat(out.size()).as("nothing measured, nothing printed").isZero();
    }

    @Test
    void theDefaultsAreEightModulesOneRoundEverySuiteCaseOrderedByTheSerialTimes() {
        ParallelBench b = new ParallelBench();
        new CommandLine(b).parseArgs();
        assertThat(b.modules).containsExactly(8);
        assertThat(b.rounds).isEqualTo(1);
        assertThat(b.tags).as("slow cases included").isNull();
        assertThat(b.estimates).isEqualTo("serial");
        assertThat(b.paths).isNull();
        new CommandLine(b).parseArgs("--modules", "3", "--rounds", "2", "--estimates", "guess", "suites/catalogue/urcs.yaml");
        assertThat(b.modules).containsExactly(3);
        assertThat(b.rounds).isEqualTo(2);
        assertThat(b.estimates).isEqualTo("guess");
        assertThat(b.paths).containsExactly(Path.of("suites/catalogue/urcs.yaml"));
        new CommandLine(b).parseArgs("--modules", "8,12,16");
        assertThat(b.modules).as("one sharded variant per count").containsExactly(8, 12, 16);
    }

    private static ParallelBench.Variant variant(String name, int modules, double wall, long cases, long passed,
                                                 long failed) {
        return new ParallelBench.Variant(name, modules, wall, cases, passed, failed, 0, 0);
    }

    private static final ParallelBench.Shard SHARD = new ParallelBench.Shard("serial", 240, 30.2, "lifetime ends",
            0, 190.0, 30.2);

    @Test
    void aRoundWhereBothPassedGivesTheRatio() {
        ParallelBench.Round r = new ParallelBench.Round(1, variant("serial", 1, 120.0, 240, 240, 0),
                variant("parallel", 8, 38.4, 240, 240, 0), SHARD);
        assertThat(r.verdict()).isEqualTo("ok");
        assertThat(r.ratio()).hasValueCloseTo(0.32, org.assertj.core.data.Offset.offset(1e-9));
        var line = node(r.toJson());
        assertThat(line.get("bench").asText()).isEqualTo("parallel");
        assertThat(line.get("ratio").asDouble()).isEqualTo(0.32);
        assertThat(line.get("serial").get("wall_s").asDouble()).isEqualTo(120.0);
        assertThat(line.get("parallel").get("modules").asInt()).isEqualTo(8);
        assertThat(line.get("parallel").get("all_passed").asBoolean()).isTrue();
        assertThat(line.get("shard").get("order_from").asText()).isEqualTo("serial");
        assertThat(line.get("shard").get("floor_s").asDouble()).isEqualTo(30.2);
        assertThat(line.get("goal_parallel_s").asInt()).isEqualTo(40);
    }

    @Test
    void aFastWrongRunIsNoResult() {
        ParallelBench.Round r = new ParallelBench.Round(1, variant("serial", 1, 120.0, 240, 240, 0),
                variant("parallel", 8, 20.0, 240, 236, 4), SHARD);
        assertThat(r.ratio()).isEmpty();
        assertThat(r.verdict()).isEqualTo("not every case passed: parallel");
        var line = node(r.toJson());
        assertThat(line.get("ratio").isNull()).isTrue();
        assertThat(line.get("parallel").get("failed").asInt()).isEqualTo(4);
        assertThat(line.get("parallel").get("all_passed").asBoolean()).isFalse();

        ParallelBench.Round skipped = new ParallelBench.Round(1,
                new ParallelBench.Variant("serial", 1, 100, 240, 239, 0, 0, 1), variant("parallel", 8, 30, 240, 240, 0),
                SHARD);
        assertThat(skipped.verdict()).as("a skipped case is a case not run").isEqualTo("not every case passed: serial");
        assertThat(skipped.ratio()).isEmpty();
    }

    @Test
    void theShardFloorIsTheLongestCaseOrTheSumOverTheModules() {
        Instant t = Instant.parse("2026-12-07T18:00:00Z");
        List<CaseResult> cases = List.of(
                new CaseResult(CaseInfo.builder("short").build(), Status.PASSED, null, t, t.plusSeconds(2), null, null,
                        null, null, null),
                new CaseResult(CaseInfo.builder("long").build(), Status.PASSED, null, t.plusMillis(5),
                        t.plusSeconds(30).plusMillis(5), null, null, null, null, null),
                new CaseResult(CaseInfo.builder("middle").build(), Status.PASSED, null, t.plusMillis(10), t.plusSeconds(12).plusMillis(10), null,
                        null, null, null, null));
        RunResult run = new RunResult(RunInfo.builder().build(), t, t.plusSeconds(31),
                List.of(new SuiteResult(new SuiteInfo("sim-1", "", ""), t, t.plusSeconds(31), null, cases, null)));
        ParallelBench.Shard eight = ParallelBench.Shard.of("serial", 3, 8, run, run);
        assertThat(eight.longestCase()).isEqualTo("long");
        assertThat(eight.longestStartRank()).as("started second").isEqualTo(1);
        assertThat(eight.caseSumSeconds()).isEqualTo(44.0);
        assertThat(eight.floorSeconds()).isEqualTo(30.0);
        assertThat(ParallelBench.Shard.of("guess", 0, 1, run, run).floorSeconds()).isEqualTo(44.0);
    }

    @Test
    void runsBothVariantsAndOrdersTheShardByTheSerialTimes() throws Exception {
        int code = bench("--tags", "AT+MIPLVER & !slow", "--modules", "2", "--report", dir.toString());
        String printed = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(code).as(errText()).isZero();
        assertThat(printed.lines()).hasSize(1);
        var line = node(printed);
        int cases = line.get("serial").get("cases").asInt();
        assertThat(cases).isPositive();
        assertThat(line.get("serial").get("passed").asInt()).isEqualTo(cases);
        assertThat(line.get("parallel").get("cases").asInt()).isEqualTo(cases);
        assertThat(line.get("parallel").get("passed").asInt()).isEqualTo(cases);
        assertThat(line.get("verdict").asText()).isEqualTo("ok");
        assertThat(line.get("ratio").isNumber()).isTrue();
        // every case of the sharded variant had a time from the serial one's JUnit XML
        assertThat(line.get("shard").get("estimated_cases").asInt()).isEqualTo(cases);
        assertThat(line.get("shard").get("longest_start_rank").asInt()).as("the serial variant's longest case, with the largest estimate, in the first wave")
                .isBetween(0, 1);
        assertThat(Files.isDirectory(dir.resolve("round-1/serial/junit"))).isTrue();
        // the sharded variant's JUnit XML per module, as run --parallel writes it
        try (var files = Files.walk(dir.resolve("round-1/parallel/junit"))) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("TEST-"))
                    .map(p -> p.getParent().getFileName().toString()))
                    .isNotEmpty().allMatch(m -> m.startsWith("sim-"));
        }
    }
}
