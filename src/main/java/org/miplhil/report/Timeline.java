package org.miplhil.report;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What happened during a case, on one monotonic time axis. Lists are sorted by time. */
public record Timeline(List<TimelineEvent> events, List<Phase> phases, List<Deadline> deadlines) {

    public Timeline {
        events = events == null ? List.of() : events.stream()
                .sorted(Comparator.comparingLong(TimelineEvent::offsetNanos)).toList();
        phases = phases == null ? List.of() : phases.stream()
                .sorted(Comparator.comparingLong(Phase::startNanos)).toList();
        deadlines = deadlines == null ? List.of() : deadlines.stream()
                .sorted(Comparator.comparingLong(Deadline::startNanos)).toList();
    }

    public static Timeline empty() {
        return new Timeline(List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return events.isEmpty() && phases.isEmpty() && deadlines.isEmpty();
    }

    /** Earliest offset of anything on the timeline, or 0 when empty. */
    public long startNanos() {
        return Stream.of(events.stream().map(TimelineEvent::offsetNanos),
                        phases.stream().map(Phase::startNanos),
                        deadlines.stream().map(Deadline::startNanos))
                .flatMap(s -> s).min(Long::compare).orElse(0L);
    }

    /** Latest offset of anything, deadline limits and late measurements included, or 0 when empty. */
    public long endNanos() {
        return Stream.of(events.stream().map(TimelineEvent::offsetNanos),
                        phases.stream().map(Phase::endNanos),
                        deadlines.stream().map(Deadline::limitEndNanos),
                        deadlines.stream().filter(d -> d.measuredNanos() != null)
                                .map(d -> d.startNanos() + d.measuredNanos()))
                .flatMap(s -> s).max(Long::compare).orElse(0L);
    }

    public List<TimelineEvent> events(Lane lane) {
        return events.stream().filter(e -> e.lane() == lane).toList();
    }
}
