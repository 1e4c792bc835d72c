package org.miplhil.suite.run;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.miplhil.dut.Cursor;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.UnexpectedUrc;
import org.miplhil.dut.UrcArrival;
import org.miplhil.dut.UrcMatcher;
import org.miplhil.report.RunListener;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.sleep.SleepState;
import org.miplhil.suite.Since;
import org.miplhil.suite.Step;

/**
 * The {@code sleep} and {@code wake} steps (docs/suites.md "Sleep and wake-up"). On the virtual module the sleep
 * model's state is the evidence; on hardware the lines the module writes: the profile's {@code sleep.enter-deep-line}
 * ({@code +QNBIOTEVENT: "ENTER DEEPSLEEP"} of the XY1100 SDK) and {@code sleep.exit-deep-line}. Light sleep says
 * nothing on the UART, so {@code sleep: light} needs the virtual module.
 */
final class SleepSteps {

    private final CaseContext ctx;
    private final ModuleUnderTest module;
    private final ModuleSession session;
    private final RunListener rec;
    private final Map<String, String> vars;

    SleepSteps(CaseContext ctx) {
        this.ctx = ctx;
        this.module = ctx.module();
        this.session = ctx.session();
        this.rec = ctx.rec();
        this.vars = ctx.vars();
    }

    /** Awaits the level; on hardware the module's line, anywhere after the previous match (as expect-urc looks). */
    void sleep(Step.Sleep step) {
        Cursor from = ctx.cursor().from(Since.LAST_ACTION);
        SleepState wanted = step.level() == Step.SleepLevel.DEEP ? SleepState.DEEP_SLEEP : SleepState.LIGHT_SLEEP;
        String name = "sleep: " + step.level().word();
        if (module.virtual().isPresent()) {
            VirtualModule vm = module.virtual().get();
            long start = System.nanoTime();
            Long at = awaitState(vm, wanted, step.within());
            rec.deadline(name, start, step.within(), at);
            if (at == null) {
                throw StepFailed.module("the module was not in " + step.level().word() + " sleep within "
                        + millis(step.within()) + " (" + step.position() + "); it is " + vm.sleepState().word()
                        + " (AT+QSCLK, the profile's network.rrc-release-after and the T3324 of network.psm)");
            }
            return;
        }
        if (step.level() == Step.SleepLevel.LIGHT) {
            throw StepFailed.skipped("light sleep writes nothing on the UART: 'sleep: light' needs the virtual module ("
                    + step.position() + ")");
        }
        awaitLine(line("enter-deep-line"), name, from, step.within());
    }

    /** Pulls PSM_EINT and awaits the module awake; the pull is the case's latest action. */
    void wake(Step.Wake step) {
        awaitAwake(step);
        ctx.cursor().acted(ctx.journalSize(), System.nanoTime(), "PSM_EINT");
    }

    private void awaitAwake(Step.Wake step) {
        WakeLine pin = module.wakeLine().orElseThrow(() -> StepFailed.skipped(
                "wake needs the module's PSM_EINT: the virtual module, or a rack file with a wake: channel ("
                        + step.position() + ")"));
        Cursor from = session.cursor();
        boolean asleep = module.virtual().map(vm -> vm.sleepState() != SleepState.AWAKE).orElse(true);
        boolean deep = module.virtual().map(vm -> vm.sleepState() == SleepState.DEEP_SLEEP).orElse(true);
        long pulled = System.nanoTime();
        try {
            pin.pulse();
        } catch (Exception e) {
            throw StepFailed.infrastructure(pin.describe() + " failed: " + e.getMessage());
        }
        rec.event(pulled, org.miplhil.report.EventKind.MARK, "PSM_EINT pulled");
        if (module.virtual().isPresent()) {
            VirtualModule vm = module.virtual().get();
            if (!asleep) {
                throw StepFailed.module("PSM_EINT was pulled but the module was awake: no sleep to leave ("
                        + step.position() + ")");
            }
            Long at = awaitState(vm, SleepState.AWAKE, step.within());
            rec.deadline("PSM_EINT -> awake", pulled, step.within(), at);
            if (at == null) {
                throw StepFailed.module("the module was not awake within " + millis(step.within())
                        + " of PSM_EINT (" + step.position() + "); it is " + vm.sleepState().word());
            }
            if (!deep || line("exit-deep-line").isEmpty()) {
                return; // light sleep ends silently
            }
            // the wake-up line is in the journal before the next step sends anything
        }
        awaitLine(line("exit-deep-line"), "PSM_EINT", new Cursor(from.index(), pulled), step.within());
    }

    private void awaitLine(String line, String name, Cursor from, Duration within) {
        if (line.isEmpty()) {
            throw StepFailed.skipped("the profile has no sleep line to await (" + name + ")");
        }
        try {
            UrcArrival<?> a = session.expectUrc(from, UrcMatcher.text(line), within);
            rec.deadline(name + " -> " + a.text(), from.nanoTime(), within, Math.max(a.nanoTime(), from.nanoTime()));
        } catch (DeadlineExceeded | UnexpectedUrc e) {
            rec.deadline(name + " -> " + line, from.nanoTime(), within, null);
            throw StepFailed.module(e.getMessage());
        }
    }

    /** The line of the run's profile ({@code ${profile.sleep.*}}), else the shipped one. */
    private String line(String key) {
        String v = vars.get("profile.sleep." + key);
        if (v != null) {
            return v;
        }
        FirmwareProfile.Sleep d = FirmwareProfile.Sleep.DEFAULTS;
        return key.equals("enter-deep-line") ? d.enterDeepLine() : d.exitDeepLine();
    }

    /** The time the state was reached (now when it already is), or null at the deadline. */
    private static Long awaitState(VirtualModule vm, SleepState wanted, Duration within) {
        CountDownLatch reached = new CountDownLatch(1);
        long[] at = {0};
        Consumer<SleepState> l = s -> {
            if (s == wanted) {
                at[0] = System.nanoTime();
                reached.countDown();
            }
        };
        vm.addSleepListener(l);
        try {
            if (vm.sleepState() == wanted) {
                return System.nanoTime();
            }
            if (reached.await(within.toNanos(), TimeUnit.NANOSECONDS)) {
                return at[0];
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StepFailed.harness("interrupted while awaiting the module's sleep state");
        } finally {
            vm.removeSleepListener(l);
        }
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }
}
