package org.miplhil.dut;

import org.miplhil.at.AtLine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Every line of a session in order — commands sent and lines received — indexed from 0, append-only.
 * Waiting for something to appear uses one lock and condition: the reader thread signals on every append,
 * so a wait wakes exactly when there is something new to look at.
 *
 * <p>It keeps the last {@link #CAPACITY} lines (a session that serves a platform for days holds bounded memory);
 * older ones are dropped, their indices stay taken, and ranges that reach back before {@link #firstIndex()} start
 * there. The transcript file has every line.
 */
public final class Journal {

    /**
     * Lines kept: many times the longest case (a case sends tens to hundreds of lines; the URC burst of
     * {@code bench roundtrip} 1000), at about a kilobyte each a few tens of megabytes at most per session.
     */
    public static final int CAPACITY = 1 << 15;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<JournalEntry> entries = new ArrayList<>();
    private final long startNanos;
    private final Transcript transcript;
    private final int capacity;
    /** Entries dropped from the front: {@code entries.get(0)} has this index. */
    private int dropped;
    private boolean closed;
    private Throwable closeCause;

    Journal(long startNanos, Transcript transcript) {
        this(startNanos, transcript, CAPACITY);
    }

    /** A journal keeping the last {@code capacity} lines (tests give small ones). */
    Journal(long startNanos, Transcript transcript, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, found " + capacity);
        }
        this.startNanos = startNanos;
        this.transcript = transcript;
        this.capacity = capacity;
    }

    /** {@link System#nanoTime()} when the session started. */
    public long startNanos() {
        return startNanos;
    }

    /** Lines appended so far (the next line's index), dropped ones included. */
    public int size() {
        lock.lock();
        try {
            return dropped + entries.size();
        } finally {
            lock.unlock();
        }
    }

    /** The index of the oldest line kept (0 until the journal went past its capacity). */
    public int firstIndex() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** @throws IndexOutOfBoundsException the line does not exist yet, or is older than the lines kept */
    public JournalEntry get(int index) {
        lock.lock();
        try {
            if (index < dropped) {
                throw new IndexOutOfBoundsException("line " + index + " is no longer kept: the journal keeps the last "
                        + capacity + " lines, from " + dropped);
            }
            return entries.get(index - dropped);
        } finally {
            lock.unlock();
        }
    }

    /** A copy of every entry so far. */
    public List<JournalEntry> entries() {
        return entries(0, Integer.MAX_VALUE);
    }

    /** A copy of the entries with {@code from <= index < to} (clamped to what exists). */
    public List<JournalEntry> entries(int from, int to) {
        lock.lock();
        try {
            int end = Math.max(dropped, Math.min(to, dropped + entries.size()));
            int start = Math.max(dropped, Math.min(from, end));
            return List.copyOf(entries.subList(start - dropped, end - dropped));
        } finally {
            lock.unlock();
        }
    }

    /** The URC journal: every unsolicited result code from {@code from} on. */
    public List<JournalEntry.Received> urcs(int from) {
        lock.lock();
        try {
            List<JournalEntry.Received> urcs = new ArrayList<>();
            for (int i = Math.max(0, from - dropped); i < entries.size(); i++) {
                if (entries.get(i) instanceof JournalEntry.Received r && r.isUrc()) {
                    urcs.add(r);
                }
            }
            return urcs;
        } finally {
            lock.unlock();
        }
    }

    public List<JournalEntry.Received> urcs() {
        return urcs(0);
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    // --- used by the session, under lock() ---

    ReentrantLock lock() {
        return lock;
    }

    JournalEntry.Sent appendSent(String text, long nanoTime, Instant wall) {
        lock.lock();
        try {
            JournalEntry.Sent sent = new JournalEntry.Sent(dropped + entries.size(), text, nanoTime, wall);
            entries.add(sent);
            trimLocked();
            if (transcript != null) {
                transcript.sent(text, nanoTime, wall);
            }
            changed.signalAll();
            return sent;
        } finally {
            lock.unlock();
        }
    }

    JournalEntry.Received appendReceived(AtLine line) {
        lock.lock();
        try {
            JournalEntry.Received received = new JournalEntry.Received(dropped + entries.size(), line);
            entries.add(received);
            trimLocked();
            if (transcript != null) {
                transcript.received(line.text(), received.nanoTime(), received.wall(), received.isNoise(),
                        line instanceof AtLine.Noise noise ? noise.reason() : "");
            }
            // no signal here: the reader signals once per chunk (signalAppendedLocked)
            return received;
        } finally {
            lock.unlock();
        }
    }

    /** Drops the oldest lines beyond the capacity, an eighth of it at a time (so that dropping costs little per line). */
    private void trimLocked() {
        if (entries.size() > capacity + Math.max(1, capacity / 8)) {
            int k = entries.size() - capacity;
            entries.subList(0, k).clear();
            dropped += k;
        }
    }

    /** A note in the transcript (not an entry): what the session concluded about the lines around it. */
    void commentLocked(String text) {
        if (transcript != null) {
            transcript.comment(text);
        }
    }

    /** Wakes the waiters after the reader appended a chunk's lines; call under lock. */
    void signalAppendedLocked() {
        changed.signalAll();
    }

    void markClosed(Throwable cause) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeCause = cause;
            if (transcript != null) {
                transcript.comment("link closed" + (cause == null ? "" : ": " + cause));
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int sizeLocked() {
        return dropped + entries.size();
    }

    /** The line at {@code index}; null when it is no longer kept (a scan from an old cursor skips it). */
    JournalEntry getLocked(int index) {
        return index < dropped ? null : entries.get(index - dropped);
    }

    /** Why the link closed; null if it has not or closed normally. Call under lock. */
    Throwable closeCause() {
        return closeCause;
    }

    boolean closedLocked() {
        return closed;
    }

    /**
     * Waits (holding the lock) until {@code done} is true, the journal closes, or {@code deadlineNanos} passes.
     *
     * @return whether {@code done} became true
     */
    boolean awaitLocked(BooleanSupplier done, long deadlineNanos) {
        while (!done.getAsBoolean()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || closed) {
                return done.getAsBoolean();
            }
            try {
                changed.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting on the journal", e);
            }
        }
        return true;
    }

    /** Entries from {@code from} on, each with its offset from {@code referenceNanos}; call under lock. */
    String evidenceLocked(int from, long referenceNanos, boolean urcsOnly) {
        StringBuilder b = new StringBuilder();
        int shown = 0;
        if (from < dropped) {
            b.append("\n    (lines before ").append(dropped).append(" no longer kept: the journal keeps the last ")
                    .append(capacity).append(")");
        }
        for (int i = Math.max(0, from - dropped); i < entries.size(); i++) {
            JournalEntry e = entries.get(i);
            if (urcsOnly && !(e instanceof JournalEntry.Received r && r.isUrc())) {
                continue;
            }
            b.append("\n    ").append(String.format(java.util.Locale.ROOT, "%+10.3f ms  ",
                    (e.nanoTime() - referenceNanos) / 1e6)).append(e);
            shown++;
        }
        if (shown == 0) {
            b.append("\n    (nothing)");
        }
        if (closed) {
            b.append("\n    link closed").append(closeCause == null ? "" : ": " + closeCause);
        }
        return b.toString();
    }

    static long toNanos(java.time.Duration d) {
        return TimeUnit.NANOSECONDS.convert(d);
    }
}
