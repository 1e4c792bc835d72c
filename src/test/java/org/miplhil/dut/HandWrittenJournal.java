package org.miplhil.dut;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.miplhil.at.LineClassifier;
import org.miplhil.at.RawLine;

/**
 * A journal written by hand for tests of what reads journals: {@code > AT+MIPLCLOSE=0} is a command sent, any other
 * line one received, classified as the session would (against the command still waiting for its final result).
 * {@link #at(double)} sets the time of the lines that follow, in seconds from 0.
 */
public final class HandWrittenJournal {

    private final List<JournalEntry> entries = new ArrayList<>();
    private long nanos;
    private String pending;

    public HandWrittenJournal at(double seconds) {
        nanos = Math.round(seconds * 1e9);
        return this;
    }

    public HandWrittenJournal lines(String... lines) {
        for (String l : lines) {
            int index = entries.size();
            if (l.startsWith("> ")) {
                entries.add(new JournalEntry.Sent(index, l.substring(2), nanos, Instant.EPOCH));
                pending = l.substring(2);
            } else {
                boolean noise = l.startsWith("~");
                String text = noise ? l.substring(1) : l;
                var line = LineClassifier.classify(new RawLine(text, nanos, nanos, Instant.EPOCH, noise,
                        noise ? "not text" : ""), pending);
                if (line instanceof org.miplhil.at.AtLine.FinalResult) {
                    pending = null;
                }
                entries.add(new JournalEntry.Received(index, line));
            }
            nanos += 1_000_000; // 1 ms apart unless told
        }
        return this;
    }

    public List<JournalEntry> entries() {
        return List.copyOf(entries);
    }
}
