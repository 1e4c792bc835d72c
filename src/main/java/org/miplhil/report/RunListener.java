package org.miplhil.report;

import java.time.Duration;
import java.util.Map;

/**
 * What an executor tells the report, in the order things happen:
 *
 * <pre>
 * runStarted(run)
 *   suiteStarted(suite)
 *     stepStarted("create instance", params) ... stepFinished(PASSED, null)   // suite setup
 *     caseStarted(case)
 *       stepStarted("send AT+MIPLOPEN=0,3600,30", params)
 *         event(nanoTime, COMMAND, "AT+MIPLOPEN=0,3600,30")                     // from any thread
 *         deadline("AT+MIPLOPEN -> +MIPLEVENT: 0,6", sentNanos, 30 s, arrivedNanos)
 *       stepFinished(FAILED, "[MODULE] no +MIPLEVENT: 0,6 within 30 s; arrived: ...")
 *       transcript(text)
 *     caseFinished()                                                             // status from the steps
 *     stepStarted("close and delete", ...) ... stepFinished(...)                 // suite teardown
 *   suiteFinished()
 * runFinished()
 * </pre>
 *
 * Steps nest: a step started inside a step is its child. Times are taken when the calls are made;
 * timeline times are {@link System#nanoTime()} values (the ones the link stamps on each chunk).
 */
public interface RunListener {

    void runStarted(RunInfo run);

    /** The module's firmware revision, once known (it goes into the environment of the report). */
    void firmwareRevision(String revision);

    /** A value that must never appear in any report (a PSK, an API key). */
    void secret(String value);

    void suiteStarted(SuiteInfo suite);

    void caseStarted(CaseInfo info);

    /** A step starts; {@code params} in display order (use a LinkedHashMap). */
    void stepStarted(String name, Map<String, ?> params);

    default void stepStarted(String name) {
        stepStarted(name, Map.of());
    }

    /** A measurement of the current step (or of the case, outside steps). */
    void measurement(Measurement measurement);

    /**
     * The current step ends. {@code message} is the evidence, null when it passed; a leading
     * {@code [MODULE]}, {@code [INFRASTRUCTURE]} or {@code [HARNESS]} says who must look at it
     * (without one: FAILED is the module's, BROKEN the harness's).
     */
    void stepFinished(Status status, String message);

    void stepFinished(Status status, Failure failure);

    default void stepPassed() {
        stepFinished(Status.PASSED, (Failure) null);
    }

    /** An attachment of the current step, or of the case outside steps. */
    void attach(Attachment attachment);

    /** The UART transcript of the current case (or setup/teardown); replaces an earlier one. */
    void transcript(String text);

    /** A mark on the current case's timeline. Thread-safe. */
    void event(long nanoTime, EventKind kind, String text, String detail);

    default void event(long nanoTime, EventKind kind, String text) {
        event(nanoTime, kind, text, "");
    }

    /** A named span on the timeline (a FOTA phase, a power cut). */
    void phase(String name, long startNanoTime, long endNanoTime);

    /**
     * A deadline: drawn on the timeline and recorded as a measurement of the current step.
     *
     * @param arrivedNanoTime when the awaited thing arrived, or null when it never did
     */
    Deadline deadline(String name, long startNanoTime, Duration limit, Long arrivedNanoTime);

    /** The case ends with an explicit outcome; open steps are closed with it. */
    void caseFinished(Status status, Failure failure);

    /** The case ends; its status is the first problem among its steps, else passed (skipped if every step was). */
    void caseFinished();

    void suiteFinished();

    RunResult runFinished();
}
