package org.miplhil.report;

import java.time.Duration;
import java.time.Instant;

/** A clock the test moves by hand: wall and monotonic time advance together. */
final class TestClock implements ReportClock {

    private Instant now = Instant.parse("2025-06-01T02:00:00Z");
    private long nanos = 1_000_000_000_000L;

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    synchronized void advance(Duration d) {
        now = now.plus(d);
        nanos += d.toNanos();
    }

    void advanceMillis(long ms) {
        advance(Duration.ofMillis(ms));
    }
}
