package org.miplhil.dut;

import java.time.Duration;
import java.util.List;

/**
 * What was awaited did not come in time. The message names it, the deadline, and everything that arrived
 * instead with its offset from the reference time. A wait for several URCs also tells which of them did arrive in
 * time ({@link #matched()}) and which did not ({@link #missing()}), for the report's measurements.
 */
public final class DeadlineExceeded extends AssertionError {

    private final String awaited;
    private final Duration deadline;
    private final transient List<UrcArrival<?>> matched;
    private final List<String> missing;

    public DeadlineExceeded(String awaited, Duration deadline, String message) {
        this(awaited, deadline, message, List.of(), List.of(awaited));
    }

    DeadlineExceeded(String awaited, Duration deadline, String message, List<UrcArrival<?>> matched,
                     List<String> missing) {
        super(message);
        this.awaited = awaited;
        this.deadline = deadline;
        this.matched = List.copyOf(matched);
        this.missing = List.copyOf(missing);
    }

    public String awaited() {
        return awaited;
    }

    public Duration deadline() {
        return deadline;
    }

    /** The URCs of the wait that arrived in time, in arrival order. */
    public List<UrcArrival<?>> matched() {
        return matched;
    }

    /** The descriptions of the matchers whose URC did not arrive in time, in the order they were given. */
    public List<String> missing() {
        return missing;
    }
}
