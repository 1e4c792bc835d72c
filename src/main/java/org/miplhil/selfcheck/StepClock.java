package org.miplhil.selfcheck;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.miplhil.report.Attachment;
import org.miplhil.report.CaseInfo;
import org.miplhil.report.Deadline;
import org.miplhil.report.EventKind;
import org.miplhil.report.Failure;
import org.miplhil.report.Measurement;
import org.miplhil.report.RunInfo;
import org.miplhil.report.RunListener;
import org.miplhil.report.RunResult;
import org.miplhil.report.Status;
import org.miplhil.report.SuiteInfo;

/**
 * A {@link RunListener} in front of the report that measures how much of each step is the harness's own time.
 * The executor calls the listener on the thread that runs the steps, and every wait of a step (for the module's
 * bytes, for the platform, for the MCU application's answer, a deliberate pause) blocks that thread; the JVM
 * counts the time a thread spends waiting or blocked (thread contention monitoring,
 * {@link ThreadInfo#getWaitedTime()} + {@link ThreadInfo#getBlockedTime()}). So per step:
 * <pre>
 *   overhead = wall time - time the step's thread waited or was blocked
 * </pre>
 * The JVM reports those times in whole milliseconds of a running total, so one step's figure is only good to
 * a millisecond; summed over the steps of a run the error stays below a millisecond in total per reading, which
 * is why the overhead is given as a total divided by the number of steps. The thread's CPU time per step
 * (nanosecond resolution) is kept too: the work the step thread itself did.
 */
public final class StepClock implements RunListener {

    private record Open(long wallNanos, long waitedMillis, long cpuNanos) {}

    /** What was measured: leaf steps (a group such as a setup counts through its children) and whole cases. */
    public record Totals(int steps, long stepWallNanos, long stepWaitedMillis, long[] stepCpuNanos,
                         int cases, long caseWallNanos, long caseWaitedMillis) {

        /** Mean harness time per step inside the steps: (sum of wall - sum of waited) / steps. */
        public double overheadPerStepMicros() {
            return steps == 0 ? 0 : (stepWallNanos - stepWaitedMillis * 1_000_000.0) / steps / 1000.0;
        }

        /** The same over whole cases (between steps too: clean-up checks, transcripts, report files), per step. */
        public double overheadPerStepWithCaseMicros() {
            return steps == 0 ? 0 : (caseWallNanos - caseWaitedMillis * 1_000_000.0) / steps / 1000.0;
        }

        public double cpuPercentileMicros(double p) {
            if (stepCpuNanos.length == 0) {
                return 0;
            }
            long[] sorted = stepCpuNanos.clone();
            Arrays.sort(sorted);
            int i = Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1));
            return sorted[i] / 1000.0;
        }

        public double cpuMeanMicros() {
            return stepCpuNanos.length == 0 ? 0 : Arrays.stream(stepCpuNanos).sum() / 1000.0 / stepCpuNanos.length;
        }
    }

    private final RunListener delegate;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Deque<Open> open = new ArrayDeque<>();
    private final Deque<Boolean> hasChild = new ArrayDeque<>();
    private int steps;
    private long stepWall;
    private long stepWaited;
    private final List<Long> stepCpu = new ArrayList<>();
    private Open caseOpen;
    private int cases;
    private long caseWall;
    private long caseWaited;

    public StepClock(RunListener delegate) {
        this.delegate = Objects.requireNonNull(delegate);
        if (!threads.isThreadContentionMonitoringSupported() || !threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure waited time or thread CPU time");
        }
        threads.setThreadContentionMonitoringEnabled(true);
        threads.setThreadCpuTimeEnabled(true);
    }

    private Open now() {
        ThreadInfo info = threads.getThreadInfo(Thread.currentThread().getId());
        return new Open(System.nanoTime(), info.getWaitedTime() + info.getBlockedTime(),
                threads.getCurrentThreadCpuTime());
    }

    public synchronized Totals totals() {
        return new Totals(steps, stepWall, stepWaited, stepCpu.stream().mapToLong(Long::longValue).toArray(),
                cases, caseWall, caseWaited);
    }

    // ---- the measured calls

    @Override
    public synchronized void caseStarted(CaseInfo info) {
        delegate.caseStarted(info);
        open.clear();
        hasChild.clear();
        caseOpen = now();
    }

    @Override
    public synchronized void stepStarted(String name, Map<String, ?> params) {
        if (!hasChild.isEmpty()) {
            hasChild.pop();
            hasChild.push(true);
        }
        delegate.stepStarted(name, params);
        open.push(now());
        hasChild.push(false);
    }

    @Override
    public synchronized void stepFinished(Status status, String message) {
        delegate.stepFinished(status, message);
        closeStep();
    }

    @Override
    public synchronized void stepFinished(Status status, Failure failure) {
        delegate.stepFinished(status, failure);
        closeStep();
    }

    private void closeStep() {
        if (open.isEmpty()) {
            return;
        }
        Open end = now();
        Open start = open.pop();
        boolean parent = hasChild.pop();
        if (!parent) {
            steps++;
            stepWall += end.wallNanos() - start.wallNanos();
            stepWaited += end.waitedMillis() - start.waitedMillis();
            stepCpu.add(end.cpuNanos() - start.cpuNanos());
        }
    }

    @Override
    public synchronized void caseFinished(Status status, Failure failure) {
        delegate.caseFinished(status, failure);
        closeCase();
    }

    @Override
    public synchronized void caseFinished() {
        delegate.caseFinished();
        closeCase();
    }

    private void closeCase() {
        if (caseOpen == null) {
            return;
        }
        Open end = now();
        cases++;
        caseWall += end.wallNanos() - caseOpen.wallNanos();
        caseWaited += end.waitedMillis() - caseOpen.waitedMillis();
        caseOpen = null;
        open.clear();
        hasChild.clear();
    }

    // ---- passed on

    @Override
    public void runStarted(RunInfo run) {
        delegate.runStarted(run);
    }

    @Override
    public void firmwareRevision(String revision) {
        delegate.firmwareRevision(revision);
    }

    @Override
    public void secret(String value) {
        delegate.secret(value);
    }

    @Override
    public void suiteStarted(SuiteInfo suite) {
        delegate.suiteStarted(suite);
    }

    @Override
    public void measurement(Measurement measurement) {
        delegate.measurement(measurement);
    }

    @Override
    public void attach(Attachment attachment) {
        delegate.attach(attachment);
    }

    @Override
    public void transcript(String text) {
        delegate.transcript(text);
    }

    @Override
    public void event(long nanoTime, EventKind kind, String text, String detail) {
        delegate.event(nanoTime, kind, text, detail);
    }

    @Override
    public void phase(String name, long startNanoTime, long endNanoTime) {
        delegate.phase(name, startNanoTime, endNanoTime);
    }

    @Override
    public Deadline deadline(String name, long startNanoTime, Duration limit, Long arrivedNanoTime) {
        return delegate.deadline(name, startNanoTime, limit, arrivedNanoTime);
    }

    @Override
    public void suiteFinished() {
        delegate.suiteFinished();
    }

    @Override
    public RunResult runFinished() {
        return delegate.runFinished();
    }
}
