package org.miplhil.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.miplhil.fleet.CaseEstimates;
import org.miplhil.fleet.FleetMode;
import org.miplhil.fleet.FleetRunner;
import org.miplhil.power.rack.Rack;
import org.miplhil.power.rack.RackModule;
import org.miplhil.report.ConsoleReporter;
import org.miplhil.report.ReportLayout;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.RunPlan;

/**
 * A rack whose modules run different firmware: one fleet per profile, side by side. Each fleet's plan is read with
 * its own profile (a case's expectations are its firmware's), so {@code --replicate} runs the selection on every
 * module under that module's profile, and {@code --shard} spreads it over the modules of each profile (each case
 * runs once per firmware: a case cannot be held to two firmwares' expectations at once). The fleets share the
 * report folder (each module its own {@code junit/<module>/} and transcripts; the Allure results together, each
 * case labelled with its module and profile) and each has an embedded platform of its own.
 */
final class RackFleets {

    /** The modules of one profile, with the options and plan read with it. */
    record Group(Path profile, List<RackModule> modules, RunOptions opts, RunPlan plan) {
        Group {
            Objects.requireNonNull(profile, "profile");
            modules = List.copyOf(modules);
        }
    }

    private RackFleets() {
    }

    /** Runs every group at once; 0 when each fleet's run passed, 1 otherwise. */
    static int run(Rack rack, List<Group> groups, FleetMode mode, ReportLayout layout, PrintStream out,
                   boolean terminal) {
        out.println("mipl-hil run: rack " + rack.name() + " (" + rack.file() + "), " + groups.size()
                + " firmware profiles: " + groups.stream().map(g -> g.profile().getFileName() + " on "
                + g.modules().stream().map(RackModule::name).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; ")));
        AtomicInteger worst = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (Group g : groups) {
            ConsoleReporter console = terminal ? ConsoleReporter.forTerminal(out) : ConsoleReporter.builder(out).build();
            FleetRunner runner = new FleetRunner(RackSelection.fleet(g.modules()), mode, g.opts(), layout, out,
                    console, CaseEstimates.read(layout.junit()));
            Thread t = new Thread(() -> {
                int code;
                try {
                    code = runner.run(g.plan()).exitCode();
                } catch (RuntimeException e) {
                    out.println("mipl-hil run: the modules of " + g.profile().getFileName() + " broke off: " + e);
                    code = 1;
                }
                worst.accumulateAndGet(code, Math::max);
            }, "mipl-hil profile " + g.profile().getFileName());
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
        return worst.get();
    }
}
