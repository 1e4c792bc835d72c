package org.miplhil.junit;

import org.junit.platform.engine.support.hierarchical.EngineExecutionContext;
import org.miplhil.report.RunRecorder;
import org.miplhil.suite.run.SuiteRunner;

/** What the nodes of one execution share: the runner (bench, platform, module) and the report it feeds. */
final class MiplHilContext implements EngineExecutionContext {

    private SuiteRunner runner;
    private RunRecorder recorder;
    private java.util.Optional<org.miplhil.report.Failure> healthCheckFailure = java.util.Optional.empty();

    void healthCheckFailed(java.util.Optional<org.miplhil.report.Failure> failure) {
        this.healthCheckFailure = failure;
    }

    /** The verdict of a failed health check; empty: it passed, or did not run. */
    java.util.Optional<org.miplhil.report.Failure> healthCheckFailure() {
        return healthCheckFailure;
    }

    void start(SuiteRunner runner, RunRecorder recorder) {
        this.runner = runner;
        this.recorder = recorder;
    }

    SuiteRunner runner() {
        if (runner == null) {
            throw new IllegalStateException("the mipl-hil run has not started");
        }
        return runner;
    }

    RunRecorder recorder() {
        return recorder;
    }

    boolean started() {
        return runner != null;
    }
}
