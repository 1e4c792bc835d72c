package org.miplhil.suite.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import org.miplhil.at.FotaUpdating;
import org.miplhil.at.IpUrc;
import org.miplhil.at.MiplUrc;
import org.miplhil.at.Rdy;
import org.miplhil.dut.Cursor;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.UnexpectedUrc;
import org.miplhil.dut.UrcArrival;
import org.miplhil.dut.UrcMatcher;
import org.miplhil.dut.state.ModuleState;
import org.miplhil.report.EventKind;
import org.miplhil.suite.CutTrigger;
import org.miplhil.suite.PowerAction;
import org.miplhil.suite.Recovery;
import org.miplhil.suite.Step;

/**
 * The power family: {@code power} off, on or cycle, at once or at a cut trigger (a URC, a FOTA state, an update's
 * progress), and the recovery after power returns ({@code recover: ready} or {@code setup}, which runs the suite's
 * recover steps through the executor). It keeps the case's power actions for the FOTA picture and whether the module
 * attached after the case's last power-on, for the runner's clean-up.
 */
final class PowerSteps {

    private final CaseContext ctx;
    /** Runs a step of {@code recover: setup} as the executor runs any step: null when it passed. */
    private final Function<Step, StepFailed> runStep;
    private final List<FotaTrace.PowerRecord> powerRecords = new CopyOnWriteArrayList<>();
    private List<Step> recoverSteps = List.of();
    private boolean recovering;
    private int lastPowerOnIndex = -1;
    /** Told when a cut at a trigger has landed (a campaign holding for it goes on). */
    private Runnable cutLanded = () -> { };

    PowerSteps(CaseContext ctx, Function<Step, StepFailed> runStep) {
        this.ctx = ctx;
        this.runStep = runStep;
    }

    void onCutLanded(Runnable r) {
        this.cutLanded = r;
    }

    /** The steps {@code recover: setup} runs: the suite's recover steps, or its setup. */
    void recoverWith(List<Step> steps) {
        this.recoverSteps = List.copyOf(steps);
    }

    void power(Step.Power step) {
        Supply supply = ctx.module().supply().orElseThrow(() -> StepFailed.skipped(
                "power is not available for this target: no power switch (" + step.position() + ")"));
        long stepStart = System.nanoTime();
        long moment = stepStart;
        String trigger = "";
        if (step.cutAt().isPresent()) {
            UrcArrival<Map<String, String>> a = awaitTrigger(step.cutAt().get(), step.within().orElseThrow());
            ctx.vars().putAll(a.value());
            moment = a.nanoTime();
            trigger = step.cutAt().get().word() + " (" + a.text() + ")";
            ctx.rec().event(moment, EventKind.MARK, "cut trigger " + a.text());
        }
        if (!step.after().isZero()) {
            CaseContext.pauseUntil(moment + step.after().toNanos());
        }
        long triggerNanos = moment;
        try {
            switch (step.action()) {
                case OFF -> {
                    off(supply, trigger, triggerNanos);
                    landed(step);
                }
                case ON -> on(supply);
                case CYCLE -> {
                    long off = off(supply, trigger, triggerNanos);
                    landed(step);
                    CaseContext.pauseUntil(off + step.offFor().toNanos());
                    long on = on(supply);
                    ctx.rec().phase("power off", off, on);
                }
            }
        } catch (StepFailed f) {
            throw f;
        } catch (Exception e) {
            throw StepFailed.infrastructure(supply.describe() + " failed: " + e.getMessage());
        }
        if (step.action() != PowerAction.OFF && step.recover() != Recovery.NONE) {
            recover(step);
        }
    }

    private void landed(Step.Power step) {
        if (step.cutAt().isPresent()) {
            cutLanded.run();
        }
    }

    /**
     * Waits for a cut trigger: a line since the latest action and after the previous match (as {@code expect-urc}
     * looks), the clock of {@code within} starting with the step. The line is matched once, as any expectation's.
     */
    private UrcArrival<Map<String, String>> awaitTrigger(CutTrigger trigger, Duration within) {
        Cursor from = ctx.cursor().trigger();
        UrcMatcher<Map<String, String>> matcher;
        if (trigger instanceof CutTrigger.AtUrc at) {
            matcher = new LineMatcher(at.urc(), ctx.vars());
        } else if (trigger instanceof CutTrigger.AtFotaState st) {
            matcher = fotaMatcher("FOTA state " + st.state().word() + " (6.3: " + stateUrcs(st.state()) + ")",
                    u -> FotaTrace.stateAfter(u).filter(x -> x == st.state()).isPresent()
                            // 43 and START both say updating: the first of them is the moment
                            && !(u instanceof FotaUpdating));
        } else {
            int percent = ((CutTrigger.AtProgress) trigger).percent();
            matcher = fotaMatcher("+QIND: \"FOTA\",\"UPDATING\",<percent> with percent >= " + percent,
                    u -> u instanceof FotaUpdating p && p.percent() >= percent);
        }
        try {
            UrcArrival<Map<String, String>> a = ctx.session().expectUrc(from, matcher, within);
            ctx.cursor().matched(a.entry());
            ctx.deadline("step start -> cut trigger " + a.text(), from.nanoTime(), within, a.nanoTime());
            return a;
        } catch (DeadlineExceeded | UnexpectedUrc e) {
            ctx.rec().deadline("step start -> cut trigger " + trigger.word(), from.nanoTime(), within, null);
            throw StepFailed.module("cut-at " + trigger.word() + ": " + e.getMessage());
        }
    }

    private static String stateUrcs(CutTrigger.FotaState state) {
        return switch (state) {
            case DOWNLOADING -> "+MIPLEVENT: 0,40";
            case DOWNLOADED -> "+MIPLEVENT: 0,42";
            case UPDATING -> "+MIPLEVENT: 0,43 or +QIND: \"FOTA\",\"START\"";
            case IDLE -> "+MIPLEVENT: 0,41|48|49 or +QIND: \"FOTA\",\"END\"";
        };
    }

    private static UrcMatcher<Map<String, String>> fotaMatcher(String description,
                                                               Predicate<MiplUrc> condition) {
        return new UrcMatcher<>() {
            @Override
            public Optional<Map<String, String>> match(JournalEntry.Received urc) {
                return urc.urc().filter(condition).map(u -> Map.of());
            }

            @Override
            public String description() {
                return description;
            }
        };
    }

    private long off(Supply supply, String trigger, long triggerNanos) throws Exception {
        supply.off();
        long t = System.nanoTime();
        ctx.rec().event(t, EventKind.POWER_OFF, "power off", trigger);
        powerRecords.add(new FotaTrace.PowerRecord("off", t, java.time.Instant.now(), trigger, triggerNanos));
        ctx.strategy().assume(ModuleState.OFF); // 3.3.x: nothing of the OneNET state is kept in NVRAM
        ctx.cursor().acted(ctx.journalSize(), t, "power off");
        return t;
    }

    private long on(Supply supply) throws Exception {
        int index = ctx.journalSize();
        // switching on a module that has power restarts nothing (no RDY, no +IP to wait for)
        boolean wasOff = ctx.module().virtual().map(vm -> !vm.isPowered()).orElse(true);
        supply.on();
        long t = System.nanoTime();
        ctx.rec().event(t, EventKind.POWER_ON, "power on");
        powerRecords.add(new FotaTrace.PowerRecord("on", t, java.time.Instant.now(), "", t));
        if (wasOff) {
            lastPowerOnIndex = index;
            ctx.strategy().assume(ModuleState.UNKNOWN);
        }
        ctx.cursor().acted(index, t, "power on");
        return t;
    }

    /**
     * After power returns: waits until the module is ready ({@code RDY}, then {@code +IP: ...}: the data connection,
     * without which every MIPL command fails) and, with {@code recover: setup}, sets MIPL up again with the suite's
     * recover steps (or its setup). Recovery does not consume what the case expects: the case's next expectation
     * still looks at every line after its previous match, the restart's lines included.
     */
    private void recover(Step.Power step) {
        if (recovering) {
            throw StepFailed.harness("a recovery step recovers again (" + step.position() + ")");
        }
        CaseCursor.Floors floors = ctx.cursor().floors();
        recovering = true;
        ctx.rec().stepStarted("recover: " + step.recover().word(),
                Map.of("ready-within", CaseContext.millis(step.readyWithin())));
        try {
            Cursor from = ctx.cursor().atLastAction();
            List<UrcMatcher<?>> ready = List.of(UrcMatcher.type(Rdy.class, r -> true, "RDY"),
                    UrcMatcher.type(IpUrc.class, ip -> true, "+IP: <address>"));
            try {
                List<UrcArrival<?>> found = ctx.session().expectInOrder(from, ready, step.readyWithin());
                for (UrcArrival<?> a : found) {
                    ctx.deadline("power on -> " + a.text(), from.nanoTime(), step.readyWithin(), a.nanoTime());
                }
            } catch (DeadlineExceeded | UnexpectedUrc e) {
                ctx.rec().deadline("power on -> RDY, +IP", from.nanoTime(), step.readyWithin(), null);
                throw StepFailed.module("recovery: the module was not ready (RDY, then +IP: ...) within "
                        + CaseContext.millis(step.readyWithin()) + " of power on: " + e.getMessage());
            }
            ctx.emitTimeline();
            ctx.strategy().assume(ModuleState.ATTACHED); // RDY, then the data connection: a state step goes on from here
            if (step.recover() == Recovery.SETUP) {
                if (recoverSteps.isEmpty()) {
                    throw StepFailed.harness("recover: setup, and the suite has neither recover nor setup steps");
                }
                for (Step s : recoverSteps) {
                    StepFailed f = runStep.apply(s);
                    if (f != null) {
                        throw new StepFailed(f.status(), new org.miplhil.report.Failure(f.failure().category(),
                                "recovery after power on, " + s.word() + " at " + s.position() + ": "
                                        + f.failure().message(), f.failure().trace()));
                    }
                }
            }
            ctx.rec().stepPassed();
        } catch (RuntimeException e) {
            StepFailed f = CaseContext.classify(e);
            ctx.emitTimeline();
            ctx.rec().stepFinished(f.status(), f.failure());
            throw f;
        } finally {
            recovering = false;
            ctx.cursor().restore(floors);
        }
    }

    /** The power actions of the case so far, for its FOTA picture and the report's table. */
    List<FotaTrace.PowerRecord> powerRecords() {
        return List.copyOf(powerRecords);
    }

    /**
     * The journal index of the case's last power-on when no {@code +IP: ...} (the data connection) came after it;
     * empty when the case did not switch the power on or the module attached since.
     */
    OptionalInt powerOnWithoutAttach() {
        if (lastPowerOnIndex < 0) {
            return OptionalInt.empty();
        }
        for (JournalEntry.Received r : ctx.session().journal().urcs(lastPowerOnIndex)) {
            if (r.urc().filter(IpUrc.class::isInstance).isPresent()) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.of(lastPowerOnIndex);
    }
}
