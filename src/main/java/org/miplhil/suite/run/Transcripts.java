package org.miplhil.suite.run;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.miplhil.at.AtLine;
import org.miplhil.dut.JournalEntry;

/**
 * A case's UART transcript from the session's journal, in the session transcript's format: wall time (UTC),
 * milliseconds since the session started, direction ({@code TX}, {@code RX}, {@code RX!} for noise with the
 * framer's reason), the line with control characters as {@code \xNN}.
 */
final class Transcripts {

    private static final DateTimeFormatter WALL =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Transcripts() {
    }

    static String format(List<JournalEntry> entries, long sessionStartNanos) {
        StringBuilder b = new StringBuilder(entries.size() * 64);
        for (JournalEntry e : entries) {
            b.append(WALL.format(e.wall())).append(' ')
                    .append(String.format(Locale.ROOT, "%+.3f", (e.nanoTime() - sessionStartNanos) / 1e6)).append(' ');
            if (e instanceof JournalEntry.Sent) {
                b.append("TX ").append(escape(e.text()));
            } else if (e instanceof JournalEntry.Received r && r.line() instanceof AtLine.Noise n) {
                b.append("RX! (").append(n.reason().replace(')', ']')).append(") ").append(r.text());
            } else {
                b.append("RX ").append(escape(e.text()));
            }
            b.append('\n');
        }
        return b.toString();
    }

    static String escape(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (b == null) {
                    b = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }
}
