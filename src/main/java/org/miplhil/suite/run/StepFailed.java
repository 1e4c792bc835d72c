package org.miplhil.suite.run;

import org.miplhil.report.Failure;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.Status;

/** A step did not pass: how (failed, broken, skipped) and the evidence, with whose problem it is. */
final class StepFailed extends RuntimeException {

    private final Status status;
    private final Failure failure;

    StepFailed(Status status, Failure failure) {
        super(failure.message(), null, false, false);
        this.status = status;
        this.failure = failure;
    }

    Status status() {
        return status;
    }

    Failure failure() {
        return failure;
    }

    /** The module did not behave: a wrong reply, a late or missing URC, a wrong value. */
    static StepFailed module(String message) {
        return new StepFailed(Status.FAILED, new Failure(FailureCategory.MODULE, message, ""));
    }

    /** The port, the platform or the relay failed. */
    static StepFailed infrastructure(String message) {
        return new StepFailed(Status.BROKEN, new Failure(FailureCategory.INFRASTRUCTURE, message, ""));
    }

    /** The harness (or a suite it should have refused) is wrong. */
    static StepFailed harness(String message) {
        return new StepFailed(Status.BROKEN, new Failure(FailureCategory.HARNESS, message, ""));
    }

    static StepFailed harness(Throwable t) {
        return new StepFailed(Status.BROKEN, Failure.of(FailureCategory.HARNESS, t));
    }

    /** The step cannot run on this target; the case is skipped, not failed. */
    static StepFailed skipped(String reason) {
        return new StepFailed(Status.SKIPPED, new Failure(FailureCategory.HARNESS, reason, ""));
    }
}
