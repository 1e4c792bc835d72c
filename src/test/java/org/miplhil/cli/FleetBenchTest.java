package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./mipl-hil bench fleet}: its options, its line, and a small fleet registered and read for real. */
class FleetBenchTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int bench(String... args) {
        CommandLine cli = new CommandLine(new FleetBench(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        cli.getCommandSpec().exitCodeOnInvalidInput(2);
        return cli.execute(args);
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(bench("--modules", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--modules must be 1..1000");
        assertThat(bench("--reads", "0")).isEqualTo(2);
        assertThat(bench("--warmup", "-1")).isEqualTo(2);
        assertThat(bench("--modules", "x")).isEqualTo(2);
        assertThat(out.size()).isZero();
    }

    @Test
    void theDefaultsAreThirtyTwoModulesOneReadEachOneWarmUp() {
        FleetBench b = new FleetBench();
        new CommandLine(b).parseArgs();
        assertThat(b.modules).isEqualTo(32);
        assertThat(b.reads).isEqualTo(1);
        assertThat(b.warmup).isEqualTo(1);
    }

    @Test
    void percentilesAreTheNearestRank() {
        List<Double> samples = new ArrayList<>();
        for (int i = 32; i >= 1; i--) {
            samples.add((double) i);
        }
        assertThat(FleetBenchFigures.rank(samples, 0.5)).isEqualTo(16.0);
        assertThat(FleetBenchFigures.rank(samples, 0.99)).as("of 32, the largest").isEqualTo(32.0);
        assertThat(FleetBenchFigures.rank(List.of(7.0), 0.99)).isEqualTo(7.0);
        assertThat(FleetBenchFigures.rank(List.of(), 0.5)).isNaN();
    }

    private static FleetBenchFigures figures(List<Double> registered, List<String> failures, double allWithinMs) {
        return new FleetBenchFigures(4, registered, List.of(90.0, 100.0, 110.0, 120.0).subList(0, registered.size()),
                List.of(5.0, 6.0, 7.0, 8.0).subList(0, registered.size()),
                List.of(20.0, 30.0, 40.0, 50.0).subList(0, registered.size()), allWithinMs, 300, failures, 100L << 20,
                (100L << 20) + 4 * 512 * 1024, 40, 80, 3500, 4200);
    }

    @Test
    void theLineCarriesPercentilesHeapAndThreadsPerModuleAndTheGoal() {
        FleetBenchFigures f = figures(List.of(100.0, 200.0, 300.0, 400.0), List.of(), 2500);
        assertThat(f.heapPerModuleKib()).isEqualTo(512.0);
        assertThat(f.threadsPerModule()).isEqualTo(10.0);
        assertThat(f.goalMet()).isTrue();
        var line = ParallelBenchTest.node(f.toJson());
        assertThat(line.get("bench").asText()).isEqualTo("fleet");
        assertThat(line.get("registered").asInt()).isEqualTo(4);
        assertThat(line.get("registration_median_ms").asDouble()).isEqualTo(200.0);
        assertThat(line.get("registration_p99_ms").asDouble()).isEqualTo(400.0);
        assertThat(line.get("platform_registration_median_ms").asDouble()).isEqualTo(100.0);
        assertThat(line.get("read_p99_ms").asDouble()).isEqualTo(8.0);
        assertThat(line.get("notifications_received").asInt()).isEqualTo(4);
        assertThat(line.get("notify_median_ms").asDouble()).isEqualTo(30.0);
        assertThat(line.get("notify_p99_ms").asDouble()).isEqualTo(50.0);
        assertThat(line.get("notify_all_within_ms").asDouble()).isEqualTo(300.0);
        assertThat(line.get("failures").asInt()).isZero();
        assertThat(line.has("failed")).isFalse();
        assertThat(line.get("heap_per_module_kib").asDouble()).isEqualTo(512.0);
        assertThat(line.get("threads_per_module").asDouble()).isEqualTo(10.0);
        assertThat(line.get("cpu_s").asDouble()).isEqualTo(3.5);
        assertThat(line.get("goal_met").asBoolean()).isTrue();
    }

    @Test
    void failuresAndALateFleetMissTheGoal() {
        FleetBenchFigures failed = figures(List.of(100.0, 200.0, 300.0), List.of("866971050123464: did not register: "
                + "+MIPLEVENT: 0,8"), 2500);
        assertThat(failed.goalMet()).isFalse();
        var line = ParallelBenchTest.node(failed.toJson());
        assertThat(line.get("registered").asInt()).isEqualTo(3);
        assertThat(line.get("failures").asInt()).isEqualTo(1);
        assertThat(line.get("failed").get(0).asText()).contains("+MIPLEVENT: 0,8");
        assertThat(figures(List.of(1.0, 2.0, 3.0, 4.0), List.of(), 10_001).goalMet()).isFalse();
        var none = ParallelBenchTest.node(figures(List.of(), List.of("a", "b", "c", "d"), 0).toJson());
        assertThat(none.get("registration_median_ms").isNull()).isTrue();
        assertThat(none.get("read_p99_ms").isNull()).isTrue();
    }

    @Test
    void aSmallFleetRegistersWithOnePlatformAndAnswersItsReads() {
        int code = bench("--modules", "3", "--reads", "2", "--warmup", "0");
        String printed = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(code).as(err.toString(StandardCharsets.UTF_8) + printed).isZero();
        var line = ParallelBenchTest.node(printed);
        assertThat(line.get("modules").asInt()).isEqualTo(3);
        assertThat(line.get("registered").asInt()).isEqualTo(3);
        assertThat(line.get("reads_answered").asInt()).isEqualTo(6);
        assertThat(line.get("notifications_received").asInt()).isEqualTo(3);
        assertThat(line.get("notify_median_ms").isNumber()).isTrue();
        assertThat(line.get("failures").asInt()).isZero();
        assertThat(line.get("platform_registration_median_ms").isNumber()).isTrue();
        assertThat(line.get("threads_after").asInt()).isGreaterThan(line.get("threads_before").asInt());
    }

    @Test
    void theLongModesOptionsAreDurations() {
        assertThat(bench("--duration", "soon")).isEqualTo(2);
        assertThat(bench("--duration", "20m", "--interval", "0s")).isEqualTo(2);
        assertThat(bench("--duration", "30s", "--sample-every", "1m")).as("not one sample").isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--duration, --interval and --sample-every");
        assertThat(out.size()).isZero();
    }

    @Test
    void theSlopeIsFittedOverTheLastHalfOfTheSamples() {
        double[] min = {1, 2, 3, 4, 5, 6, 7, 8};
        // a rise, then a plateau: the last half is flat
        double[] plateau = {100, 200, 300, 400, 410, 410, 410, 410};
        assertThat(FleetBenchLong.slope(min, plateau, 8)).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
        double[] growing = {0, 10, 20, 30, 40, 50, 60, 70};
        assertThat(FleetBenchLong.slope(min, growing, 8)).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(FleetBenchLong.slope(min, growing, 2)).as("too few samples").isNaN();
    }

    @Test
    void theLongModeReadsAndNotifiesEveryModuleAtItsRate() {
        int code = bench("--modules", "2", "--duration", "6s", "--interval", "1s", "--sample-every", "2s");
        String printed = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(code).as(err.toString(StandardCharsets.UTF_8) + printed).isZero();
        var line = ParallelBenchTest.node(printed);
        assertThat(line.get("mode").asText()).isEqualTo("long");
        assertThat(line.get("registered").asInt()).isEqualTo(2);
        assertThat(line.get("reads_answered").asInt()).as("2 modules, a turn a second for 6 s").isEqualTo(12);
        assertThat(line.get("notifications_received").asInt()).isEqualTo(12);
        assertThat(line.get("failures").asInt()).isZero();
        assertThat(line.get("samples").size()).isEqualTo(3);
        assertThat(line.get("samples").get(0).get("threads").asInt()).isGreaterThan(0);
        assertThat(line.get("heap_slope_kib_per_module_per_min").isNumber()).isTrue();
    }
}
