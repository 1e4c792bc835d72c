package org.miplhil.report;

import java.time.Instant;

/** Wall time for the report, monotonic time for durations and the timeline. */
public interface ReportClock {

    Instant now();

    long nanoTime();

    ReportClock SYSTEM = new ReportClock() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }
    };
}
