package org.miplhil.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.miplhil.qualify.StepClock;
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
            out.println(String.format(Locale.ROOT, "{\"tool\":\"mipl-hil\",\"bench\":\"catalogue\",\"round\":%d,"
                            + "\"tags\":\"%s\",\"files\":%b,\"cases\":%d,\"passed\":%d,\"failed\":%d,\"broken\":%d,"
                            + "\"run_s\":%.2f,\"cases_s\":%.2f,\"since_jvm_start_s\":%.2f,\"steps\":%d,"
                            + "\"step_wall_s\":%.3f,\"step_waited_s\":%.3f,\"overhead_per_step_us\":%.1f,"
                            + "\"overhead_per_step_with_case_us\":%.1f,\"step_cpu_mean_us\":%.1f,"
                            + "\"step_cpu_median_us\":%.1f,\"step_cpu_p99_us\":%.1f,"
                            + "\"goal_run_s\":60,\"goal_overhead_us\":1000}",
                    round, tags.replace("\\", "\\\\").replace("\"", "\\\""), !noFiles, result.total(),
                    result.count(Status.PASSED), result.count(Status.FAILED), result.count(Status.BROKEN),
                    runSeconds, result.duration().toMillis() / 1000.0, sinceJvmStart, t.steps(),
                    t.stepWallNanos() / 1e9, t.stepWaitedMillis() / 1e3, t.overheadPerStepMicros(),
                    t.overheadPerStepWithCaseMicros(), t.cpuMeanMicros(), t.cpuPercentileMicros(0.5),
                    t.cpuPercentileMicros(0.99)));
            out.flush();
        }
        return allPassed ? 0 : 1;
    }
}
