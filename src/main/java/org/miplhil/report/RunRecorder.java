package org.miplhil.report;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@link RunListener} that builds the result records and hands them to the report's sinks
 * (Allure, JUnit XML, transcripts, console). Calls out of order are tolerated, never thrown at the
 * executor: a step finished with none open is ignored, a case started inside a case finishes the
 * first one as broken. Thread-safe.
 */
public final class RunRecorder implements RunListener {

    private final List<ReportSink> sinks;
    private final ReportClock clock;
    private final Redactor redactor = new Redactor();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunRecorder.class);

    private final PrintStream warnings;

    private RunInfo run = RunInfo.builder().build();
    private Instant runStart;
    private long runStartNanos;
    private final List<SuiteResult> suites = new ArrayList<>();

    private SuiteInfo suite;
    private Instant suiteStart;
    private long suiteStartNanos;
    private final List<CaseResult> cases = new ArrayList<>();
    private FixtureResult setup;
    private Scope scope; // the case, setup or teardown being recorded, or null outside suites
    private Scope teardown;

    private RunRecorder(Builder b) {
        this.sinks = List.copyOf(b.sinks);
        this.clock = b.clock;
        this.warnings = b.warnings;
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- run and suite -----------------------------------------------------------------------

    @Override
    public synchronized void runStarted(RunInfo info) {
        run = Objects.requireNonNull(info, "info");
        runStart = clock.now();
        runStartNanos = clock.nanoTime();
        suites.clear();
        notifySinks(s -> s.runStarted(run));
    }

    @Override
    public synchronized void firmwareRevision(String revision) {
        run = run.withFirmwareRevision(redactor.redact(revision));
    }

    @Override
    public void secret(String value) {
        redactor.addSecret(value);
    }

    /** The run as known so far (the firmware revision may have been learnt since it started). */
    public synchronized RunInfo runInfo() {
        return run;
    }

    @Override
    public synchronized void suiteStarted(SuiteInfo info) {
        ensureRun();
        if (suite != null) {
            suiteFinished();
        }
        suite = Objects.requireNonNull(info, "info");
        suiteStart = clock.now();
        suiteStartNanos = clock.nanoTime();
        cases.clear();
        setup = null;
        teardown = null;
        scope = new Scope(Scope.Kind.SETUP, null, suiteStart, suiteStartNanos);
        notifySinks(s -> s.suiteStarted(suite));
    }

    @Override
    public synchronized void suiteFinished() {
        if (suite == null) {
            return;
        }
        if (scope != null && scope.kind == Scope.Kind.CASE) {
            finishCase(Status.BROKEN, Failure.harness("the suite ended while this case was running"));
        }
        if (scope != null && scope.kind == Scope.Kind.SETUP) {
            setup = scope.hasActivity() ? scope.toFixture("setup", this) : null;
        }
        FixtureResult td = teardown == null || !teardown.hasActivity() ? null : teardown.toFixture("teardown", this);
        SuiteResult result = new SuiteResult(suite, suiteStart, at(suiteStart, suiteStartNanos), setup,
                List.copyOf(cases), td);
        suites.add(result);
        suite = null;
        scope = null;
        teardown = null;
        setup = null;
        notifySinks(s -> s.suiteFinished(result));
    }

    @Override
    public synchronized RunResult runFinished() {
        ensureRun();
        if (suite != null) {
            suiteFinished();
        }
        RunResult result = new RunResult(run, runStart, at(runStart, runStartNanos), List.copyOf(suites));
        notifySinks(s -> s.runFinished(result));
        return result;
    }

    // ---- cases -------------------------------------------------------------------------------

    @Override
    public synchronized void caseStarted(CaseInfo info) {
        Objects.requireNonNull(info, "info");
        if (suite == null) {
            suiteStarted(SuiteInfo.of(info.sourceFile().isEmpty() ? "suite" : info.sourceFile()));
        }
        if (scope != null && scope.kind == Scope.Kind.CASE) {
            finishCase(Status.BROKEN, Failure.harness("case '" + info.name() + "' started before this one finished"));
        }
        if (scope != null && scope.kind == Scope.Kind.SETUP) {
            setup = scope.hasActivity() ? scope.toFixture("setup", this) : null;
        }
        if (scope != null && scope.kind == Scope.Kind.TEARDOWN) {
            teardown = scope.hasActivity() ? scope : null; // activity between cases stays with the suite's teardown
        }
        scope = new Scope(Scope.Kind.CASE, info, clock.now(), clock.nanoTime());
        SuiteInfo s0 = suite;
        notifySinks(s -> s.caseStarted(s0, info));
    }

    @Override
    public synchronized void caseFinished(Status status, Failure failure) {
        finishCase(Objects.requireNonNull(status, "status"), failure);
    }

    @Override
    public synchronized void caseFinished() {
        finishCase(null, null);
    }

    private void finishCase(Status explicit, Failure explicitFailure) {
        if (scope == null || scope.kind != Scope.Kind.CASE) {
            return;
        }
        Scope c = scope;
        Failure given = redactor.redact(explicitFailure);
        if (explicit != null && explicit.isProblem() && given == null) {
            given = new Failure(FailureCategory.defaultFor(explicit), "case ended " + explicit.lowerCase(), "");
        }
        // open steps end with the case's outcome (an executor that threw mid-step)
        while (!c.open.isEmpty()) {
            boolean problem = explicit != null && explicit.isProblem();
            closeStep(c, problem ? explicit : Status.BROKEN,
                    problem ? given : Failure.harness("step not finished when the case ended"));
        }
        Status status;
        Failure failure;
        if (explicit != null) {
            status = explicit;
            failure = given != null ? given : explicit.isProblem() ? firstProblem(c.steps).orElse(null) : null;
        } else {
            Outcome o = derive(c.steps);
            status = o.status;
            failure = o.failure;
        }
        CaseResult result = new CaseResult(c.info, status, failure, c.start, at(c.start, c.startNanos), c.steps,
                c.measurements, c.attachments, c.transcript, c.timeline.build());
        cases.add(result);
        scope = teardown != null && teardown.hasActivity() ? teardown
                : new Scope(Scope.Kind.TEARDOWN, null, clock.now(), clock.nanoTime());
        teardown = scope;
        SuiteInfo s0 = suite;
        notifySinks(s -> s.caseFinished(s0, result));
    }

    // ---- steps -------------------------------------------------------------------------------

    @Override
    public synchronized void stepStarted(String name, Map<String, ?> params) {
        Scope c = current();
        if (c == null) {
            return;
        }
        List<Param> ps = Param.of(params).stream().map(redactor::redact).toList();
        c.open.push(new StepBuilder(redactor.redact(name == null ? "step" : name), ps, clock.now(), clock.nanoTime()));
        SuiteInfo s0 = suite;
        CaseInfo info = c.info;
        String stepName = c.open.peek().name;
        notifySinks(s -> s.stepStarted(s0, info, stepName));
    }

    @Override
    public synchronized void measurement(Measurement m) {
        Scope c = current();
        if (c == null || m == null) {
            return;
        }
        Measurement r = new Measurement(redactor.redact(m.name()), m.value(), m.low(), m.high(), m.unit());
        if (c.open.isEmpty()) {
            c.measurements.add(r);
        } else {
            c.open.peek().measurements.add(r);
        }
    }

    @Override
    public synchronized void stepFinished(Status status, String message) {
        Status st = status == null ? Status.BROKEN : status;
        Failure f = message == null || message.isBlank() ? null
                : st == Status.SKIPPED ? new Failure(FailureCategory.HARNESS, message, "") : Failure.parse(st, message);
        stepFinished(st, f);
    }

    @Override
    public synchronized void stepFinished(Status status, Failure failure) {
        Scope c = current();
        if (c == null || c.open.isEmpty()) {
            return;
        }
        Status st = status == null ? Status.BROKEN : status;
        Failure f = redactor.redact(failure);
        if (st.isProblem() && f == null) {
            f = new Failure(FailureCategory.defaultFor(st), "step " + st.lowerCase(), "");
        }
        closeStep(c, st, f);
    }

    private void closeStep(Scope c, Status status, Failure failure) {
        StepBuilder b = c.open.pop();
        Status st = status;
        Failure f = failure;
        if (st == Status.PASSED) {
            // a passed step whose child failed shows the child's failure
            Outcome o = derive(b.children);
            if (o.status.isProblem()) {
                st = o.status;
                f = o.failure;
            }
        }
        StepResult r = new StepResult(b.name, b.params, st, st == Status.PASSED ? null : f, b.start,
                at(b.start, b.startNanos), b.measurements, b.children, b.attachments);
        if (c.open.isEmpty()) {
            c.steps.add(r);
        } else {
            c.open.peek().children.add(r);
        }
    }

    @Override
    public synchronized void attach(Attachment attachment) {
        Scope c = current();
        if (c == null || attachment == null) {
            return;
        }
        Attachment a = redactor.redact(attachment);
        if (c.open.isEmpty()) {
            c.attachments.add(a);
        } else {
            c.open.peek().attachments.add(a);
        }
    }

    @Override
    public synchronized void transcript(String text) {
        Scope c = current();
        if (c != null) {
            c.transcript = redactor.redact(text == null ? "" : text);
            c.activity = true;
        }
    }

    // ---- timeline ----------------------------------------------------------------------------

    @Override
    public synchronized void event(long nanoTime, EventKind kind, String text, String detail) {
        Scope c = current();
        if (c != null && kind != null) {
            c.timeline.event(nanoTime, kind, redactor.redact(text), redactor.redact(detail));
            c.activity = true;
        }
    }

    @Override
    public synchronized void phase(String name, long startNanoTime, long endNanoTime) {
        Scope c = current();
        if (c != null) {
            c.timeline.phase(redactor.redact(name == null ? "" : name), startNanoTime, endNanoTime);
            c.activity = true;
        }
    }

    @Override
    public synchronized Deadline deadline(String name, long startNanoTime, Duration limit, Long arrivedNanoTime) {
        Scope c = current();
        String n = redactor.redact(name == null ? "deadline" : name);
        if (c == null) {
            return new Deadline(n, 0, limit.toNanos(), arrivedNanoTime == null ? null : arrivedNanoTime - startNanoTime);
        }
        Deadline d = c.timeline.deadline(n, startNanoTime, limit, arrivedNanoTime);
        c.activity = true;
        measurement(d.toMeasurement());
        return d;
    }

    // ---- internals ---------------------------------------------------------------------------

    private Scope current() {
        if (scope != null) {
            scope.activity = true;
        }
        return scope;
    }

    private void ensureRun() {
        if (runStart == null) {
            runStarted(run);
        }
    }

    private Instant at(Instant start, long startNanos) {
        return start.plusNanos(Math.max(0, clock.nanoTime() - startNanos));
    }

    private void notifySinks(Consumer<ReportSink> call) {
        for (ReportSink s : sinks) {
            try {
                call.accept(s);
            } catch (RuntimeException e) {
                if (warnings != null) {
                    warnings.println("report: " + s.getClass().getSimpleName() + " failed: " + e);
                } else {
                    LOG.warn("report: {} failed", s.getClass().getSimpleName(), e);
                }
            }
        }
    }

    private record Outcome(Status status, Failure failure) {
    }

    /** First problem in depth-first order; else SKIPPED when every step was skipped; else PASSED. */
    private static Outcome derive(List<StepResult> steps) {
        for (StepResult s : steps) {
            if (s.status().isProblem()) {
                Outcome inner = derive(s.steps());
                if (inner.status.isProblem() && s.failure() == null) {
                    return inner;
                }
                return new Outcome(s.status(), s.failure());
            }
        }
        if (!steps.isEmpty() && steps.stream().allMatch(s -> s.status() == Status.SKIPPED)) {
            return new Outcome(Status.SKIPPED, steps.get(0).failure());
        }
        return new Outcome(Status.PASSED, null);
    }

    private static java.util.Optional<Failure> firstProblem(List<StepResult> steps) {
        Outcome o = derive(steps);
        return o.status.isProblem() ? java.util.Optional.ofNullable(o.failure) : java.util.Optional.empty();
    }

    private static final class StepBuilder {
        final String name;
        final List<Param> params;
        final Instant start;
        final long startNanos;
        final List<Measurement> measurements = new ArrayList<>();
        final List<StepResult> children = new ArrayList<>();
        final List<Attachment> attachments = new ArrayList<>();

        StepBuilder(String name, List<Param> params, Instant start, long startNanos) {
            this.name = name;
            this.params = params;
            this.start = start;
            this.startNanos = startNanos;
        }
    }

    private static final class Scope {
        enum Kind { CASE, SETUP, TEARDOWN }

        final Kind kind;
        final CaseInfo info;
        final Instant start;
        final long startNanos;
        final Deque<StepBuilder> open = new ArrayDeque<>();
        final List<StepResult> steps = new ArrayList<>();
        final List<Measurement> measurements = new ArrayList<>();
        final List<Attachment> attachments = new ArrayList<>();
        final TimelineRecorder timeline;
        String transcript = "";
        boolean activity;

        Scope(Kind kind, CaseInfo info, Instant start, long startNanos) {
            this.kind = kind;
            this.info = info;
            this.start = start;
            this.startNanos = startNanos;
            this.timeline = new TimelineRecorder(startNanos);
        }

        boolean hasActivity() {
            return activity;
        }

        FixtureResult toFixture(String name, RunRecorder r) {
            while (!open.isEmpty()) {
                r.closeStep(this, Status.BROKEN, Failure.harness("step not finished when the " + name + " ended"));
            }
            Outcome o = derive(steps);
            List<Attachment> all = new ArrayList<>(attachments);
            measurements.forEach(m -> all.add(Attachment.text("measurement", m.format())));
            return new FixtureResult(name, o.status, o.failure, start, r.at(start, startNanos), steps, all, transcript,
                    timeline.build());
        }
    }

    /** Sinks, in the order they are called; clock and warning stream for tests. */
    public static final class Builder {
        private final List<ReportSink> sinks = new ArrayList<>();
        private ReportClock clock = ReportClock.SYSTEM;
        /** Null: a failing sink is logged (slf4j, WARN). */
        private PrintStream warnings;

        public Builder sink(ReportSink sink) {
            sinks.add(Objects.requireNonNull(sink, "sink"));
            return this;
        }

        public Builder clock(ReportClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder warnings(PrintStream warnings) {
            this.warnings = Objects.requireNonNull(warnings, "warnings");
            return this;
        }

        public RunRecorder build() {
            return new RunRecorder(this);
        }
    }
}
