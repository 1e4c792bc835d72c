package org.miplhil.dut;

import org.miplhil.at.AtLine;
import org.miplhil.at.MiplUrc;
import org.miplhil.at.Parsed;
import org.miplhil.at.RawLine;

import java.time.Instant;
import java.util.Optional;

/** One line of a session, in either direction, with its place in the {@link Journal}. */
public sealed interface JournalEntry permits JournalEntry.Sent, JournalEntry.Received {

    /** Position in the journal, from 0. */
    int index();

    /** The line without its terminator. */
    String text();

    /** {@link System#nanoTime()}: the start of the write (sent) or the arrival of the last byte (received). */
    long nanoTime();

    /** Wall-clock time of the same moment. */
    Instant wall();

    /** A command line the harness wrote (without the terminating CR). */
    record Sent(int index, String text, long nanoTime, Instant wall) implements JournalEntry {
        @Override
        public String toString() {
            return "#" + index + " TX " + Transcript.escape(text);
        }
    }

    /**
     * A line the module sent, as classified (the {@link AtLine} keeps the framed line and its timestamps). For an
     * unsolicited result code, {@link #mipl()} is the typed URC it parses to or why it does not; it is parsed on
     * first use, not on the reader thread, so that a burst of URCs is read as fast as it comes.
     */
    final class Received implements JournalEntry {

        private final int index;
        private final AtLine line;
        private volatile Parsed<MiplUrc> mipl;

        Received(int index, AtLine line) {
            this.index = index;
            this.line = line;
        }

        @Override
        public int index() {
            return index;
        }

        /** How the line was classified. */
        public AtLine line() {
            return line;
        }

        /** The framed line with its timestamps. */
        public RawLine raw() {
            return line.raw();
        }

        @Override
        public String text() {
            return line.text();
        }

        @Override
        public long nanoTime() {
            return line.raw().lastByteNanos();
        }

        @Override
        public Instant wall() {
            // the framer stamps the first byte's wall time; shift it to the last byte like nanoTime()
            RawLine raw = line.raw();
            return raw.wall().plusNanos(Math.max(0, raw.lastByteNanos() - raw.firstByteNanos()));
        }

        public boolean isUrc() {
            return line instanceof AtLine.Urc;
        }

        public boolean isNoise() {
            return line instanceof AtLine.Noise;
        }

        /** For a URC: the typed URC of chapter 5 (or RDY, +IP, +CFUN), or why the line is not one; else null. */
        public Parsed<MiplUrc> mipl() {
            Parsed<MiplUrc> parsed = mipl;
            if (parsed == null && line instanceof AtLine.Urc urc) {
                parsed = urc.parse(); // pure: racing threads compute the same value
                mipl = parsed;
            }
            return parsed;
        }

        /** The typed URC when this is a MIPL (or module) URC that parses. */
        public Optional<MiplUrc> urc() {
            Parsed<MiplUrc> parsed = mipl();
            return parsed == null ? Optional.empty() : parsed.toOptional();
        }

        /** A short tag for evidence: URC, OK, ERROR, info, echo, noise. */
        String kind() {
            return Classification.tag(line);
        }

        @Override
        public String toString() {
            return "#" + index + " RX " + Transcript.escape(text()) + " (" + kind() + ")";
        }
    }
}
