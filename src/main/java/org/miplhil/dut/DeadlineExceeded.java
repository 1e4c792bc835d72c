package org.miplhil.dut;

import java.time.Duration;

/**
 * What was awaited did not come in time. The message names it, the deadline, and everything that arrived
 * instead with its offset from the reference time.
 */
public final class DeadlineExceeded extends AssertionError {

    private final String awaited;
    private final Duration deadline;

    DeadlineExceeded(String awaited, Duration deadline, String message) {
        super(message);
        this.awaited = awaited;
        this.deadline = deadline;
    }

    public String awaited() {
        return awaited;
    }

    public Duration deadline() {
        return deadline;
    }
}
