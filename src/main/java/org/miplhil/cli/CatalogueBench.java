package org.miplhil.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.miplhil.json.Json;
import org.miplhil.selfcheck.StepClock;
import org.miplhil.report.ReportLayout;
import org.miplhil.report.Reports;
import org.miplhil.report.RunRecorder;
import org.miplhil.report.RunResult;
import org.miplhil.report.Status;
import org.miplhil.report.ConsoleReporter;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.RunPlan;
import org.miplhil.suite.run.SuiteRunner;
import org.miplhil.suite.run.TagSelection;
import org.miplhil.suite.run.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./mipl-hil bench catalogue}: runs the catalogue on the virtual module as {@code ./mipl-hil run} does (same
 * runner, same report files) and prints one JSON line per round: the run's wall time and the harness's time per
 * step (the step's wall time minus the time its thread waited; {@link StepClock}).
 */
@Command(name = "catalogue",
        mixinStandardHelpOptions = true,
        description = {"Runs the catalogue on the virtual module and prints one JSON line per round: wall time of the"
                + " run, and the harness overhead per step (step wall time minus the time the step thread waited on"
                + " the module, the platform or a deliberate pause). See docs/benchmarks.md."})
final class CatalogueBench implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Suites (default: suites/catalogue).")
    List<Path> paths;

    @Option(names = "--tags", paramLabel = "EXPR", defaultValue = "!slow",
            description = "Tag expression (default: ${DEFAULT-VALUE}).")
    String tags;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "2",
            description = "Runs in this JVM, each with a fresh platform and module; the first includes the JIT's"
                    + " warm-up (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "target/bench-catalogue",
            description = "Where each round's report goes, as ./mipl-hil run writes it (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--no-files",
            description = "Record the run without writing any report file, to tell the executor's time from the"
                    + " report's.")
    boolean noFiles;

    private final PrintStream out;
    private final PrintStream err;

    CatalogueBench() {
        this(System.out, System.err);
    }

    CatalogueBench(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        LibraryLogs.keepQuiet(); // as ./mipl-hil run
        if (rounds < 1) {
            err.println("mipl-hil bench catalogue: --rounds must be at least 1");
            return 2;
        }
        TagSelection.Parsed sel = TagSelection.parse(tags);
        if (sel.error().isPresent()) {
            err.println("mipl-hil bench catalogue: " + sel.error().get());
            return 2;
        }
        List<Path> where = paths == null || paths.isEmpty() ? List.of(Path.of("suites", "catalogue")) : paths;
        RunOptions opts = RunOptions.builder().target(new Target.Sim()).build();
        RunPlan plan = RunPlan.load(where, opts, sel.selection().orElseThrow());
        if (!plan.ok() || plan.caseCount() == 0) {
            plan.errors().forEach(err::println);
            err.println("mipl-hil bench catalogue: nothing to run in " + where);
            return 2;
        }
        boolean allPassed = true;
        for (int round = 1; round <= rounds; round++) {
            // the report as ./mipl-hil run writes it, console included, so the measured path is the command's
            ConsoleReporter console = ConsoleReporter.builder(new PrintStream(PrintStream.nullOutputStream()))
                    .build();
            RunRecorder rec = noFiles ? RunRecorder.builder().sink(console).build()
                    : Reports.forCommandLine(new ReportLayout(report.resolve("round-" + round)), console);
            StepClock clock = new StepClock(rec);
            long t0 = System.nanoTime();
            RunResult result;
            try (SuiteRunner runner = new SuiteRunner(opts, clock)) {
                result = runner.run(plan);
            }
            double runSeconds = (System.nanoTime() - t0) / 1e9;
            double sinceJvmStart = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
            StepClock.Totals t = clock.totals();
            allPassed &= result.allPassed();
            out.println(Json.write(Json.object().put("tool", "mipl-hil").put("bench", "catalogue").put("round", round)
                    .put("tags", tags).put("files", !noFiles).put("cases", result.total())
                    .put("passed", result.count(Status.PASSED)).put("failed", result.count(Status.FAILED))
                    .put("broken", result.count(Status.BROKEN)).put("run_s", Json.fixed(runSeconds, 2))
                    .put("cases_s", Json.fixed(result.duration().toMillis() / 1000.0, 2))
                    .put("since_jvm_start_s", Json.fixed(sinceJvmStart, 2)).put("steps", t.steps())
                    .put("step_wall_s", Json.fixed(t.stepWallNanos() / 1e9, 3))
                    .put("step_waited_s", Json.fixed(t.stepWaitedMillis() / 1e3, 3))
                    .put("overhead_per_step_us", Json.fixed(t.overheadPerStepMicros(), 1))
                    .put("overhead_per_step_with_case_us", Json.fixed(t.overheadPerStepWithCaseMicros(), 1))
                    .put("step_cpu_mean_us", Json.fixed(t.cpuMeanMicros(), 1))
                    .put("step_cpu_median_us", Json.fixed(t.cpuPercentileMicros(0.5), 1))
                    .put("step_cpu_p99_us", Json.fixed(t.cpuPercentileMicros(0.99), 1))
                    .put("goal_run_s", 60).put("goal_overhead_us", 1000)));
            out.flush();
        }
        return allPassed ? 0 : 1;
    }
}
