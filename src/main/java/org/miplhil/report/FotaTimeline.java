package org.miplhil.report;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A firmware update as a case saw it (6.1): its phases as bands, the update's progress (5.9), the power actions and
 * the cut triggers, the FOTA URCs and the platform's campaign steps as marks. Times are offsets in nanoseconds since
 * the case started, as on the {@link Timeline}.
 */
public record FotaTimeline(List<Band> bands, List<Progress> progress, List<Mark> marks, long endNanos) {

    /** A phase: {@code download}, {@code downloaded}, {@code update}, {@code reboot}, {@code re-register}. */
    public record Band(String name, long startNanos, long endNanos, Ending ending) {
        public Band {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(ending, "ending");
            if (endNanos < startNanos) {
                endNanos = startNanos;
            }
        }
    }

    /** How a phase ended: as 6.1 goes on, cut by a power action, or still open when the case ended. */
    public enum Ending { DONE, CUT, OPEN }

    /** {@code +QIND: "FOTA","UPDATING",<percent>} at a time. */
    public record Progress(long atNanos, int percent) {}

    /** What a mark is; it decides its row and its shape. */
    public enum MarkKind {
        /** The moment a cut trigger fired (a URC, a FOTA state, a progress). */
        TRIGGER,
        /** Power switched off. */
        CUT,
        /** Power switched on again. */
        RESTORE,
        /** A FOTA URC: 40, 41, 42, 43, 48, 49, START, END, RDY. */
        URC,
        /** A step of the platform's campaign. */
        CAMPAIGN
    }

    public record Mark(long atNanos, MarkKind kind, String text) {
        public Mark {
            Objects.requireNonNull(kind, "kind");
            text = text == null ? "" : text;
        }
    }

    public FotaTimeline {
        bands = bands.stream().sorted(Comparator.comparingLong(Band::startNanos)).toList();
        progress = progress.stream().sorted(Comparator.comparingLong(Progress::atNanos)).toList();
        marks = marks.stream().sorted(Comparator.comparingLong(Mark::atNanos)).toList();
    }

    public boolean isEmpty() {
        return bands.isEmpty() && progress.isEmpty() && marks.isEmpty();
    }

    public List<Mark> marks(MarkKind kind) {
        return marks.stream().filter(m -> m.kind() == kind).toList();
    }

    /** The earliest time on it (0 at most: the case's start). */
    public long startNanos() {
        return Stream.of(bands.stream().map(Band::startNanos), progress.stream().map(Progress::atNanos),
                marks.stream().map(Mark::atNanos)).flatMap(s -> s).min(Long::compare).map(t -> Math.min(t, 0L))
                .orElse(0L);
    }

    /** The latest time on it, the case's end included. */
    public long lastNanos() {
        return Stream.of(Stream.of(endNanos), bands.stream().map(Band::endNanos), progress.stream().map(Progress::atNanos),
                marks.stream().map(Mark::atNanos)).flatMap(s -> s).max(Long::compare).orElse(0L);
    }
}
