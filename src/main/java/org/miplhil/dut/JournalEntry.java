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
     * A line the module sent, as classified (the {@link AtLine} keeps the framed line and its timestamps), and
     * for an unsolicited result code, the typed URC it parses to or why it does not ({@code null} otherwise).
     */
    record Received(int index, AtLine line, Parsed<MiplUrc> mipl) implements JournalEntry {

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

        /** The typed URC when this is a MIPL (or module) URC that parses. */
        public Optional<MiplUrc> urc() {
            return mipl == null ? Optional.empty() : mipl.toOptional();
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
