package org.miplhil.report;

import java.time.Duration;
import java.util.Objects;

/**
 * A deadline as drawn on the timeline: started at {@code startNanos} (offset since the case started),
 * allowed {@code limitNanos}, and what was measured.
 *
 * @param measuredNanos time from start until the awaited thing arrived, or null when it never did
 */
public record Deadline(String name, long startNanos, long limitNanos, Long measuredNanos) {

    public Deadline {
        Objects.requireNonNull(name, "name");
        if (limitNanos < 0) {
            throw new IllegalArgumentException("negative limit: " + limitNanos);
        }
    }

    /** Arrived, and not after the limit. */
    public boolean met() {
        return measuredNanos != null && measuredNanos <= limitNanos;
    }

    public long limitEndNanos() {
        return startNanos + limitNanos;
    }

    /** The same deadline as a measurement for the timing table. */
    public Measurement toMeasurement() {
        return Measurement.deadline(name, measuredNanos == null ? null : Duration.ofNanos(measuredNanos),
                Duration.ofNanos(limitNanos));
    }
}
