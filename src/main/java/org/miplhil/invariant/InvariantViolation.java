package org.miplhil.invariant;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One break of an {@link Invariant}: what happened, the lines that show it and the rule's source in the note.
 *
 * @param what   what the module did, e.g. "+MIPLEVENT: 0,15 arrived twice after one AT+MIPLCLOSE"
 * @param lines  the journal lines, in order
 * @param source the note's section and rule, e.g. "5.7: one event 15 per deregistration"
 */
public record InvariantViolation(Invariant invariant, String what, List<Line> lines, String source) {

    /** A journal line: its index, its time from the case's start (nanoseconds) and its text. */
    public record Line(int index, long offsetNanos, String text) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "#%d %+.3f s", index, offsetNanos / 1e9);
        }
    }

    public InvariantViolation {
        lines = List.copyOf(lines);
    }

    /** {@code invariant no-duplicate-urc: <what> (#41 +3.214 s, #42 +3.215 s); 5.7: ...}. */
    public String message() {
        String at = lines.isEmpty() ? "" : " (" + lines.stream().map(Line::toString).collect(Collectors.joining(", "))
                + ")";
        return "invariant " + invariant.word() + ": " + what + at + "; " + source;
    }
}
