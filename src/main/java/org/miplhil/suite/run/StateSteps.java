package org.miplhil.suite.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.miplhil.at.MiplAddObj;
import org.miplhil.at.MiplConfig;
import org.miplhil.at.MiplCreate;
import org.miplhil.at.MiplEvent;
import org.miplhil.dut.Reply;
import org.miplhil.dut.UrcArrival;
import org.miplhil.dut.state.ModuleState;
import org.miplhil.dut.state.ModuleStrategy;
import org.miplhil.dut.state.RegistrationTarget;
import org.miplhil.dut.state.TransitionFailure;
import org.miplhil.dut.state.TransitionResult;
import org.miplhil.objects.ObjectDef;
import org.miplhil.suite.ResultExpectation;
import org.miplhil.suite.Step;

/**
 * The {@code state} step: the module to a {@link ModuleState} through the case's {@link ModuleStrategy}, from
 * wherever the case's steps left it. Each command of the way is the latest action and a deadline in the report, as
 * if the suite had sent it ({@code send}); the {@code +MIPLEVENT: 0,6} of a registration counts as matched, so that
 * the next expectation looks after it (the platform's observe and discover).
 */
final class StateSteps {

    /** {@code <ref>} of every command (3.3.2: only 0). */
    private static final int REF = 0;

    private final CaseContext ctx;
    private final CommandSteps commands;

    StateSteps(CaseContext ctx, CommandSteps commands) {
        this.ctx = ctx;
        this.commands = commands;
    }

    void state(Step.State step) {
        ModuleStrategy strategy = ctx.strategy();
        strategy.retarget(target(step));
        step.cmee().ifPresent(n -> commands.sendAndCheck("AT+CMEE=" + n, ResultExpectation.ok(), Optional.empty(),
                Step.DEFAULT_RESPONSE_TIME));
        if (step.deleteFirst()) {
            // start without an instance, whatever came before (an earlier run, a case that failed): any answer
            Reply r = commands.sendAndCheck("AT+MIPLDELETE=" + REF, new ResultExpectation.AnyResult(),
                    Optional.empty(), Step.DEFAULT_RESPONSE_TIME);
            if (r.isOk() || strategy.state().compareTo(ModuleState.CREATED) >= 0) {
                strategy.assume(strategy.state().compareTo(ModuleState.ATTACHED) > 0 ? ModuleState.ATTACHED
                        : strategy.state());
            }
        }
        TransitionResult result = strategy.transition(step.state());
        for (Reply r : result.replies()) {
            String name = CommandSteps.commandName(r.command());
            ctx.cursor().commandAnswered(r, name);
            ctx.rec().deadline(name + " -> " + r.result().text(), r.writtenNanos(), strategy.target().deadlines().command(),
                    r.writtenNanos() + r.latency().toNanos());
            if (r.isOk() && r.command().equals(new MiplCreate().format())) {
                checkCreateLines(r);
            }
        }
        result.registered().ifPresent(this::registered);
        result.failure().ifPresent(f -> {
            throw failed(step, result, f);
        });
    }

    /** 3.3.2: the instance's {@code <ref>} comes as {@code +MIPLCREATE: 0} before OK. */
    private static void checkCreateLines(Reply r) {
        List<String> expected = List.of("+MIPLCREATE: " + REF);
        if (!r.lines().equals(expected)) {
            throw StepFailed.module(r.command() + ": expected the information lines " + expected.get(0) + ", got "
                    + (r.lines().isEmpty() ? "none" : String.join(" | ", r.lines())) + " (final result "
                    + r.result().text() + ")");
        }
    }

    private void registered(UrcArrival<MiplEvent> event) {
        ctx.cursor().matched(event.entry());
        ctx.deadline("AT+MIPLOPEN -> " + event.text(), event.nanoTime() - event.delay().toNanos(),
                ctx.strategy().target().deadlines().registration(), event.nanoTime());
    }

    private static StepFailed failed(Step.State step, TransitionResult result, TransitionFailure f) {
        String message = "state " + step.state().word() + " (" + step.position() + "): " + result.describe();
        return switch (f.kind()) {
            case IMPOSSIBLE -> StepFailed.skipped(message);
            case POWER -> StepFailed.infrastructure(message);
            case SESSION -> f.cause().map(CaseContext::classify)
                    .map(c -> new StepFailed(c.status(), new org.miplhil.report.Failure(c.failure().category(),
                            message, c.failure().trace())))
                    .orElseGet(() -> StepFailed.module(message));
            default -> StepFailed.module(message);
        };
    }

    /** What "registered" means for this step: the suite's objects, the configuration, the open parameters. */
    private RegistrationTarget target(Step.State step) {
        List<MiplAddObj> adds = new ArrayList<>();
        if (step.allObjects()) {
            ctx.objects().forEach(o -> adds.add(o.addObj(REF)));
        } else {
            for (int id : step.objects()) {
                ObjectDef o = ctx.objects().stream().filter(d -> d.id() == id).findFirst().orElseThrow(() ->
                        StepFailed.harness("object " + id + " of the state step at " + step.position()
                                + " is not one of the suite's object models"));
                adds.add(o.addObj(REF));
            }
        }
        long lifetime;
        String text = ctx.render(step.lifetime(), "the lifetime");
        try {
            lifetime = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw StepFailed.harness("the lifetime of the state step at " + step.position() + " is '" + text
                    + "', not a number of seconds");
        }
        RegistrationTarget.Deadlines d = new RegistrationTarget.Deadlines(Step.DEFAULT_RESPONSE_TIME,
                Duration.ofSeconds(10), step.within(), Duration.ofSeconds(10));
        RegistrationTarget t = RegistrationTarget.of(adds).withoutSleepChange().withLifetime(lifetime)
                .withOpenTimeout(step.openTimeout()).withDeadlines(d);
        if (step.config()) {
            String host = ctx.vars().getOrDefault(step.bootstrap() && ctx.vars().containsKey("platform.bootstrap-host")
                    ? "platform.bootstrap-host" : "platform.host", "127.0.0.1");
            String port = ctx.vars().get(step.bootstrap() ? "platform.bootstrap-port" : "platform.port");
            if (port == null) {
                throw StepFailed.harness("the state step at " + step.position() + " needs the platform's "
                        + (step.bootstrap() ? "bootstrap " : "") + "port, and the run has none");
            }
            int bsMode = step.bootstrap() ? 1 : 0;
            OptionalInt auto = step.autoUpdate();
            t = t.withConfig(auto.isPresent()
                    ? MiplConfig.of(0, step.dataFormat(), bsMode, host, Integer.parseInt(port), auto.getAsInt())
                    : MiplConfig.of(0, step.dataFormat(), bsMode, host, Integer.parseInt(port)));
        }
        return t;
    }
}
