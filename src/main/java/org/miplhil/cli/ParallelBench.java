package org.miplhil.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.miplhil.fleet.CaseEstimates;
import org.miplhil.fleet.FleetMode;
import org.miplhil.fleet.FleetRunner;
import org.miplhil.fleet.VirtualFleet;
import org.miplhil.json.Json;
import org.miplhil.report.CaseResult;
import org.miplhil.report.ConsoleReporter;
import org.miplhil.report.ReportLayout;
import org.miplhil.report.Reports;
import org.miplhil.report.RunRecorder;
import org.miplhil.report.RunResult;
import org.miplhil.report.Status;
import org.miplhil.report.SuiteResult;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.RunPlan;
import org.miplhil.suite.run.SuiteRunner;
import org.miplhil.suite.run.TagSelection;
import org.miplhil.suite.run.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./mipl-hil bench parallel}: the catalogue (slow cases included) on the virtual target serially, as
 * {@code ./mipl-hil run} runs it (one {@link SuiteRunner}), then sharded over {@code --modules} virtual modules, as
 * {@code ./mipl-hil run --parallel N} runs it ({@link FleetRunner}); one JSON line per round with both wall times,
 * the ratio and the pass counts. The sharded variant orders its cases longest first by the times the serial variant
 * of the same round just wrote in its JUnit XML ({@link CaseEstimates}), as a second {@code run --parallel} under the
 * same report directory would.
 */
@Command(name = "parallel",
        mixinStandardHelpOptions = true,
        description = {"Runs the catalogue on the virtual target serially and then sharded over N virtual modules"
                + " (as ./mipl-hil run and run --parallel N do), and prints one JSON line per round: both wall times,"
                + " their ratio and the pass counts. A variant that did not pass every case is reported as such and"
                + " gives no ratio. See docs/benchmarks.md."})
final class ParallelBench implements Callable<Integer> {

    /** The goal for the sharded catalogue on 2 cores. */
    static final int GOAL_PARALLEL_S = 40;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Suites (default: suites/catalogue).")
    List<Path> paths;

    @Option(names = "--modules", paramLabel = "N", split = ",", defaultValue = "8",
            description = "Virtual modules of the sharded variant (default: ${DEFAULT-VALUE}); several,"
                    + " comma-separated (8,12,16), are each a sharded variant of the round, one line each beside the"
                    + " same serial variant.")
    List<Integer> modules;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "1",
            description = "Rounds in this JVM, each a serial run and then a sharded one (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--tags", paramLabel = "EXPR",
            description = "Tag expression (default: every case, slow ones included).")
    String tags;

    @Option(names = "--estimates", paramLabel = "FROM", defaultValue = "serial",
            description = "What orders the sharded variant's cases: serial (the times the round's serial variant"
                    + " recorded, the default) or guess (no recorded times: slow-tagged cases first).")
    String estimates;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "target/bench-parallel",
            description = "Where each variant's report goes, as ./mipl-hil run writes it"
                    + " (DIR/round-R/serial, DIR/round-R/parallel; default: ${DEFAULT-VALUE}).")
    Path report;

    private final PrintStream out;
    private final PrintStream err;

    ParallelBench() {
        this(System.out, System.err);
    }

    ParallelBench(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** One variant's run: how many modules, its wall time, its counts. */
    record Variant(String name, int modules, double wallSeconds, long cases, long passed, long failed, long broken,
                   long skipped) {

        static Variant of(String name, int modules, double wallSeconds, RunResult r) {
            return new Variant(name, modules, wallSeconds, r.total(), r.count(Status.PASSED), r.count(Status.FAILED),
                    r.count(Status.BROKEN), r.count(Status.SKIPPED));
        }

        /** Every case ran and passed: only then is its time a result. */
        boolean allPassed() {
            return cases > 0 && passed == cases;
        }

        ObjectNode toJson() {
            ObjectNode o = Json.object().put("modules", modules).put("wall_s", Json.fixed(wallSeconds, 2))
                    .put("cases", cases).put("passed", passed).put("failed", failed).put("broken", broken)
                    .put("skipped", skipped);
            o.put("all_passed", allPassed());
            return o;
        }
    }

    /**
     * How the sharded variant's cases were spread: the times it was ordered by ({@code estimated} cases with a
     * recorded time, from {@code source}); the serial variant's longest case (its time there), and where that case
     * started among the sharded run's cases ({@code longestStartRank}, 0 = first; below the module count = in the
     * first wave, as longest-first must put it; -1 when it did not run); the sum of the sharded run's case times; and
     * the floor no shard can beat (its longest case, or that sum over the modules, whichever is longer).
     */
    record Shard(String source, int estimated, double longestCaseSeconds, String longestCase, int longestStartRank,
                 double caseSumSeconds, double floorSeconds) {

        static Shard of(String source, int estimated, int modules, RunResult serial, RunResult parallel) {
            List<CaseResult> all = cases(parallel);
            CaseResult longest = cases(serial).stream().max(Comparator.comparing(CaseResult::duration)).orElse(null);
            List<String> byStart = all.stream().sorted(Comparator.comparing(CaseResult::start)).map(Shard::key)
                    .toList();
            double longestHere = all.stream().mapToDouble(c -> seconds(c.duration())).max().orElse(0);
            double sum = all.stream().mapToDouble(c -> seconds(c.duration())).sum();
            return new Shard(source, estimated, longest == null ? 0 : seconds(longest.duration()),
                    longest == null ? "" : longest.info().name(), longest == null ? -1 : byStart.indexOf(key(longest)),
                    sum, Math.max(longestHere, sum / Math.max(1, modules)));
        }

        /** A case the same in both variants: its file and line, and its name. */
        private static String key(CaseResult c) {
            return c.info().source() + "\u0000" + c.info().name();
        }

        static List<CaseResult> cases(RunResult r) {
            return r.suites().stream().map(SuiteResult::cases).flatMap(List::stream).toList();
        }

        ObjectNode toJson() {
            return Json.object().put("order_from", source).put("estimated_cases", estimated)
                    .put("longest_case_s", Json.fixed(longestCaseSeconds, 2)).put("longest_case", longestCase)
                    .put("longest_start_rank", longestStartRank)
                    .put("case_sum_s", Json.fixed(caseSumSeconds, 2)).put("floor_s", Json.fixed(floorSeconds, 2));
        }
    }

    /** One round's line. The ratio only when both variants passed every case (a fast wrong run is no result). */
    record Round(int round, Variant serial, Variant parallel, Shard shard) {

        /** parallel / serial wall time; empty unless both passed every case. */
        java.util.OptionalDouble ratio() {
            if (!serial.allPassed() || !parallel.allPassed() || serial.wallSeconds() <= 0) {
                return java.util.OptionalDouble.empty();
            }
            return java.util.OptionalDouble.of(parallel.wallSeconds() / serial.wallSeconds());
        }

        /** What the round says: {@code ok}, or which variant did not pass every case. */
        String verdict() {
            if (serial.allPassed() && parallel.allPassed()) {
                return "ok";
            }
            List<String> bad = new ArrayList<>();
            if (!serial.allPassed()) {
                bad.add("serial");
            }
            if (!parallel.allPassed()) {
                bad.add("parallel");
            }
            return "not every case passed: " + String.join(", ", bad);
        }

        String toJson() {
            ObjectNode o = Json.object().put("tool", "mipl-hil").put("bench", "parallel").put("round", round);
            o.set("serial", serial.toJson());
            o.set("parallel", parallel.toJson());
            java.util.OptionalDouble r = ratio();
            if (r.isPresent()) {
                o.put("ratio", Json.fixed(r.getAsDouble(), 3));
            } else {
                o.putNull("ratio");
            }
            o.put("verdict", verdict());
            o.set("shard", shard.toJson());
            o.put("goal_parallel_s", GOAL_PARALLEL_S);
            o.put("cores", Runtime.getRuntime().availableProcessors());
            return Json.write(o);
        }
    }

    @Override
    public Integer call() {
        LibraryLogs.keepQuiet(); // as ./mipl-hil run
        if (modules.stream().anyMatch(n -> n < 1) || rounds < 1) {
            return usage("--modules and --rounds must be at least 1");
        }
        if (!estimates.equals("serial") && !estimates.equals("guess")) {
            return usage("--estimates takes serial or guess, found '" + estimates + "'");
        }
        TagSelection.Parsed sel = TagSelection.parse(tags);
        if (sel.error().isPresent()) {
            return usage(sel.error().get());
        }
        List<Path> where = paths == null || paths.isEmpty() ? List.of(Path.of("suites", "catalogue")) : paths;
        // ./mipl-hil run's defaults: the virtual target, the embedded platform, the health check and the breaker
        RunOptions opts = RunOptions.builder().target(new Target.Sim()).failFast(RunOptions.FailFast.DEFAULT).build();
        RunPlan plan = RunPlan.load(where, opts, sel.selection().orElseThrow());
        if (!plan.ok() || plan.caseCount() == 0) {
            plan.errors().forEach(err::println);
            return usage("nothing to run in " + where);
        }
        String baseImei = plan.suites().stream().flatMap(s -> s.profile().stream())
                .map(p -> p.identity().imei()).findFirst().orElse("866971050123456");
        boolean every = true;
        for (int round = 1; round <= rounds; round++) {
            Path dir = report.resolve("round-" + round);
            err.println("mipl-hil bench parallel: round " + round + ": serial, " + plan.caseCount() + " cases");
            ReportLayout serialLayout = new ReportLayout(dir.resolve("serial"));
            long t0 = System.nanoTime();
            RunResult serialResult;
            try (SuiteRunner runner = new SuiteRunner(opts, Reports.forCommandLine(serialLayout, quiet()))) {
                serialResult = runner.run(plan);
            }
            Variant serial = Variant.of("serial", 1, (System.nanoTime() - t0) / 1e9, serialResult);
            err.println("mipl-hil bench parallel: round " + round + ": serial " + line(serial));

            CaseEstimates order = estimates.equals("serial") ? CaseEstimates.read(serialLayout.junit())
                    : CaseEstimates.none();
            for (int n : modules) {
                every &= sharded(round, n, plan, opts, baseImei, order,
                        dir.resolve(modules.size() == 1 ? "parallel" : "parallel-" + n), serial, serialResult);
            }
        }
        return every ? 0 : 1;
    }

    /** The round's sharded variant over {@code modules} modules, its line printed; whether it passed every case. */
    private boolean sharded(int round, int modules, RunPlan plan, RunOptions opts, String baseImei,
                            CaseEstimates order, Path where, Variant serial, RunResult serialResult) {
        err.println("mipl-hil bench parallel: round " + round + ": sharded over " + modules + " modules");
        ReportLayout fleetLayout = new ReportLayout(where);
        FleetRunner fleet = new FleetRunner(VirtualFleet.of(modules, baseImei), FleetMode.SHARD, opts, fleetLayout,
                new PrintStream(PrintStream.nullOutputStream()), quiet(), order);
        long t1 = System.nanoTime();
        FleetRunner.Result fleetResult = fleet.run(plan);
        double fleetSeconds = (System.nanoTime() - t1) / 1e9;
        Variant parallel = Variant.of("parallel", modules, fleetSeconds, fleetResult.fleet());
        fleetResult.problems().forEach(p -> err.println("mipl-hil bench parallel: " + p));
        err.println("mipl-hil bench parallel: round " + round + ": parallel " + line(parallel));

        Round r = new Round(round, serial, parallel, Shard.of(estimates, order.size(), modules, serialResult,
                fleetResult.fleet()));
        out.println(r.toJson());
        out.flush();
        return r.verdict().equals("ok") && fleetResult.problems().isEmpty();
    }

    private static ConsoleReporter quiet() {
        return ConsoleReporter.builder(new PrintStream(PrintStream.nullOutputStream())).build();
    }

    private static String line(Variant v) {
        return String.format(java.util.Locale.ROOT, "%.1f s, %d of %d passed", v.wallSeconds(), v.passed(),
                v.cases());
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private int usage(String message) {
        err.println("mipl-hil bench parallel: " + message);
        return 2;
    }
}
