package org.miplhil.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects a timeline while a case runs. Times are absolute {@link System#nanoTime()} values (the
 * ones the link stamps on every chunk); they are turned into offsets from {@code originNanos}.
 * Thread-safe: the reader thread and the executor may both record.
 */
public final class TimelineRecorder {

    private final long originNanos;
    private final List<TimelineEvent> events = new ArrayList<>();
    private final List<Phase> phases = new ArrayList<>();
    private final List<Deadline> deadlines = new ArrayList<>();

    public TimelineRecorder(long originNanos) {
        this.originNanos = originNanos;
    }

    public long originNanos() {
        return originNanos;
    }

    public synchronized void event(long nanoTime, EventKind kind, String text, String detail) {
        events.add(new TimelineEvent(nanoTime - originNanos, kind, text, detail));
    }

    public void event(long nanoTime, EventKind kind, String text) {
        event(nanoTime, kind, text, "");
    }

    public synchronized void phase(String name, long startNanoTime, long endNanoTime) {
        phases.add(new Phase(name, startNanoTime - originNanos, endNanoTime - originNanos));
    }

    /**
     * A deadline that started at {@code startNanoTime}; {@code arrivedNanoTime} is when the awaited
     * thing arrived, or null when it never did.
     */
    public synchronized Deadline deadline(String name, long startNanoTime, Duration limit, Long arrivedNanoTime) {
        Deadline d = new Deadline(name, startNanoTime - originNanos, limit.toNanos(),
                arrivedNanoTime == null ? null : arrivedNanoTime - startNanoTime);
        deadlines.add(d);
        return d;
    }

    public synchronized Timeline build() {
        return new Timeline(List.copyOf(events), List.copyOf(phases), List.copyOf(deadlines));
    }
}
