package org.miplhil.report;

/**
 * An output of the report: Allure results, JUnit XML, transcripts, the console. The
 * {@link RunRecorder} calls every sink in order; a sink that throws is reported and skipped, it
 * never stops the run.
 */
public interface ReportSink {

    default void runStarted(RunInfo run) {
    }

    default void suiteStarted(SuiteInfo suite) {
    }

    default void caseStarted(SuiteInfo suite, CaseInfo info) {
    }

    /** A step started; {@code info} is null for a suite's setup or teardown. For progress lines. */
    default void stepStarted(SuiteInfo suite, CaseInfo info, String stepName) {
    }

    default void caseFinished(SuiteInfo suite, CaseResult result) {
    }

    default void suiteFinished(SuiteResult result) {
    }

    default void runFinished(RunResult result) {
    }
}
