package org.miplhil.report;

import java.util.Objects;

/**
 * One mark on the timeline.
 *
 * @param offsetNanos monotonic time since the case started (System.nanoTime based); may be negative
 * @param kind        what it is (decides the lane)
 * @param text        the line as seen, e.g. {@code AT+MIPLOPEN=0,3600,30} or {@code GET /3/0/0}
 * @param detail      more, for tooltips and the CoAP log (payload, code, token), or empty
 */
public record TimelineEvent(long offsetNanos, EventKind kind, String text, String detail) {

    public TimelineEvent {
        Objects.requireNonNull(kind, "kind");
        text = text == null ? "" : text;
        detail = detail == null ? "" : detail;
    }

    public Lane lane() {
        return kind.lane();
    }

    public double offsetMillis() {
        return offsetNanos / 1e6;
    }
}
