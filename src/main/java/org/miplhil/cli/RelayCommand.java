package org.miplhil.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.miplhil.power.PowerException;
import org.miplhil.power.PowerReading;
import org.miplhil.power.PowerSpec;
import org.miplhil.power.PowerSwitch;
import org.miplhil.power.PowerSwitches;
import org.miplhil.power.rack.Rack;
import org.miplhil.power.rack.RackLoader;
import org.miplhil.yaml.Durations;
import org.miplhil.yaml.LoadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./mipl-hil relay on|off|cycle|state|wake --rack FILE}: switches a rack's module supply by hand, or pulses its
 * PSM_EINT ({@code wake}: the rack's {@code wake:} channel).
 */
@Command(name = "relay",
        mixinStandardHelpOptions = true,
        description = {"Switches the module's supply through the rack file's power driver.",
                "Exit status 0 when done, 1 when the switch failed (an infrastructure failure: the relay, outlet or "
                        + "GPIO did not do it), 2 for a usage or rack file error."})
public final class RelayCommand implements Callable<Integer> {

    enum Action { on, off, cycle, state, wake }

    @Parameters(index = "0", paramLabel = "ACTION",
            description = "on, off, cycle or state; wake pulses PSM_EINT through the rack's wake: channel")
    Action action;

    @Option(names = "--rack", required = true, paramLabel = "FILE", description = "the rack file (fixtures/racks/*.yaml)")
    Path rack;

    @Option(names = "--module", paramLabel = "NAME",
            description = "the module of a rack of several modules (its power: and wake: channels); state without it"
                    + " reads every module's")
    String module;

    @Option(names = "--off-time", paramLabel = "DURATION",
            description = "how long cycle holds the supply off (default: the rack file's power.off-time, else 2s)")
    String offTime;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run(PrintWriter out, PrintWriter err) {
        LoadResult<Rack> loaded = RackLoader.load(rack);
        if (!loaded.isOk()) {
            loaded.errors().forEach(err::println);
            return 2;
        }
        Rack whole = loaded.orElseThrow();
        if (action == Action.state && module == null && whole.hasSeveralModules()) {
            // reading is harmless: every module's switch, one line each
            int worst = 0;
            for (String name : whole.moduleNames()) {
                worst = Math.max(worst, act(whole.pick(name).rack().orElseThrow(), whole.name() + "/" + name, out,
                        err));
            }
            return worst;
        }
        Rack.Pick pick = whole.pick(module);
        if (pick.rack().isEmpty()) {
            err.println("mipl-hil relay: " + pick.problem());
            return 2;
        }
        return act(pick.rack().get(), module == null ? whole.name() : whole.name() + "/" + module, out, err);
    }

    /** The action on one module's switches; {@code label} names it in the output. */
    private int act(Rack r, String label, PrintWriter out, PrintWriter err) {
        Optional<Duration> hold = offTime == null ? Optional.of(r.offTime()) : Durations.parse(offTime);
        if (hold.isEmpty()) {
            err.println("mipl-hil relay: --off-time must be a duration such as 500ms, 2s or 1.5s, found '" + offTime + "'");
            return 2;
        }
        if (r.power() instanceof PowerSpec.Virtual) {
            err.println("mipl-hil relay: " + rack + " is the virtual module; its power input is switched inside the "
                    + "process that runs it (a suite's power steps), not from another process");
            return 2;
        }
        long start = System.nanoTime();
        if (action == Action.wake) {
            return wake(r, label, start, out, err);
        }
        try (PowerSwitch sw = PowerSwitches.open(r.power(), System.getenv(), Optional.empty())) {
            String what = label + ": " + sw.describe();
            switch (action) {
                case on -> sw.on();
                case off -> sw.off();
                case cycle -> sw.cycle(hold.get());
                default -> {
                    PowerReading reading = sw.state();
                    out.println(what + ": " + reading + took(start));
                    return 0;
                }
            }
            out.println(what + ": " + action + (action == Action.cycle ? " (off " + Durations.format(hold.get()) + ")" : "")
                    + took(start));
            return 0;
        } catch (PowerException e) {
            err.println("mipl-hil relay: " + e.getMessage());
            return e.kind() == PowerException.Kind.CONFIGURATION ? 2 : 1;
        }
    }

    /** One pulse on the rack's PSM_EINT: the falling edge that wakes deep sleep (docs/power.md). */
    private static int wake(Rack r, String label, long start, PrintWriter out, PrintWriter err) {
        if (r.wake().isEmpty()) {
            err.println("mipl-hil relay: " + r.file() + " has no wake: channel (the switch on the module's PSM_EINT)");
            return 2;
        }
        if (r.wake().get().line() instanceof PowerSpec.Virtual) {
            err.println("mipl-hil relay: " + r.file() + " is the virtual module; its PSM_EINT is pulled inside the "
                    + "process that runs it (a suite's wake step), not from another process");
            return 2;
        }
        try (org.miplhil.power.WakePin pin = org.miplhil.power.WakePin.open(r.wake().get(), System.getenv(),
                Optional.empty())) {
            pin.pulse();
            out.println(label + ": " + pin.describe() + ": PSM_EINT pulsed ("
                    + Durations.format(pin.pulseLength()) + ")" + took(start));
            return 0;
        } catch (PowerException e) {
            err.println("mipl-hil relay: " + e.getMessage());
            return e.kind() == PowerException.Kind.CONFIGURATION ? 2 : 1;
        }
    }

    private static String took(long start) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        return String.format(Locale.ROOT, " in %d ms", ms);
    }
}
