package org.miplhil.mutate;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.miplhil.selfcheck.CaseProblem;
import org.miplhil.selfcheck.PlanFile;
import org.miplhil.selfcheck.SelfCheckResult;
import org.miplhil.selfcheck.CatalogueRun;
import org.miplhil.selfcheck.SelfCheck;
import org.miplhil.report.Failure;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.JUnitXmlWriter;
import org.miplhil.report.ReportLayout;
import org.miplhil.report.RunRecorder;
import org.miplhil.report.Status;
import org.miplhil.report.TranscriptWriter;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.sim.fault.FaultPlanLoader;
import org.miplhil.suite.Case;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.RunPlan;
import org.miplhil.suite.run.SuiteRunner;
import org.miplhil.suite.run.TagSelection;
import org.miplhil.suite.run.Target;
import org.miplhil.yaml.LoadResult;

/**
 * Runs the catalogue against generated mutants, like PIT runs tests against mutated code:
 * <ol>
 *   <li>a clean run of the selected cases on a fresh bench, keeping each case's transcript and duration; a case
 *       that fails there ends the run (a catalogue that fails on the clean module measures nothing);</li>
 *   <li>per mutant, impact analysis ({@link ImpactAnalysis}) selects the cases whose clean transcript has a line
 *       the mutant can act on, the likeliest killers first; none: NOT_COVERED, nothing runs;</li>
 *   <li>the mutant runs on a fresh bench (platform and virtual module with the mutant's plan), case by case, until
 *       a case fails with a module failure (KILLED); every case passed: SURVIVED, or EQUIVALENT when
 *       {@code equivalent.yaml} names it; past the per-mutant time: TIMED_OUT. A control runs up to K of its cases
 *       ({@link ImpactAnalysis#forControl}). A mutant acting on the bench's start-up (power-up, general commands,
 *       health check: the clean run's pseudo-case) is judged there first;</li>
 *   <li>the hand-written plans and the clean repeats, as {@link SelfCheck} runs them.</li>
 * </ol>
 */
public final class MutationRunner {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MutationRunner.class);
    /** An ETA line after this many mutants. */
    static final int ETA_EVERY = 20;
    /** How many impacted cases a control runs by default (one per suite first). */
    public static final int DEFAULT_CONTROL_CASES = 6;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final List<Path> suites;
    private final TagSelection tags;
    private final List<Mutant> mutants;
    private final Equivalents equivalents;
    private final List<PlanFile> plans;
    private final int repeat;
    private final Path report;
    private final boolean allCases;
    private final boolean impact;
    private final Optional<Duration> budget;
    private final Optional<Duration> mutantTimeout;
    private final int jobs;
    private final int controlCases;
    private final PrintStream out;
    private final Function<RunOptions.Builder, RunOptions.Builder> options;
    /** The settings it shares with {@link SelfCheck}. */
    private final CatalogueRun settings;
    /** The run's suites, for the start-up's health check (the first suite's module). Set by {@link #run}. */
    private List<RunPlan.SuitePlan> planSuites = List.of();

    private MutationRunner(Builder b) {
        this.settings = b.settings();
        this.suites = settings.suites();
        this.tags = settings.tags();
        this.mutants = b.mutants;
        this.equivalents = b.equivalents;
        this.plans = settings.plans();
        this.repeat = settings.repeat();
        this.report = settings.report();
        this.allCases = settings.allCases();
        this.impact = b.impact;
        this.budget = b.budget;
        this.mutantTimeout = b.mutantTimeout;
        this.jobs = b.jobs;
        this.controlCases = b.controlCases;
        this.out = settings.out();
        this.options = settings.options();
    }

    public static Builder builder() {
        return new Builder();
    }

    private void say(String line) {
        if (out == null) {
            LOG.info(line);
            return;
        }
        out.println(line);
        out.flush();
    }

    private RunOptions cleanOptions() {
        return options.apply(RunOptions.builder().target(new Target.Sim())).build();
    }

    /** The suites' problems before anything runs, as {@code ./mipl-hil run} prints them; none when they load. */
    public List<String> check() {
        return qualifier().check();
    }

    private SelfCheck qualifier() {
        return SelfCheck.builder().from(settings).out(out == null ? new PrintStream(PrintStream.nullOutputStream())
                : out).build();
    }

    public MutationResult run() {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        RunPlan runPlan = RunPlan.load(suites, cleanOptions(), tags);
        planSuites = runPlan.suites();
        Clean clean = cleanRun(runPlan);
        if (!clean.failures.isEmpty()) {
            say("the clean run failed: " + clean.failures.size() + " case(s) fail on the fault-free module; no"
                    + " mutant can be judged against it");
            clean.failures.forEach(p -> say("  " + p.status() + " " + p.title() + ": "
                    + SelfCheck.firstLine(p.message())));
            return new MutationResult(started, suites.toString(), tags.expression(), clean.cases, clean.failures,
                    clean.took, List.of(), Optional.empty(), equivalents, Duration.ofNanos(System.nanoTime() - t0));
        }
        say(String.format(Locale.ROOT, "clean run: %d cases passed (%s); %d mutants", clean.cases.size(),
                SelfCheck.seconds(clean.took), mutants.size()));
        List<MutantVerdict> verdicts = runMutants(runPlan, clean.cases, clean.startUp, t0);
        SelfCheckResult q = qualifier().run();
        return new MutationResult(started, suites.toString(), tags.expression(), clean.cases, List.of(), clean.took,
                verdicts, Optional.of(q), equivalents, Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * @param startUp the pseudo-case "bench start-up": the lines of the module's power-up and the health check (the
     *                general commands no case sends), empty lines when no module started
     */
    private record Clean(List<CaseTranscript> cases, CaseTranscript startUp, List<CaseProblem> failures,
                         Duration took) {}

    /** The pseudo-case's suite and name, as reports and progress lines show a kill at the start-up. */
    public static final String STARTUP_SUITE = "bench start-up";
    public static final String STARTUP_CASE = "power-up and health check";

    private static RunRecorder recorder(Path dir) {
        ReportLayout layout = new ReportLayout(dir);
        return RunRecorder.builder().sink(new TranscriptWriter(layout)).sink(new JUnitXmlWriter(layout)).build();
    }

    private Clean cleanRun(RunPlan runPlan) {
        long t0 = System.nanoTime();
        List<CaseTranscript> cases = new ArrayList<>();
        List<CaseProblem> failures = new ArrayList<>();
        RunRecorder rec = recorder(report.resolve("clean"));
        CaseTranscript startUp = new CaseTranscript(STARTUP_SUITE, STARTUP_CASE, List.of(), Duration.ZERO);
        try (SuiteRunner runner = new SuiteRunner(cleanOptions(), rec)) {
            runner.runStarted(runPlan.suites(), runPlan.caseCount(), Map.of("mutate", "clean run (impact analysis)"));
            if (!runPlan.suites().isEmpty()) {
                long s0 = System.nanoTime();
                SuiteRunner.StartUp s = runner.startUp(runPlan.suites());
                startUp = new CaseTranscript(STARTUP_SUITE, STARTUP_CASE, CaseTranscript.parse(s.transcript()),
                        Duration.ofNanos(System.nanoTime() - s0));
                s.failure().ifPresent(f -> failures.add(new CaseProblem(STARTUP_SUITE, STARTUP_CASE, Status.FAILED,
                        f.markedMessage())));
            }
            for (RunPlan.SuitePlan s : runPlan.suites()) {
                runner.suiteStarted(s, "");
                for (Case c : s.cases()) {
                    long c0 = System.nanoTime();
                    SuiteRunner.CaseOutcome o = runner.runCase(c);
                    Duration took = Duration.ofNanos(System.nanoTime() - c0);
                    if (o.status().isProblem()) {
                        failures.add(problem(s, c, o));
                    } else if (o.status() != Status.SKIPPED) {
                        cases.add(new CaseTranscript(s.suite().name(), c.name(),
                                CaseTranscript.parse(runner.lastTranscript().orElse("")), took));
                    }
                }
                runner.suiteFinished();
            }
            rec.runFinished();
        }
        return new Clean(cases, startUp, failures, Duration.ofNanos(System.nanoTime() - t0));
    }

    private static CaseProblem problem(RunPlan.SuitePlan s, Case c, SuiteRunner.CaseOutcome o) {
        return new CaseProblem(s.suite().name(), c.name(), o.status(),
                o.failure().map(Failure::markedMessage).orElse(""));
    }

    /** What the mutants run so far taught: which cases kill, and the time per mutant that runs. Guarded by itself. */
    private static final class Progress {
        final Map<String, Integer> kills = new HashMap<>();
        final Map<String, Map<String, Integer>> killsBySubject = new HashMap<>();
        int done;
        long ran;
        long ranNanos;
    }

    private List<MutantVerdict> runMutants(RunPlan runPlan, List<CaseTranscript> clean, CaseTranscript startUp,
                                           long runStart) {
        Map<String, Located> where = new HashMap<>();
        for (RunPlan.SuitePlan s : runPlan.suites()) {
            for (Case c : s.cases()) {
                where.putIfAbsent(s.suite().name() + " / " + c.name(), new Located(s, c));
            }
        }
        Progress progress = new Progress();
        MutantVerdict[] verdicts = new MutantVerdict[mutants.size()];
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < mutants.size(); i++) {
            int index = i;
            tasks.add(() -> {
                verdicts[index] = judge(mutants.get(index), clean, startUp, where, progress, runStart);
                return null;
            });
        }
        if (jobs == 1) {
            for (Callable<Void> t : tasks) {
                try {
                    t.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        } else {
            // each mutant on its own bench (free ports, its own pseudo-terminal): the run waits far more than it works
            ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
                Thread t = new Thread(r, "mipl-hil mutant " + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            try {
                for (Future<Void> f : pool.invokeAll(tasks)) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a mutant's run failed", e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        List<MutantVerdict> out = new ArrayList<>();
        for (int i = 0; i < verdicts.length; i++) {
            out.add(verdicts[i] != null ? verdicts[i] : MutantVerdict.without(mutants.get(i), Optional.empty(),
                    "the run was interrupted before this mutant"));
        }
        return out;
    }

    private MutantVerdict judge(Mutant m, List<CaseTranscript> clean, CaseTranscript startUp,
                                Map<String, Located> where, Progress progress, long runStart) {
        MutantVerdict v;
        Duration spent = Duration.ofNanos(System.nanoTime() - runStart);
        if (budget.isPresent() && spent.compareTo(budget.get()) >= 0) {
            v = MutantVerdict.without(m, Optional.empty(), "the run's budget of " + budget.get().toSeconds()
                    + " s was spent before this mutant");
        } else {
            Map<String, Integer> weights;
            synchronized (progress) {
                weights = new HashMap<>(weights(progress.kills, progress.killsBySubject.get(m.subject())));
            }
            List<CaseTranscript> impacted = impact ? ImpactAnalysis.impacted(m, clean, weights) : clean;
            if (m.control()) {
                impacted = ImpactAnalysis.forControl(impacted, controlCases);
            }
            // the start-up's lines pass every bench: a mutant acting on them acts before any case
            boolean atStartUp = ImpactAnalysis.impacts(m, startUp);
            v = impacted.isEmpty() && !atStartUp ? MutantVerdict.without(m, Optional.of(MutantStatus.NOT_COVERED),
                    "no line of the clean run matches /" + m.trigger().pattern() + "/")
                    : runMutant(m, impacted, where, atStartUp);
        }
        synchronized (progress) {
            if (v.ran() && !v.casesRun().isEmpty()) {
                progress.ran++;
                progress.ranNanos += v.took().toNanos();
            }
            v.killedBy().ifPresent(p -> {
                progress.kills.merge(p.title(), 1, Integer::sum);
                progress.killsBySubject.computeIfAbsent(m.subject(), k -> new HashMap<>()).merge(p.title(), 1,
                        Integer::sum);
            });
            int done = ++progress.done;
            say(progressLine(done, mutants.size(), v));
            if (done % ETA_EVERY == 0 && done < mutants.size() && progress.ran > 0) {
                long left = mutants.size() - done;
                double per = progress.ranNanos / 1e9 / progress.ran;
                // as many of the rest will run (the others are not covered: no time) as so far, jobs at a time
                double minutes = left * per * progress.ran / done / 60 / jobs;
                say(String.format(Locale.ROOT, "          %d mutants to go; about %.0f min more (%.1f s per mutant"
                        + " run, %d of %d run so far)", left, minutes, per, progress.ran, done));
            }
        }
        return v;
    }

    private record Located(RunPlan.SuitePlan suite, Case c) {}

    /**
     * A case's weight for the order: the mutants of the same subject (command or URC kind) it killed first (the
     * case that saw a dropped event 15 sees a delayed one too), then every mutant it killed.
     */
    static Map<String, Integer> weights(Map<String, Integer> kills, Map<String, Integer> sameSubject) {
        if (sameSubject == null || sameSubject.isEmpty()) {
            return kills;
        }
        Map<String, Integer> w = new HashMap<>(kills);
        sameSubject.forEach((title, n) -> w.merge(title, n * 100_000, Integer::sum));
        return w;
    }

    private MutantVerdict runMutant(Mutant m, List<CaseTranscript> impacted, Map<String, Located> where,
                                    boolean atStartUp) {
        long t0 = System.nanoTime();
        LoadResult<FaultPlan> parsed = FaultPlanLoader.parse(m.id(), m.planYaml());
        if (!parsed.isOk()) {
            return MutantVerdict.without(m, Optional.empty(), "its fault plan is invalid: "
                    + String.join("; ", parsed.errors()));
        }
        RunOptions opts = options.apply(RunOptions.builder().target(new Target.Sim()))
                .simFaults(MutateReport.planFile(report, m), parsed.orElseThrow()).build();
        List<String> run = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        Optional<CaseProblem> killer = Optional.empty();
        boolean timedOut = false;
        long benchNanos = 0;
        // a control's transcripts are kept (report/controls/<id>/): a false alarm is a flaky case or a harness race,
        // and only the exchange shows which
        RunRecorder rec = m.control() ? recorder(report.resolve("controls").resolve(m.id()))
                : RunRecorder.builder().build();
        try (SuiteRunner runner = new SuiteRunner(opts, rec)) {
            long b0 = System.nanoTime();
            runner.runStarted(impacted.size(), Map.of("mutate", m.id()));
            if (atStartUp && !planSuites.isEmpty()) {
                long platformNanos = System.nanoTime() - b0;
                SuiteRunner.StartUp s = runner.startUp(planSuites);
                // the bench: the platform and the module's power-up, not the health check
                benchNanos = platformNanos + s.moduleStart().toNanos();
                run.add(STARTUP_SUITE + " / " + STARTUP_CASE);
                Optional<Failure> f = s.failure();
                if (f.isPresent() && f.get().category() == FailureCategory.MODULE) {
                    killer = Optional.of(new CaseProblem(STARTUP_SUITE, STARTUP_CASE, Status.FAILED,
                            f.get().markedMessage()));
                } else if (f.isPresent()) {
                    broken.add(STARTUP_SUITE + ": " + f.get().firstLine());
                }
            }
            RunPlan.SuitePlan current = null;
            for (CaseTranscript ct : killer.isPresent() ? List.<CaseTranscript>of() : impacted) {
                Located at = where.get(ct.title());
                if (at == null) {
                    continue;
                }
                if (current != at.suite()) {
                    if (current != null) {
                        runner.suiteFinished();
                    }
                    current = at.suite();
                    runner.suiteStarted(current, "");
                    if (run.isEmpty()) {
                        benchNanos = System.nanoTime() - b0;
                    }
                }
                SuiteRunner.CaseOutcome o = runner.runCase(at.c());
                run.add(ct.title());
                if (kills(o)) {
                    if (killer.isEmpty()) {
                        killer = Optional.of(problem(at.suite(), at.c(), o));
                    }
                    if (!m.control()) {
                        break;
                    }
                } else if (o.status().isProblem()) {
                    broken.add(ct.title() + ": " + o.failure().map(Failure::firstLine).orElse(o.status().name()));
                }
                if (mutantTimeout.isPresent() && killer.isEmpty()
                        && Duration.ofNanos(System.nanoTime() - t0).compareTo(mutantTimeout.get()) > 0
                        && run.size() < impacted.size()) {
                    timedOut = true;
                    break;
                }
            }
            if (current != null) {
                runner.suiteFinished();
            }
            rec.runFinished();
        }
        MutantStatus status;
        Optional<Equivalents.Entry> equivalent = Optional.empty();
        if (killer.isPresent()) {
            status = MutantStatus.KILLED;
        } else {
            equivalent = equivalents.find(m.id());
            // a listed equivalent that ran out of time survived every case it reached: the list says why the rest
            // cannot kill it either; an unlisted one stays TIMED_OUT
            status = equivalent.isPresent() ? MutantStatus.EQUIVALENT
                    : timedOut ? MutantStatus.TIMED_OUT : MutantStatus.SURVIVED;
        }
        String note = broken.isEmpty() ? "" : "broken (no kill): " + String.join("; ", broken);
        if (timedOut && equivalent.isPresent()) {
            note = "out of time after " + run.size() + " of " + impacted.size() + " cases, all passed"
                    + (note.isEmpty() ? "" : "; " + note);
        }
        return new MutantVerdict(m, Optional.of(status), killer, run, impacted.size() + (atStartUp ? 1 : 0),
                Duration.ofNanos(System.nanoTime() - t0), Duration.ofNanos(benchNanos), equivalent, note);
    }

    /** A module failure kills; a case that breaks (harness, infrastructure) or is skipped does not. */
    static boolean kills(SuiteRunner.CaseOutcome o) {
        return o.status() == Status.FAILED && o.failure().isPresent()
                && o.failure().get().category() == FailureCategory.MODULE;
    }

    static String progressLine(int i, int n, MutantVerdict v) {
        String head = String.format(Locale.ROOT, "[%" + Integer.toString(n).length() + "d/%d] %-11s %s", i, n,
                v.word(), v.mutant().id());
        if (!v.ran() || v.is(MutantStatus.NOT_COVERED)) {
            return head + "  (" + v.note() + ")";
        }
        String line = head + String.format(Locale.ROOT, " (%s, %d of %d impacted cases run)",
                SelfCheck.seconds(v.took()), v.casesRun().size(), v.impacted());
        if (v.killedBy().isPresent()) {
            CaseProblem p = v.killedBy().get();
            line += " " + p.title() + ": " + SelfCheck.firstLine(p.message());
        }
        return line;
    }

    public static final class Builder extends CatalogueRun.Builder<Builder> {
        private List<Mutant> mutants = List.of();
        private Equivalents equivalents = Equivalents.none();
        private boolean impact = true;
        private Optional<Duration> budget = Optional.empty();
        private Optional<Duration> mutantTimeout = Optional.empty();
        private int jobs = 1;
        private int controlCases = DEFAULT_CONTROL_CASES;

        private Builder() {
            super(Path.of("reports", "mutate"));
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** The generated mutants to run, in this order (ids unique). */
        public Builder mutants(List<Mutant> mutants) {
            Map<String, Mutant> byId = new LinkedHashMap<>();
            for (Mutant m : mutants) {
                if (byId.putIfAbsent(m.id(), m) != null) {
                    throw new IllegalArgumentException("two mutants with the id " + m.id());
                }
            }
            this.mutants = List.copyOf(mutants);
            return this;
        }

        public Builder equivalents(Equivalents equivalents) {
            this.equivalents = Objects.requireNonNull(equivalents);
            return this;
        }

        /** False: every selected case for every mutant (no impact analysis). */
        public Builder impactAnalysis(boolean on) {
            this.impact = on;
            return this;
        }

        /** The whole run's time; mutants not reached within it are reported as not run. */
        public Builder budget(Duration budget) {
            this.budget = Optional.of(budget);
            return this;
        }

        /** Per mutant; checked between cases (each case is bounded by its own deadlines). */
        public Builder mutantTimeout(Duration timeout) {
            this.mutantTimeout = Optional.of(timeout);
            return this;
        }

        /** How many mutants run at once, each on its own bench (default 1). */
        public Builder jobs(int jobs) {
            if (jobs < 1) {
                throw new IllegalArgumentException("jobs must be 1 or more: " + jobs);
            }
            this.jobs = jobs;
            return this;
        }

        /** A control runs at most this many of its impacted cases ({@link ImpactAnalysis#forControl}); 0: all. */
        public Builder controlCases(int k) {
            if (k < 0) {
                throw new IllegalArgumentException("control cases must be 0 or more: " + k);
            }
            this.controlCases = k;
            return this;
        }

        public MutationRunner build() {
            return new MutationRunner(this);
        }
    }
}
