package org.miplhil.suite.run;

import java.util.Map;
import java.util.Optional;
import org.miplhil.dut.UrcArrival;
import org.miplhil.suite.Step;
import org.miplhil.suite.Template;

/**
 * The MCU-answer family: {@code mcu} (who answers which kind of request, {@link McuModes}) and {@code answer} (the
 * case answers a request URC itself: it awaits the URC as {@code expect-urc} does, pauses {@code after}, and sends
 * each {@code with} command as a report step of its own). The unanswered-request accounting at the end of a case
 * is {@link McuModes#unansweredRequests}.
 */
final class McuSteps {

    private final CaseContext ctx;
    private final McuModes modes;
    private final UrcSteps urcs;
    private final CommandSteps commands;

    McuSteps(CaseContext ctx, McuModes modes, UrcSteps urcs, CommandSteps commands) {
        this.ctx = ctx;
        this.modes = modes;
        this.urcs = urcs;
        this.commands = commands;
    }

    void mcu(Step.Mcu step) {
        modes.change(step, ctx.journalSize());
    }

    void answer(Step.Answer step) {
        UrcArrival<Map<String, String>> urc = urcs.awaitUrc(step.urc(), step.within(), step.since());
        ctx.vars().putAll(urc.value());
        if (!step.after().isZero()) {
            CaseContext.pauseUntil(urc.nanoTime() + step.after().toNanos());
        }
        for (Template t : step.with()) {
            String command = ctx.render(t, "the answer");
            ctx.subStep("send " + command, Map.of("expect", StepText.expect(step.expect())),
                    () -> commands.sendAndCheck(command, step.expect(), Optional.empty(), Step.DEFAULT_RESPONSE_TIME));
        }
    }
}
