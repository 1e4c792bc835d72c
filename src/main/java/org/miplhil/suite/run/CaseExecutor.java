package org.miplhil.suite.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import org.miplhil.dut.mcu.McuApplication;
import org.miplhil.objects.ObjectDef;
import org.miplhil.platform.Platform;
import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.report.FotaTimeline;
import org.miplhil.report.RunListener;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.suite.FaultSource;
import org.miplhil.suite.McuMode;
import org.miplhil.suite.Step;

/**
 * Runs the steps of one case (its setup, its own steps, its teardown) against the module, the platform and the
 * MCU application. As {@link Step.Visitor} it only dispatches: each kind of step belongs to one family over the
 * case's {@link CaseContext} (docs/suites.md, "Where a step kind lives"):
 * <ul>
 *   <li>{@link CommandSteps}: {@code send};</li>
 *   <li>{@link UrcSteps}: {@code expect-urc}, {@code expect-urcs}, {@code expect-no-urc};</li>
 *   <li>{@link McuSteps} over {@link McuModes}: {@code mcu}, {@code answer}, the unanswered requests;</li>
 *   <li>{@link PlatformSteps}: {@code platform}, {@code expect-platform};</li>
 *   <li>{@link PowerSteps}: {@code power} with its cut trigger and recovery;</li>
 *   <li>{@link FotaSteps}: {@code fota}, {@code expect-fota}, the FOTA picture;</li>
 *   <li>{@link SleepSteps}: {@code sleep}, {@code wake};</li>
 *   <li>{@link StateSteps}: {@code state}, through the case's module strategy;</li>
 *   <li>here: {@code wait} and {@code sim-faults}.</li>
 * </ul>
 * The journal positions the suite format defines between steps are the {@link CaseCursor}'s.
 *
 * <p>Each step either returns (it passed) or throws {@link StepFailed} with the evidence and whose problem it is.
 * Waits are the session's and the platform's conditions, each with its deadline; nothing polls.
 */
final class CaseExecutor implements Step.Visitor<Void> {

    private final CaseContext ctx;
    private final CommandSteps commands;
    private final McuModes mcuModes;
    private final UrcSteps urcs;
    private final McuSteps mcu;
    private final PlatformSteps platform;
    private final PowerSteps power;
    private final FotaSteps fota;
    private final SleepSteps sleep;
    private final StateSteps states;
    private PlatformNeeds needs;
    private java.util.function.Consumer<org.miplhil.network.NetworkConditions> relay = c -> {
        throw StepFailed.skipped("a network step needs the platform in a container (--platform container)");
    };

    CaseExecutor(ModuleUnderTest module, Platform platform, PlatformWatch watch, RunListener rec,
                 ExecutorService background, Optional<McuApplication> mcu, FaultPlan casePlan,
                 Map<String, String> variables, McuMode initialMode, List<ObjectDef> objects) {
        this.ctx = new CaseContext(module, platform, watch, rec, background, mcu, variables, objects);
        this.commands = new CommandSteps(ctx);
        this.mcuModes = new McuModes(mcu, ctx.cursor().start(), initialMode);
        this.urcs = new UrcSteps(ctx, mcuModes);
        this.mcu = new McuSteps(ctx, mcuModes, urcs, commands);
        this.platform = new PlatformSteps(ctx);
        this.power = new PowerSteps(ctx, this::run);
        this.fota = new FotaSteps(ctx, power::powerRecords);
        power.onCutLanded(fota::cutLanded);
        this.sleep = new SleepSteps(ctx);
        this.states = new StateSteps(ctx, commands);
        module.virtual().ifPresent(vm -> vm.replaceFaultPlan(casePlan));
    }

    /** Each step is checked against what the platform can give before it runs ({@link PlatformNeeds#check}). */
    void checkNeeds(PlatformNeeds needs) {
        this.needs = needs;
    }

    int startIndex() {
        return ctx.cursor().start();
    }

    /** The case's own steps, before they run (a campaign holds for a cut the case will make: FotaSteps#plan). */
    void plan(List<Step> caseSteps) {
        fota.plan(caseSteps);
    }

    /** The steps {@code recover: setup} runs: the suite's recover steps, or its setup. */
    void recoverWith(List<Step> steps) {
        power.recoverWith(steps);
    }

    Map<String, String> variables() {
        return ctx.vars();
    }

    boolean instanceMayExist() {
        return ctx.instanceMayExist();
    }

    /** The case's module strategy: the runner's clean-up goes through it. */
    org.miplhil.dut.state.ModuleStrategy strategy() {
        return ctx.strategy();
    }

    /** The case is over (see {@link CaseContext#stopFollowingRestarts()}). */
    void stopFollowingRestarts() {
        ctx.stopFollowingRestarts();
    }

    // ---------------------------------------------------------------- running steps

    /** Runs one step as a report step; null when it passed, else how it did not. */
    StepFailed run(Step step) {
        RunListener rec = ctx.rec();
        rec.stepStarted(StepText.name(step, ctx.vars()), StepText.params(step));
        ctx.cursor().stepStarted();
        try {
            if (needs != null) {
                needs.check(step);
            }
            step.accept(this);
            ctx.emitTimeline();
            rec.stepPassed();
            return null;
        } catch (RuntimeException | AssertionError e) {
            StepFailed f = classify(e);
            ctx.emitTimeline();
            rec.stepFinished(f.status(), f.failure());
            return f;
        } finally {
            ctx.cursor().stepEnded(ctx.journalSize());
        }
    }

    /** Turns what the session and friends throw into a step outcome with its category. */
    static StepFailed classify(Throwable e) {
        return CaseContext.classify(e);
    }

    /** Puts the journal's new lines on the case's timeline, stamped with the link's arrival times. */
    void emitTimeline() {
        ctx.emitTimeline();
    }

    /** Stops the case's FOTA campaign and its platform requests (a request nobody answered would block the platform). */
    void cancelPending() {
        fota.cancel();
        platform.cancelPending();
    }

    /** Request URCs of the case that the case had to answer ({@code mcu: off}) and did not. */
    /** Who answers a kind of request at a journal index ({@code mcu:} steps change it): for the invariants. */
    org.miplhil.suite.McuMode mcuModeAt(org.miplhil.at.RequestType kind, int index) {
        return mcuModes.modeAt(kind, index);
    }

    List<String> unansweredRequests() {
        return mcuModes.unansweredRequests(ctx.session().journal().entries(ctx.cursor().start(), Integer.MAX_VALUE));
    }

    // ---------------------------------------------------------------- the visitor: one family per kind

    @Override
    public Void send(Step.Send step) {
        commands.send(step);
        return null;
    }

    @Override
    public Void expectUrc(Step.ExpectUrc step) {
        urcs.expectUrc(step);
        return null;
    }

    @Override
    public Void expectUrcs(Step.ExpectUrcs step) {
        urcs.expectUrcs(step);
        return null;
    }

    @Override
    public Void expectNoUrc(Step.ExpectNoUrc step) {
        urcs.expectNoUrc(step);
        return null;
    }

    @Override
    public Void answer(Step.Answer step) {
        mcu.answer(step);
        return null;
    }

    @Override
    public Void mcu(Step.Mcu step) {
        mcu.mcu(step);
        return null;
    }

    @Override
    public Void platform(Step.Platform step) {
        platform.platform(step);
        return null;
    }

    @Override
    public Void expectPlatform(Step.ExpectPlatform step) {
        platform.expectPlatform(step);
        return null;
    }

    @Override
    public Void power(Step.Power step) {
        power.power(step);
        return null;
    }

    @Override
    public Void fota(Step.Fota step) {
        fota.fota(step);
        return null;
    }

    @Override
    public Void expectFota(Step.ExpectFota step) {
        fota.expectFota(step);
        return null;
    }

    @Override
    public Void sleep(Step.Sleep step) {
        sleep.sleep(step);
        return null;
    }

    @Override
    public Void wake(Step.Wake step) {
        sleep.wake(step);
        return null;
    }

    @Override
    public Void state(Step.State step) {
        states.state(step);
        return null;
    }

    /** Where a {@code network} step puts its conditions: the lab's relay ({@link CaseNetwork#applyNow}). */
    void relayWith(java.util.function.Consumer<org.miplhil.network.NetworkConditions> relay) {
        this.relay = relay;
    }

    /** The network from this step on; the step is an action: deadlines after it count from it. */
    @Override
    public Void network(Step.Network step) {
        int index = ctx.session().journal().size();
        long t = System.nanoTime();
        relay.accept(step.conditions());
        ctx.cursor().acted(index, t, "network " + step.conditions().name());
        return null;
    }

    /** A pause: nothing is awaited, the time itself is the point. */
    @Override
    public Void await(Step.Wait step) {
        CaseContext.pauseUntil(System.nanoTime() + step.duration().toNanos());
        return null;
    }

    /** The virtual module's fault plan for the rest of the case. */
    @Override
    public Void simFaults(Step.SimFaults step) {
        VirtualModule vm = ctx.module().virtual().orElseThrow(() -> StepFailed.skipped(
                "sim-faults needs the virtual module (" + step.position() + ")"));
        FaultSource source = step.source();
        FaultPlan plan = source instanceof FaultSource.FromFile f ? f.plan()
                : source instanceof FaultSource.Inline i ? i.plan() : FaultPlan.none();
        vm.replaceFaultPlan(plan);
        return null;
    }

    // ---------------------------------------------------------------- what the runner reads after the case

    /** The case's campaign, if it started one. */
    Optional<FotaCampaign> campaign() {
        return fota.campaign();
    }

    /** The case's start on the links' clock: the origin of the FOTA picture. */
    long originNanos() {
        return ctx.originNanos();
    }

    /** See {@link PowerSteps#powerOnWithoutAttach()}. */
    OptionalInt powerOnWithoutAttach() {
        return power.powerOnWithoutAttach();
    }

    List<FotaTrace.PowerRecord> powerRecords() {
        return power.powerRecords();
    }

    /** The case's FOTA steps for the report (the platform's campaign or the module's side of a console task). */
    Optional<FotaReport.Steps> fotaReport() {
        return fota.report();
    }

    /** The FOTA picture of the case so far, or empty when it saw no firmware update at all. */
    Optional<FotaTimeline> fotaTimeline() {
        return fota.fotaTimeline();
    }

    /** See {@link CommandSteps#commandName}. */
    static String commandName(String command) {
        return CommandSteps.commandName(command);
    }
}
