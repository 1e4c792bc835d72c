package org.miplhil.suite.run;

import java.util.Optional;
import org.miplhil.report.Status;

/**
 * {@code --max-failures N}, as Surefire's {@code skipAfterFailureCount}: after {@code N} failed or broken cases the
 * rest are not run. Pure decision logic, no I/O.
 */
public final class FailureBudget {

    /** The budget ran out after {@code afterCase}, the {@code failures}th failed or broken case. */
    public record Exhausted(String afterCase, int failures) {

        public String describe() {
            return "--max-failures " + failures + " reached after case '" + afterCase + "': " + failures
                    + (failures == 1 ? " case" : " cases") + " failed or broke";
        }
    }

    private final int max;
    private int failures;
    private Exhausted exhausted;

    /** @param max failed or broken cases allowed before the rest are skipped; 0: no limit */
    public FailureBudget(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("--max-failures must be 0 (no limit) or more: " + max);
        }
        this.max = max;
    }

    /** One case's status; the exhaustion, once, when this case spent the budget. */
    public Optional<Exhausted> record(String caseName, Status status) {
        if (max == 0 || exhausted != null || !status.isProblem()) {
            return Optional.empty();
        }
        failures++;
        if (failures >= max) {
            exhausted = new Exhausted(caseName, failures);
            return Optional.of(exhausted);
        }
        return Optional.empty();
    }

    public Optional<Exhausted> exhausted() {
        return Optional.ofNullable(exhausted);
    }
}
