package org.miplhil.suite.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.miplhil.dut.mcu.McuApplication;
import org.miplhil.dut.Reply;
import org.miplhil.dut.state.ModuleState;
import org.miplhil.dut.state.ModuleStrategy;
import org.miplhil.dut.state.TransitionResult;
import org.miplhil.objects.ObjectModel;
import org.miplhil.report.Attachment;
import org.miplhil.report.CaseInfo;
import org.miplhil.report.FotaTimeline;
import org.miplhil.report.FotaTimelineSvg;
import org.miplhil.report.Failure;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.RunInfo;
import org.miplhil.report.RunListener;
import org.miplhil.report.RunResult;
import org.miplhil.report.Status;
import org.miplhil.report.SuiteInfo;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.suite.Case;
import org.miplhil.suite.McuMode;
import org.miplhil.suite.Step;
import org.miplhil.suite.Suite;
import org.miplhil.suite.SuiteParser;

/**
 * Runs suites against a {@link Target} and tells a {@link RunListener} (the report) everything: for each selected
 * case its setup, its steps and its teardown. Teardown always runs, every step of it, whatever failed before; then,
 * if the case left an instance or left the virtual module unpowered, the runner closes and deletes it and powers the
 * module up, so the next case starts clean.
 *
 * <p>Used by {@code ./mipl-hil run} ({@link #run(RunPlan)}) and by the JUnit engine, which calls
 * {@link #healthCheck}, {@link #suiteStarted}, {@link #runOrSkip} and {@link #suiteFinished} itself. Failing fast
 * ({@link RunOptions.FailFast}) is {@link #runOrSkip}'s: {@link #runCase} always runs the case.
 */
public final class SuiteRunner implements AutoCloseable {

    /** How a case ended, with the evidence when it did not pass. */
    public record CaseOutcome(Status status, Optional<Failure> failure) {
        static CaseOutcome passed() {
            return new CaseOutcome(Status.PASSED, Optional.empty());
        }
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final RunOptions options;
    private final RunListener rec;
    private final ExecutorService background;
    private Bench bench;
    private BenchException benchProblem;
    private boolean runStarted;
    private ModuleUnderTest module;
    private BenchException moduleProblem;
    private RunPlan.SuitePlan current;
    private String revisionReported = "";
    private LastCase lastCase;
    /** Fail fast: the health check's verdict, the circuit breaker, {@code --max-failures}. */
    private final RunGuard guard;
    private final FailFastSteps failFast;
    /** Whether the current case got past its setup to its own steps (the breaker counts failures before them). */
    private boolean reachedOwnSteps;

    /** What the last case left, for checks beyond its steps (the soak compares the transcript with the journal). */
    record LastCase(List<org.miplhil.dut.JournalEntry> entries, String transcript, long startNanos, long endNanos,
                    List<FotaTrace.PowerRecord> power, Optional<org.miplhil.platform.fota.FotaOutcome> campaign) {}

    private final java.util.function.UnaryOperator<org.miplhil.platform.Platform> platformView;
    /** The platform in a container: given by the caller (who closes it), or started here ({@link #ownLab}). */
    private Optional<org.miplhil.container.PlatformLab> lab = Optional.empty();
    private boolean ownLab;
    private final ContainerPlatform.Labs labs;
    /** A fleet's embedded platform, shared with the other modules (the caller closes it). */
    private Optional<org.miplhil.platform.Platform> shared = Optional.empty();

    public SuiteRunner(RunOptions options, RunListener rec) {
        this(options, rec, java.util.function.UnaryOperator.identity());
    }

    /**
     * With {@code --platform container}: the lab the caller started (and closes after the run; {@code ./mipl-hil
     * run} starts it first, so that a lab that cannot start ends the run before any case).
     */
    public SuiteRunner(RunOptions options, RunListener rec, org.miplhil.container.PlatformLab lab) {
        this(options, rec, java.util.function.UnaryOperator.identity(), ContainerPlatform.defaults());
        this.lab = Optional.of(lab);
    }

    /**
     * {@code labs}: how the runner starts the platform in a container itself when the options ask for it and no lab
     * was given (the JUnit engine).
     */
    public SuiteRunner(RunOptions options, RunListener rec, ContainerPlatform.Labs labs) {
        this(options, rec, java.util.function.UnaryOperator.identity(), labs);
    }

    /**
     * A module of a fleet on the fleet's one embedded platform ({@code shared}, started and closed by the caller):
     * the module's cases see its device only ({@link org.miplhil.platform.DeviceScope}).
     */
    public SuiteRunner(RunOptions options, RunListener rec, org.miplhil.platform.Platform shared) {
        this(options, rec, java.util.function.UnaryOperator.identity(), ContainerPlatform.defaults());
        this.shared = Optional.of(shared);
    }

    /** Tests: the run's platform seen through {@code platformView} (one that lacks capabilities). */
    SuiteRunner(RunOptions options, RunListener rec,
                java.util.function.UnaryOperator<org.miplhil.platform.Platform> platformView) {
        this(options, rec, platformView, ContainerPlatform.defaults());
    }

    private SuiteRunner(RunOptions options, RunListener rec,
                        java.util.function.UnaryOperator<org.miplhil.platform.Platform> platformView,
                        ContainerPlatform.Labs labs) {
        this.labs = labs;
        this.options = options;
        this.rec = rec;
        this.platformView = platformView;
        this.guard = new RunGuard(options.failFast());
        this.failFast = new FailFastSteps(options, rec, guard);
        this.background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mipl-hil platform request " + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs every selected case of the plan, {@code repeat} times, and finishes the report. */
    public RunResult run(RunPlan plan) {
        runStarted(plan.suites(), plan.caseCount() * options.repeat(), Map.of());
        healthCheck(plan.suites());
        for (int round = 1; round <= options.repeat(); round++) {
            for (RunPlan.SuitePlan s : plan.suites()) {
                suiteStarted(s, options.repeat() == 1 ? "" : " [run " + round + " of " + options.repeat() + "]");
                for (Case c : s.cases()) {
                    runOrSkip(c);
                }
                suiteFinished();
            }
        }
        return rec.runFinished();
    }

    /**
     * Why the run stopped early (a failed health check, the open breaker, {@code --max-failures}); empty while it
     * goes on. A module of a fleet that stopped leaves the other modules the cases it has not taken.
     */
    public Optional<Failure> stopped() {
        return guard.stopped();
    }

    /** Where the fail-fast lines go (the health check's verdict, the breaker opening); default: the log. */
    public void onProgress(java.util.function.Consumer<String> progress) {
        failFast.onProgress(progress);
    }

    /**
     * The health check before the first case ({@code --no-health-check}: none): on the module of the first suite,
     * against the run's platform. A failure is reported as a failing test of its own and stops the run: every case
     * is then reported as not run with the verdict.
     *
     * @return the failure, when the check failed
     */
    public Optional<Failure> healthCheck(List<RunPlan.SuitePlan> suites) {
        if (!options.failFast().healthCheck() || bench == null || suites.isEmpty()) {
            return Optional.empty(); // a bench that did not start breaks every case with its own reason
        }
        RunPlan.SuitePlan first = suites.get(0);
        try {
            ModuleUnderTest m = bench.module(first.profileFile().orElse(null), first.profile().orElse(null));
            return failFast.check(m, suites, bench.platformHost(), bench.coapPort());
        } catch (BenchException e) {
            failFast.moduleUnavailable(e); // every case breaks with it, and the breaker ends the run
            return Optional.empty();
        }
    }

    /**
     * The bench's start-up as {@code ./mipl-hil mutate} judges it: the first suite's module powered up and the health
     * check. {@code failure}: a module failure when the virtual module missed its attach line (platform and
     * pseudo-terminal were up) or the check failed on its side; {@code transcript}: power-up to the check's end;
     * {@code moduleStart}: the power-up and attach alone.
     */
    public record StartUp(Optional<Failure> failure, String transcript, Duration moduleStart) {}

    /** Starts the first suite's module and runs the health check (even with {@code --no-health-check}). */
    public StartUp startUp(List<RunPlan.SuitePlan> suites) {
        if (bench == null) {
            return new StartUp(Optional.of(new Failure(benchProblem == null ? FailureCategory.HARNESS
                    : benchProblem.category(), benchProblem == null ? "no bench" : benchProblem.getMessage(), "")), "",
                    Duration.ZERO);
        }
        RunPlan.SuitePlan first = suites.get(0);
        ModuleUnderTest m;
        long t0 = System.nanoTime();
        try {
            m = bench.module(first.profileFile().orElse(null), first.profile().orElse(null));
        } catch (BenchException e) {
            boolean module = options.target() instanceof Target.Sim
                    && e.getCause() instanceof org.miplhil.dut.DeadlineExceeded;
            return new StartUp(Optional.of(new Failure(module ? FailureCategory.MODULE : e.category(),
                    "the bench did not start: " + e.getMessage(), "")), "", Duration.ofNanos(System.nanoTime() - t0));
        }
        Duration moduleStart = Duration.ofNanos(System.nanoTime() - t0);
        Optional<Failure> f = failFast.check(m, suites, bench.platformHost(), bench.coapPort());
        var journal = m.session().journal();
        return new StartUp(f, Transcripts.format(journal.entries(), journal.startNanos()), moduleStart);
    }

    /**
     * Runs the case, or reports it as not run when the run stopped (a failed health check, the breaker, {@code
     * --max-failures}); what it ended with feeds the breaker and the failure budget.
     */
    public CaseOutcome runOrSkip(Case c) {
        Optional<Failure> stop = guard.stopped();
        if (stop.isPresent()) {
            rec.caseStarted(caseInfo(current.suite(), c));
            return finish(new CaseOutcome(Status.SKIPPED, stop));
        }
        reachedOwnSteps = false;
        CaseOutcome outcome = runCase(c);
        failFast.record(c.name(), outcome.status(), outcome.failure(), !reachedOwnSteps);
        return outcome;
    }

    /**
     * Starts the report and the bench, the environment naming the plan's profiles (each suite's own when no
     * --profile replaces them: without the plan the report said {@code profile: unknown}).
     */
    public void runStarted(List<RunPlan.SuitePlan> suites, int plannedCases, Map<String, String> extra) {
        startRun(RunProfile.of(suites, options.profile()), plannedCases, extra);
    }

    /** Starts the report and the bench (the embedded platform); the profile only as --profile names it. */
    public void runStarted(int plannedCases, Map<String, String> extra) {
        startRun(RunProfile.of(List.of(), options.profile()), plannedCases, extra);
    }

    private void startRun(RunProfile profiles, int plannedCases, Map<String, String> extra) {
        RunInfo.Builder info = RunInfo.builder().target(options.target().describe()).plannedCases(plannedCases);
        info.profile(profiles.describe());
        profiles.environment().forEach(info::put);
        options.simFaultsFile().ifPresent(f -> info.put("sim faults", f.toString()));
        options.rackName().ifPresent(r -> info.put("rack", r));
        if (options.repeat() > 1) {
            info.put("repeat", Integer.toString(options.repeat()));
        }
        // never in a step, a transcript or a failure: the credentials in the environment, whatever the platform
        options.secrets().forEach(rec::secret);
        options.onenet().ifPresent(o -> {
            info.put("platform", "OneNET, " + o.api().word() + " API at " + o.baseUrl());
            o.credentials().secrets().forEach(rec::secret);
        });
        if (options.container()) {
            info.put("platform", RunOptions.CONTAINER_NAME + lab.map(l -> " (API at " + l.apiBase() + ", module"
                    + " through the relay at " + l.coap().getHostString() + ":" + l.coap().getPort() + ")").orElse(""));
        }
        extra.forEach(info::put);
        rec.runStarted(info.build());
        runStarted = true;
        if (options.container() && lab.isEmpty()) {
            ContainerPlatform.Start started = ContainerPlatform.start(labs);
            if (started instanceof ContainerPlatform.Start.Started s) {
                lab = Optional.of(s.lab());
                ownLab = true;
            } else {
                String why = started instanceof ContainerPlatform.Start.Unavailable u ? u.message()
                        : ((ContainerPlatform.Start.Failed) started).message();
                benchProblem = BenchException.infrastructure(why, null);
                return;
            }
        }
        try {
            bench = shared.isPresent() ? Bench.onShared(options, shared.get(), platformView)
                    : Bench.start(options, platformView, lab);
            bench.watch().timeline(rec);
        } catch (BenchException e) {
            benchProblem = e;
        }
    }

    /** A suite starts: the report's suite, and the module it runs on (the virtual one with its profile). */
    public void suiteStarted(RunPlan.SuitePlan plan, String nameSuffix) {
        if (!runStarted) {
            startRun(RunProfile.of(List.of(plan), options.profile()), plan.cases().size(), Map.of());
        }
        current = plan;
        Suite suite = plan.suite();
        rec.suiteStarted(new SuiteInfo(suite.name() + nameSuffix, suite.position().file(), suite.description()));
        moduleProblem = null;
        if (bench == null || guard.stopped().isPresent()) {
            return; // the run stopped (fail fast): its cases are reported not run, no module is started for them
        }
        try {
            module = bench.module(plan.profileFile().orElse(null), plan.profile().orElse(null));
            if (!module.firmwareRevision().isEmpty() && !module.firmwareRevision().equals(revisionReported)) {
                revisionReported = module.firmwareRevision();
                rec.firmwareRevision(revisionReported);
            }
        } catch (BenchException e) {
            module = null;
            moduleProblem = e;
        }
    }

    public void suiteFinished() {
        rec.suiteFinished();
        current = null;
    }

    /** Runs one case of the current suite: setup, steps, teardown, clean-up; reports it and returns how it ended. */
    public CaseOutcome runCase(Case c) {
        lastCase = null;
        RunPlan.SuitePlan plan = current;
        Suite suite = plan.suite();
        rec.caseStarted(caseInfo(suite, c));
        Optional<String> skip = bench == null ? Optional.empty() : bench.needs().skipReason(suite, c);
        skip = skip.isPresent() ? skip : skipReason(suite, c);
        // network: needs the relay in front of the platform in a container; never run as if it were not there
        skip = skip.isPresent() ? skip : CaseNetwork.skipReason(suite, c, options.container(),
                options.platformName());
        if (skip.isPresent()) {
            return finish(new CaseOutcome(Status.SKIPPED, Optional.of(new Failure(FailureCategory.HARNESS,
                    skip.get(), ""))));
        }
        BenchException problem = benchProblem != null ? benchProblem : moduleProblem;
        if (problem != null || module == null) {
            String message = problem == null ? "no module" : problem.getMessage();
            FailureCategory category = problem == null ? FailureCategory.HARNESS : problem.category();
            return finish(new CaseOutcome(Status.BROKEN, Optional.of(new Failure(category, message, ""))));
        }
        if (runsCampaign(suite, c)) {
            try {
                module.prepareFirmware();
            } catch (BenchException e) {
                return finish(new CaseOutcome(Status.BROKEN, Optional.of(new Failure(e.category(), e.getMessage(), ""))));
            }
        }
        CaseNetwork network = CaseNetwork.of(bench.lab(), suite, c);
        Optional<Failure> unapplied = network.apply(rec);
        if (unapplied.isPresent()) {
            return finish(new CaseOutcome(Status.BROKEN, unapplied));
        }
        Optional<McuApplication> mcu = Optional.empty();
        CaseOutcome outcome;
        CaseExecutor ex = null;
        try {
            if (!plan.objects().isEmpty()) {
                mcu = Optional.of(McuApplication.builder(module.session(), ObjectModel.of(plan.objects()))
                        .modeAll(org.miplhil.dut.mcu.AnswerMode.auto()).start());
            }
            ex = new CaseExecutor(module, bench.platform(), bench.watch(), rec, background, mcu, faultPlan(plan),
                    variables(plan, c), mcu.isPresent() ? McuMode.AUTO : McuMode.OFF, plan.objects());
            ex.checkNeeds(bench.needs());
            ex.relayWith(network::applyNow);
            ex.recoverWith(suite.recover().isEmpty() ? suite.setup() : suite.recover());
            ex.plan(c.steps());
            outcome = runSteps(ex, suite, c, mcu);
        } catch (RuntimeException e) {
            outcome = new CaseOutcome(Status.BROKEN, Optional.of(Failure.of(FailureCategory.HARNESS, e)));
        } finally {
            mcu.ifPresent(McuApplication::close);
            if (ex != null) {
                ex.stopFollowingRestarts();
            }
        }
        if (ex != null) {
            ex.emitTimeline();
            List<org.miplhil.dut.JournalEntry> entries = module.session().journal().entries(ex.startIndex(),
                    Integer.MAX_VALUE);
            String transcript = Transcripts.format(entries, module.session().journal().startNanos());
            rec.transcript(network.wrap(transcript, network.stats(rec)));
            attachFota(ex, c);
            lastCase = new LastCase(entries, transcript, ex.originNanos(), System.nanoTime(), ex.powerRecords(),
                    ex.fotaReport().flatMap(FotaReport.Steps::outcome));
        }
        return finish(outcome);
    }

    /** The case's power actions, its FOTA picture and its campaign's steps, when it has them. */
    private void attachFota(CaseExecutor ex, Case c) {
        try {
            List<FotaTrace.PowerRecord> power = ex.powerRecords();
            if (!power.isEmpty()) {
                rec.attach(Attachment.text("power actions", FotaReport.powerTable(power, ex.originNanos())));
            }
            ex.fotaReport().ifPresent(steps -> rec.attach(Attachment.text(steps.title(), steps.table())));
            ex.fotaTimeline().ifPresent(t -> {
                for (FotaTimeline.Band b : t.bands()) {
                    rec.phase("FOTA " + b.name(), ex.originNanos() + b.startNanos(), ex.originNanos() + b.endNanos());
                }
                rec.attach(Attachment.svg("FOTA timeline", new FotaTimelineSvg(c.name()).render(t)));
            });
        } catch (RuntimeException e) {
            rec.stepStarted("FOTA report", Map.of());
            rec.stepFinished(Status.BROKEN, Failure.of(FailureCategory.HARNESS, e));
        }
    }

    private CaseOutcome runSteps(CaseExecutor ex, Suite suite, Case c, Optional<McuApplication> mcu) {
        List<StepFailed> problems = new ArrayList<>();
        boolean go = true;
        if (!suite.setup().isEmpty()) {
            go = group(ex, "setup", suite.setup(), true, problems);
        }
        reachedOwnSteps = go;
        if (go) {
            for (Step step : c.steps()) {
                StepFailed f = ex.run(step);
                if (f != null) {
                    problems.add(f);
                    go = false;
                    break;
                }
            }
        }
        if (go) {
            List<String> unanswered = ex.unansweredRequests();
            if (!unanswered.isEmpty()) {
                StepFailed f = StepFailed.module("no step answered " + String.join(", ", unanswered)
                        + " (mcu: off): the module sent a request the case did not expect, or the case misses an"
                        + " answer step");
                rec.stepStarted("every request URC was answered", Map.of());
                rec.stepFinished(f.status(), f.failure());
                problems.add(f);
            }
        }
        ex.cancelPending();
        int stepsEnd = CaseInvariants.mark(module);
        // no new answers while the module is torn down; one under way finishes before the application is closed
        mcu.ifPresent(m -> m.setEnabled(false));
        if (!suite.teardown().isEmpty()) {
            group(ex, "teardown", suite.teardown(), false, problems);
        }
        cleanUp(ex, problems);
        CaseInvariants.check(ex, module, suite, c, stepsEnd, rec).ifPresent(problems::add);
        return problems.isEmpty() ? CaseOutcome.passed() : outcomeOf(problems);
    }

    /** A group of steps as one report step with children; stops at the first problem unless {@code all}. */
    private boolean group(CaseExecutor ex, String name, List<Step> steps, boolean stopAtProblem,
                          List<StepFailed> problems) {
        rec.stepStarted(name, Map.of());
        boolean clean = true;
        for (Step step : steps) {
            StepFailed f = ex.run(step);
            if (f != null) {
                problems.add(f);
                clean = false;
                if (stopAtProblem) {
                    break;
                }
            }
        }
        rec.stepPassed(); // the report shows a child's problem on its parent
        return clean;
    }

    /** The first failure or breakage wins; a case whose only problems are skips is skipped. */
    private static CaseOutcome outcomeOf(List<StepFailed> problems) {
        for (StepFailed f : problems) {
            if (f.status().isProblem()) {
                return new CaseOutcome(f.status(), Optional.of(f.failure()));
            }
        }
        return new CaseOutcome(Status.SKIPPED, Optional.of(problems.get(0).failure()));
    }

    /**
     * Powers the virtual module back up and leaves the module attached, closed and deleted, whatever the suite's
     * teardown did: through the case's module strategy, which knows what the case's steps left
     * ({@code transition(ATTACHED)}: the network awaited after a power-on, an instance closed and deleted).
     */
    private void cleanUp(CaseExecutor ex, List<StepFailed> problems) {
        boolean unpowered = module.virtual().map(vm -> !vm.isPowered()).orElse(false);
        // powered again by the case but not attached yet (a recovery that ran out, a case that ended at once)
        OptionalInt detached = module.virtual().isPresent() && !unpowered ? ex.powerOnWithoutAttach()
                : OptionalInt.empty();
        if (!unpowered && !ex.instanceMayExist() && detached.isEmpty()) {
            return;
        }
        rec.stepStarted("leave the module closed and deleted", Map.of());
        ModuleStrategy strategy = ex.strategy();
        try {
            if (unpowered) {
                module.restore(); // power back: the bench waits for the module's attach
                strategy.assume(ModuleState.ATTACHED);
            } else if (detached.isPresent()) {
                strategy.assume(ModuleState.UNKNOWN);
            }
            if (strategy.state() != ModuleState.ATTACHED) {
                TransitionResult r = strategy.transition(ModuleState.ATTACHED);
                for (Reply reply : r.replies()) {
                    rec.deadline(CaseExecutor.commandName(reply.command()) + " -> " + reply.result().text(),
                            reply.writtenNanos(), strategy.target().deadlines().command(),
                            reply.writtenNanos() + reply.latency().toNanos());
                }
                if (!r.arrived()) {
                    throw StepFailed.module("clean-up: " + r.describe());
                }
            }
            ex.emitTimeline();
            rec.stepPassed();
        } catch (BenchException e) {
            StepFailed f = new StepFailed(Status.BROKEN, new Failure(e.category(), e.getMessage(), ""));
            ex.emitTimeline();
            rec.stepFinished(f.status(), f.failure());
            problems.add(f);
        } catch (RuntimeException | AssertionError e) {
            StepFailed f = CaseExecutor.classify(e);
            ex.emitTimeline();
            rec.stepFinished(f.status(), f.failure());
            problems.add(f);
        }
    }

    private CaseOutcome finish(CaseOutcome outcome) {
        rec.caseFinished(outcome.status(), outcome.failure().orElse(null));
        return outcome;
    }

    private static boolean runsCampaign(Suite suite, Case c) {
        return java.util.stream.Stream.of(suite.setup(), c.steps()).flatMap(List::stream)
                .anyMatch(s -> s instanceof Step.Fota);
    }

    /** Why a case cannot run on this target, if it cannot. */
    private Optional<String> skipReason(Suite suite, Case c) {
        List<Step> all = new ArrayList<>(suite.setup());
        all.addAll(c.steps());
        all.addAll(suite.teardown());
        if (!options.target().isSim()) {
            if (suite.fixtures().faults().isPresent()) {
                return Optional.of("needs the virtual module: the suite runs with a fault plan (fixtures: faults)");
            }
            for (Step s : all) {
                if (s instanceof Step.SimFaults) {
                    return Optional.of("needs the virtual module: sim-faults at " + s.position());
                }
            }
            if (c.tags().contains("sim-only")) {
                return Optional.of("needs the virtual module (tagged sim-only)");
            }
        }
        boolean hasSupply = module != null ? module.supply().isPresent()
                : options.target().isSim() || options.power().isPresent();
        if (!hasSupply) {
            for (Step s : all) {
                if (s instanceof Step.Power) {
                    return Optional.of("power is not available for this target (no power switch): power at "
                            + s.position());
                }
            }
        }
        return Optional.empty();
    }

    private FaultPlan faultPlan(RunPlan.SuitePlan plan) {
        return plan.suite().fixtures().faults().map(f -> f.plan())
                .or(options::simFaults).orElse(FaultPlan.none());
    }

    /** Built-ins, the profile's entries, the suite's defaults, the case's own values; later ones win. */
    private Map<String, String> variables(RunPlan.SuitePlan plan, Case c) {
        Map<String, String> v = new HashMap<>();
        v.put("module.imei", module.imei());
        v.put("module.imsi", module.imsi());
        v.put("platform.host", bench.platformHost());
        v.put("platform.port", Integer.toString(bench.coapPort()));
        v.put("platform.bootstrap-port", Integer.toString(bench.bootstrapPort()));
        v.put("platform.bootstrap-host", bench.bootstrapHost());
        plan.profileValues().forEach((k, x) -> v.put(SuiteParser.PROFILE_PREFIX + k, x));
        v.putAll(plan.suite().variables());
        v.putAll(c.variables());
        return v;
    }

    /** The case as the report knows it: tags sorted into sections, commands, ETS ids and the rest. */
    static CaseInfo caseInfo(Suite suite, Case c) {
        CaseInfo.Builder b = CaseInfo.builder(c.name()).source(suite.position().file(), c.position().line());
        for (String t : c.tags()) {
            if (t.startsWith("AT+") || t.startsWith("+")) {
                b.command(t);
            } else {
                b.tag(t);
            }
        }
        return b.build();
    }

    Optional<LastCase> lastCase() {
        return Optional.ofNullable(lastCase);
    }

    /**
     * The UART transcript of the case {@link #runCase} ran last, in {@code Transcripts.format}'s form (one line per
     * line sent, {@code TX}, or received, {@code RX}); empty when the case never reached the module (skipped, no
     * bench). {@code ./mipl-hil mutate} reads the clean run's to find the cases a mutant can act on.
     */
    public Optional<String> lastTranscript() {
        return Optional.ofNullable(lastCase).map(LastCase::transcript);
    }

    /** The module the current suite runs on, once the bench started it. */
    Optional<ModuleUnderTest> module() {
        return Optional.ofNullable(module);
    }

    @Override
    public void close() {
        background.shutdownNow();
        if (bench != null) {
            bench.close();
            bench = null;
        }
        if (ownLab) {
            lab.ifPresent(org.miplhil.container.PlatformLab::close);
            lab = Optional.empty();
            ownLab = false;
        }
    }
}
