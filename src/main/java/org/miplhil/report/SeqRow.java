package org.miplhil.report;

import java.util.List;

/** One row of a {@link SequenceDiagramSvg}, top to bottom; times are offsets since the case started. */
sealed interface SeqRow {

    /** Where the row stands on the time axis (its first moment). */
    long atNanos();

    /** Its last moment (the same as {@link #atNanos()} for a single moment). */
    default long endNanos() {
        return atNanos();
    }

    /** The three lanes of the diagram. */
    enum Party {
        MCU("MCU"), MODULE("module"), PLATFORM("platform (LwM2M)");

        private final String label;

        Party(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /**
     * A message from one lane to another: a command, a reply, a URC, a CoAP message.
     *
     * @param instead it arrived while something else was awaited and never came (drawn as the evidence)
     */
    record Arrow(TimelineEvent event, Party from, Party to, boolean instead) implements SeqRow {
        @Override
        public long atNanos() {
            return event.offsetNanos();
        }
    }

    /**
     * {@code count} repetitions of a cycle of arrows, folded into one row ({@link SequenceCycles}).
     *
     * @param pattern the first folded repetition: the cycle's lines, one per arrow
     * @param hidden  every folded line, {@code count} times the pattern's length, in time order
     */
    record Fold(List<TimelineEvent> pattern, int count, List<TimelineEvent> hidden) implements SeqRow {
        @Override
        public long atNanos() {
            return hidden.get(0).offsetNanos();
        }

        @Override
        public long endNanos() {
            return hidden.get(hidden.size() - 1).offsetNanos();
        }
    }

    /** An idle stretch, compressed to one row and labelled with its length. */
    record Gap(long atNanos, long endNanos) implements SeqRow {
    }

    /** A mark across all lanes: a power cut or restore, a FOTA phase starting or ending, a note of the executor. */
    record Across(long atNanos, String text, String detail, Kind kind) implements SeqRow {
        enum Kind { POWER_OFF, POWER_ON, PHASE_START, PHASE_END, MARK }
    }

    /**
     * Where a case went wrong: a deadline missed or met late (what was awaited, the limit, what arrived in the
     * meantime), or the case's failure when no deadline tells it.
     */
    record FailureMark(long atNanos, String awaited, String verdict, List<TimelineEvent> arrived) implements SeqRow {
    }
}
