package org.miplhil.dut;

import java.time.Duration;

/**
 * A URC a wait found.
 *
 * @param value  what the matcher gave (the typed URC, the regex match, the entry)
 * @param entry  the journal entry, with its arrival time
 * @param delay  arrival of its last byte minus the wait's reference time (the cursor's)
 */
public record UrcArrival<T>(T value, JournalEntry.Received entry, Duration delay) {

    public String text() {
        return entry.text();
    }

    /** {@link System#nanoTime()} of the URC's last byte. */
    public long nanoTime() {
        return entry.nanoTime();
    }

    /** "After this URC": the next journal index, delays measured from this arrival. */
    public Cursor after() {
        return new Cursor(entry.index() + 1, entry.nanoTime());
    }

    @Override
    public String toString() {
        return entry + " after " + Transcript.offset(delay);
    }
}
