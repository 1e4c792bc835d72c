package org.miplhil.suite.run;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.miplhil.report.Failure;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.Status;

/**
 * Opens after {@code threshold} cases in a row failed before their first own step (in the suite's setup, or before
 * it: the module, the bench) with the same cause: a dead or misconfigured module makes every later case wait out the
 * same deadline, so they are reported as not run instead. Pure decision logic, no I/O.
 *
 * <p>The same cause: the same category and the same first line of the message once digits are masked (ports,
 * deadlines, times and positions differ from case to case). A case that passes or fails in its own steps resets
 * the count; a skipped case leaves it as it is (it says nothing about the module).
 */
public final class CircuitBreaker {

    /** Default of {@code --breaker}. */
    public static final int DEFAULT_THRESHOLD = 3;

    private static final Pattern DIGITS = Pattern.compile("\\d+(?:[.,:]\\d+)*");

    /** A cause as the breaker compares it. */
    public record Cause(FailureCategory category, String maskedFirstLine) {
        public Cause {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(maskedFirstLine, "maskedFirstLine");
        }

        public static Cause of(Failure f) {
            String m = f.message();
            int nl = m.indexOf('\n');
            return new Cause(f.category(), mask(nl < 0 ? m : m.substring(0, nl)).strip());
        }
    }

    /** The breaker opened after {@code afterCase}: {@code count} cases in a row failed with {@code failure}'s cause. */
    public record Opened(String afterCase, int count, Failure failure) {

        /** The progress line and the first line of every case not run. */
        public String describe() {
            return "the circuit breaker opened after case '" + afterCase + "': " + count
                    + " cases in a row failed before their first own step with the same cause: " + failure.firstLine();
        }
    }

    private final int threshold;
    private Cause cause;
    private int count;
    private Opened opened;

    /** @param threshold cases in a row; 0 turns the breaker off */
    public CircuitBreaker(int threshold) {
        if (threshold < 0) {
            throw new IllegalArgumentException("the breaker's threshold must be 0 (off) or more: " + threshold);
        }
        this.threshold = threshold;
    }

    /** Masks every number (a port, a deadline, a time, a line:column) so that only the shape of a message counts. */
    public static String mask(String line) {
        return DIGITS.matcher(line == null ? "" : line).replaceAll("#");
    }

    /**
     * One case's outcome.
     *
     * @param beforeOwnSteps whether it ended before its first own step (setup, or the bench before it)
     * @return the opening, once, when this case made the breaker open
     */
    public Optional<Opened> record(String caseName, Status status, Optional<Failure> failure, boolean beforeOwnSteps) {
        if (opened != null || threshold == 0) {
            return Optional.empty();
        }
        if (status == Status.SKIPPED) {
            return Optional.empty();
        }
        if (!status.isProblem() || !beforeOwnSteps || failure.isEmpty()) {
            cause = null;
            count = 0;
            return Optional.empty();
        }
        Cause c = Cause.of(failure.get());
        if (c.equals(cause)) {
            count++;
        } else {
            cause = c;
            count = 1;
        }
        if (count >= threshold) {
            opened = new Opened(caseName, count, failure.get());
            return Optional.of(opened);
        }
        return Optional.empty();
    }

    public Optional<Opened> opened() {
        return Optional.ofNullable(opened);
    }

    public int threshold() {
        return threshold;
    }
}
