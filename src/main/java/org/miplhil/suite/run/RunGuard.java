package org.miplhil.suite.run;

import java.util.Optional;
import org.miplhil.report.Failure;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.Status;

/**
 * Whether the run goes on: a failed health check, an open circuit breaker or a spent failure budget stops it, and
 * every later case is reported as not run with the cause. Pure decision logic, no I/O.
 */
public final class RunGuard {

    private final CircuitBreaker breaker;
    private final FailureBudget budget;
    /** Why the cases are not run any more; empty: they are. */
    private Failure stop;

    public RunGuard(RunOptions.FailFast f) {
        this.breaker = new CircuitBreaker(f.breaker());
        this.budget = new FailureBudget(f.maxFailures());
    }

    /** The health check failed: no case runs. */
    public void healthCheckFailed(Failure failure) {
        if (stop == null) {
            stop = new Failure(failure.category(), "not run: " + failure.message(), "");
        }
    }

    /** Why the next case is not run, if it is not. */
    public Optional<Failure> stopped() {
        return Optional.ofNullable(stop);
    }

    /**
     * One case's outcome; a line for the progress output when it stopped the run (the breaker opened, the budget is
     * spent).
     */
    public Optional<String> record(String caseName, Status status, Optional<Failure> failure, boolean beforeOwnSteps) {
        Optional<String> line = Optional.empty();
        Optional<CircuitBreaker.Opened> opened = breaker.record(caseName, status, failure, beforeOwnSteps);
        if (opened.isPresent() && stop == null) {
            Failure cause = opened.get().failure();
            stop = new Failure(cause.category(), "not run: " + opened.get().describe(), "");
            line = Optional.of(opened.get().describe());
        }
        Optional<FailureBudget.Exhausted> spent = budget.record(caseName, status);
        if (spent.isPresent() && stop == null) {
            stop = new Failure(failure.map(Failure::category).orElse(FailureCategory.defaultFor(status)),
                    "not run: " + spent.get().describe(), "");
            line = Optional.of(spent.get().describe());
        }
        return line;
    }
}
