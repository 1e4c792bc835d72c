package org.miplhil.selfcheck;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.miplhil.fleet.CaseEstimates;
import org.miplhil.fleet.FleetMode;
import org.miplhil.fleet.FleetRunner;
import org.miplhil.fleet.VirtualFleet;
import org.miplhil.report.CaseResult;
import org.miplhil.report.ConsoleReporter;
import org.miplhil.report.ReportLayout;
import org.miplhil.report.RunResult;
import org.miplhil.report.Status;
import org.miplhil.report.SuiteResult;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.RunPlan;

/**
 * One clean repeat of the catalogue sharded over N virtual modules on one platform, as {@code ./mipl-hil run
 * --parallel N} runs it: the isolation between modules must hold for a clean repeat to pass. Each round reports into
 * a folder of its own; its cases' lines stay in its report, the round's verdict is one line.
 */
final class ParallelRepeats {

    private ParallelRepeats() {
    }

    static RepeatVerdict run(RunPlan plan, RunOptions options, int modules, Path dir, int round) {
        long t0 = System.nanoTime();
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        String baseImei = plan.suites().stream().flatMap(s -> s.profile().stream()).map(p -> p.identity().imei())
                .findFirst().orElse("866971050123456");
        ReportLayout layout = new ReportLayout(dir);
        FleetRunner fleet = new FleetRunner(VirtualFleet.of(modules, baseImei), FleetMode.SHARD, options, layout,
                quiet, ConsoleReporter.builder(quiet).build(), CaseEstimates.read(dir.getParent()));
        FleetRunner.Result r = fleet.run(plan);
        return verdict(r, round, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** The fleet's cases as one repeat: each failed or broken case a problem, a module's run that broke off too. */
    static RepeatVerdict verdict(FleetRunner.Result r, int round, Duration took) {
        List<CaseProblem> problems = new ArrayList<>();
        int cases = 0;
        int skipped = 0;
        for (var module : r.byModule().entrySet()) {
            RunResult run = module.getValue();
            for (SuiteResult s : run.suites()) {
                for (CaseResult c : s.cases()) {
                    cases++;
                    if (c.status() == Status.SKIPPED) {
                        skipped++;
                    } else if (c.status().isProblem()) {
                        problems.add(new CaseProblem(s.info().name(), c.info().name() + " [" + module.getKey() + "]",
                                c.status(), c.failure() == null ? "" : c.failure().markedMessage()));
                    }
                }
            }
        }
        for (String p : r.problems()) {
            problems.add(new CaseProblem("fleet", "a module's run", Status.BROKEN, p));
        }
        return new RepeatVerdict(round, cases, skipped, problems, took);
    }
}
