package org.miplhil.dut;

import org.miplhil.at.AtLine;
import org.miplhil.at.LineClassifier;
import org.miplhil.at.LineFramer;
import org.miplhil.at.MiplCommand;
import org.miplhil.at.MiplUrc;
import org.miplhil.at.RawLine;
import org.miplhil.link.Chunk;
import org.miplhil.link.Link;
import org.miplhil.link.LinkListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.MatchResult;

/**
 * A session with one module over a {@link Link}: commands with their replies and measured latency, a journal of
 * every line with timestamps, waits for URCs with deadlines, and the transcript.
 *
 * <p>The link's one reader thread frames and classifies every line and appends it to the {@link Journal};
 * callers wait on the journal's condition. One command is in flight at a time: concurrent {@link #send}
 * calls are served in turn.
 *
 * <p>URC waits without an explicit {@link Cursor} use the session's cursor: {@link #send} moves it to the
 * command ("since the command was sent"), and every successful wait moves it past what it matched, so
 * consecutive waits read like the document's sequences. {@link #sendKeepingCursor} does not move it.
 *
 * <p>{@link #addUrcListener} tells listeners of every URC as it is journaled (on the reader thread). The waits
 * themselves (in order, in any order, absence) are {@link UrcWaits}'.
 */
public final class ModuleSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleSession.class);

    /** Chapter 3: every MIPL command's maximum response time is 5 s. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

    private final Link link;
    private final Journal journal;
    private final Transcript transcript;
    private final Duration defaultDeadline;
    private final LineFramer framer = LineFramer.forResponses(); // reader thread only
    private final ReentrantLock sendLock = new ReentrantLock(true);
    private final ReentrantLock lock;
    private final List<UrcListener> urcListeners = new CopyOnWriteArrayList<>();
    private final UrcWaits waits;

    // guarded by lock
    private Pending pending;
    private Cursor cursor;
    /** The last command whose deadline passed without a final result, until one arrives or another is sent. */
    private Overdue overdue;
    private final List<LateReply> lateReplies = new ArrayList<>();

    private record Overdue(String command, int sentIndex, long writtenNanos, Duration deadline) {}

    /**
     * A final result that arrived after its command's deadline had passed and before the next command was sent: it
     * belongs to {@code command}, not to anything after it.
     */
    public record LateReply(String command, JournalEntry.Received finalResult, Duration after, Duration deadline) {
        public String describe() {
            return "late final result of " + command + ": " + finalResult.text() + " " + after.toMillis()
                    + " ms after it was sent (deadline " + deadline.toMillis() + " ms)";
        }
    }

    private static final class Pending {
        final String command;
        final int sentIndex;
        final List<JournalEntry.Received> information = new ArrayList<>();
        boolean echo;
        JournalEntry.Received finalResult;

        Pending(String command, int sentIndex) {
            this.command = command;
            this.sentIndex = sentIndex;
        }
    }

    private ModuleSession(Link link, Transcript transcript, Duration defaultDeadline, long startNanos) {
        this.link = link;
        this.transcript = transcript;
        this.defaultDeadline = defaultDeadline;
        this.journal = new Journal(startNanos, transcript);
        this.lock = journal.lock();
        this.cursor = new Cursor(0, startNanos);
        this.waits = new UrcWaits(journal, link.name());
    }

    /** A session on {@code link} (not yet started; the session starts it and owns it from now on). */
    public static ModuleSession open(Link link) {
        try {
            return builder(link).open();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // only a transcript can fail to open, and there is none
        }
    }

    public static Builder builder(Link link) {
        return new Builder(link);
    }

    public static final class Builder {
        private final Link link;
        private Path transcript;
        private Duration defaultDeadline = DEFAULT_DEADLINE;

        private Builder(Link link) {
            this.link = Objects.requireNonNull(link, "link");
        }

        /** Write the transcript to this file as it happens. */
        public Builder transcript(Path file) {
            this.transcript = file;
            return this;
        }

        /** The deadline of {@link #send(String)} without one (default 5 s). */
        public Builder defaultDeadline(Duration deadline) {
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("deadline must be positive: " + deadline);
            }
            this.defaultDeadline = deadline;
            return this;
        }

        public ModuleSession open() throws IOException {
            long start = System.nanoTime();
            Transcript t = transcript == null ? null : Transcript.create(transcript, start);
            if (t != null) {
                t.comment("mipl-hil session on " + link.name() + ", started " + Instant.now());
            }
            ModuleSession session = new ModuleSession(link, t, defaultDeadline, start);
            link.start(session.new Reader());
            return session;
        }
    }

    public Link link() {
        return link;
    }

    public Journal journal() {
        return journal;
    }

    public Optional<Transcript> transcript() {
        return Optional.ofNullable(transcript);
    }

    public Duration defaultDeadline() {
        return defaultDeadline;
    }

    // ---------------------------------------------------------------- commands

    /** Sends {@code command} (without CR) and waits for its final result within the default deadline. */
    public Reply send(String command) {
        return send(command, defaultDeadline);
    }

    public Reply send(MiplCommand command) {
        return send(command.format(), defaultDeadline);
    }

    public Reply send(MiplCommand command, Duration deadline) {
        return send(command.format(), deadline);
    }

    /**
     * Writes {@code command + "\r"} and waits for the final result.
     *
     * @throws DeadlineExceeded      no final result within {@code deadline} after the write
     * @throws LinkClosedException   the link closed first
     * @throws UncheckedIOException  the write failed
     */
    public Reply send(String command, Duration deadline) {
        return send(command, deadline, true);
    }

    /**
     * Like {@link #send(String, Duration)} but leaves the session cursor where it is: for a party that answers the
     * module in the background (an MCU application) while a test waits with the cursor.
     */
    public Reply sendKeepingCursor(String command, Duration deadline) {
        return send(command, deadline, false);
    }

    private Reply send(String command, Duration deadline, boolean moveCursor) {
        Objects.requireNonNull(command, "command");
        if (command.indexOf('\r') >= 0 || command.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a command is one line, without CR or LF: " + Transcript.escape(command));
        }
        sendLock.lock();
        try {
            Pending p;
            lock.lock();
            try {
                if (journal.closedLocked()) {
                    throw new LinkClosedException(link.name() + " is closed; cannot send " + command, journal.closeCause());
                }
                if (overdue != null) {
                    // AT has no ids: a final result from now on could be either command's
                    journal.commentLocked(command + " sent while " + overdue.command()
                            + " still had no final result: the next final result may be that command's late one");
                    overdue = null;
                }
                JournalEntry.Sent sent = journal.appendSent(command, System.nanoTime(), Instant.now());
                p = new Pending(command, sent.index());
                pending = p;
                if (moveCursor) {
                    cursor = new Cursor(sent.index(), sent.nanoTime());
                }
            } finally {
                lock.unlock();
            }
            long written;
            try {
                written = link.write((command + "\r").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                clearPending(p);
                throw new UncheckedIOException(link.name() + ": cannot send " + command + ": " + e.getMessage(), e);
            }
            return awaitFinalResult(p, written, deadline);
        } finally {
            sendLock.unlock();
        }
    }

    private void clearPending(Pending p) {
        lock.lock();
        try {
            if (pending == p) {
                pending = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private Reply awaitFinalResult(Pending p, long written, Duration deadline) {
        lock.lock();
        try {
            boolean done = journal.awaitLocked(() -> p.finalResult != null, written + Journal.toNanos(deadline));
            pending = null;
            if (!done) {
                // offsets from the start of the write: never negative, even if the sender was preempted
                String evidence = journal.evidenceLocked(p.sentIndex + 1, journal.getLocked(p.sentIndex).nanoTime(), false);
                overdue = new Overdue(p.command, p.sentIndex, written, deadline);
                if (journal.closedLocked()) {
                    throw new LinkClosedException(link.name() + " closed while waiting for the final result of "
                            + p.command + "; received since it was sent:" + evidence, journal.closeCause());
                }
                throw new DeadlineExceeded(p.command, deadline, p.command + ": no final result within "
                        + deadline.toMillis() + " ms; received since it was sent (ms):" + evidence);
            }
            JournalEntry.Received fin = p.finalResult;
            // the reply can be timestamped before write() returned to us; latency is then ~0, not negative
            Duration latency = Duration.ofNanos(Math.max(0, fin.nanoTime() - written));
            return new Reply(p.command, (AtLine.FinalResult) fin.line(), p.information, p.echo, latency,
                    journal.getLocked(p.sentIndex).nanoTime(), written, p.sentIndex, fin.index());
        } finally {
            lock.unlock();
        }
    }

    /** Final results that came after their command's deadline (see {@link LateReply}), in arrival order. */
    public List<LateReply> lateReplies() {
        lock.lock();
        try {
            return List.copyOf(lateReplies);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- URC listeners

    /**
     * Calls {@code listener} for every URC from now on, once it is in the journal, in arrival order. It runs on the
     * link's reader thread: it must return quickly and must not send commands or wait (hand the work to another
     * thread). An exception it throws is logged and does not stop the reader.
     *
     * @return a handle whose {@code close()} removes the listener
     */
    public AutoCloseable addUrcListener(UrcListener listener) {
        Objects.requireNonNull(listener, "listener");
        urcListeners.add(listener);
        return () -> urcListeners.remove(listener);
    }

    public void removeUrcListener(UrcListener listener) {
        urcListeners.remove(listener);
    }

    // ---------------------------------------------------------------- cursors

    /** "From now on": the next journal index, delays measured from this call. */
    public Cursor now() {
        return new Cursor(journal.size(), System.nanoTime());
    }

    /** Everything since the session started. */
    public Cursor sinceStart() {
        return new Cursor(0, journal.startNanos());
    }

    /** The cursor that waits without one use (see the class comment). */
    public Cursor cursor() {
        lock.lock();
        try {
            return cursor;
        } finally {
            lock.unlock();
        }
    }

    /** Sets the cursor waits without one use, e.g. {@code session.moveCursor(session.now())}. */
    public void moveCursor(Cursor to) {
        lock.lock();
        try {
            cursor = Objects.requireNonNull(to, "cursor");
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- URC waits

    /** Within {@code within} of the session cursor, a URC matching {@code regex} (the whole line) arrives. */
    public UrcArrival<MatchResult> expectUrc(String regex, Duration within) {
        return expectUrc(UrcMatcher.regex(regex), within);
    }

    /** Within {@code within} of the session cursor, a URC of this type arrives, e.g. {@code MiplRead.class}. */
    public <T extends MiplUrc> UrcArrival<T> expectUrc(Class<T> type, Duration within) {
        return expectUrc(UrcMatcher.type(type), within);
    }

    /** Within {@code within} of the session cursor, the next URC {@code matcher} accepts arrives. */
    public <T> UrcArrival<T> expectUrc(UrcMatcher<T> matcher, Duration within) {
        lock.lock();
        try {
            UrcArrival<T> arrival = expectUrc(cursor, matcher, within);
            cursor = arrival.after();
            return arrival;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The first URC at or after {@code from.index()} that {@code matcher} accepts, arriving no later than
     * {@code from.nanoTime() + within}.
     */
    public <T> UrcArrival<T> expectUrc(Cursor from, UrcMatcher<T> matcher, Duration within) {
        List<UrcArrival<?>> found = expectInOrder(from, List.of(matcher), within, "URC " + matcher.description());
        @SuppressWarnings("unchecked")
        UrcArrival<T> arrival = (UrcArrival<T>) found.get(0);
        return arrival;
    }

    /** Within {@code within} of the session cursor, URCs matching each matcher arrive in this order. */
    public List<UrcArrival<?>> expectInOrder(List<? extends UrcMatcher<?>> matchers, Duration within) {
        lock.lock();
        try {
            List<UrcArrival<?>> found = expectInOrder(cursor, matchers, within);
            cursor = found.get(found.size() - 1).after();
            return found;
        } finally {
            lock.unlock();
        }
    }

    /**
     * URCs matching each matcher arrive in this order, the last no later than {@code from.nanoTime() + within}.
     * Other URCs may come in between; a URC that matches a later matcher while an earlier one is still awaited
     * is an ordering failure, reported at once.
     */
    public List<UrcArrival<?>> expectInOrder(Cursor from, List<? extends UrcMatcher<?>> matchers, Duration within) {
        return expectInOrder(from, matchers, within, null);
    }

    private List<UrcArrival<?>> expectInOrder(Cursor from, List<? extends UrcMatcher<?>> matchers, Duration within,
                                              String single) {
        return waits.inOrder(from, matchers, within, single);
    }

    /**
     * URCs matching each matcher arrive in any order, the last no later than {@code from.nanoTime() + within}. Each
     * URC after {@code from} goes to the first matcher still awaited that accepts it (so a URC is matched once).
     *
     * @return the arrivals in the matchers' order
     * @throws DeadlineExceeded with the arrivals that came in time and the matchers still missing
     */
    public List<UrcArrival<?>> expectAnyOrder(Cursor from, List<? extends UrcMatcher<?>> matchers, Duration within) {
        return waits.anyOrder(from, matchers, within);
    }

    /**
     * No URC {@code matcher} accepts arrives within {@code during} of the session cursor. Waits the whole
     * window (failing as soon as one arrives) and returns the URCs that did arrive in it.
     */
    public List<JournalEntry.Received> expectNone(UrcMatcher<?> matcher, Duration during) {
        return expectNone(cursor(), matcher, during);
    }

    public List<JournalEntry.Received> expectNone(Cursor from, UrcMatcher<?> matcher, Duration during) {
        return waits.none(from, matcher, during);
    }

    // ---------------------------------------------------------------- reader

    /** Runs on the link's reader thread. */
    private final class Reader implements LinkListener {
        @Override
        public void onChunk(Chunk chunk) {
            List<RawLine> lines = framer.feed(chunk.bytes(), chunk.nanoTime(), chunk.wallTime());
            if (!lines.isEmpty()) {
                onLines(lines);
            }
        }

        @Override
        public void onClosed(Throwable causeOrNull) {
            framer.flush().ifPresent(raw -> onLines(List.of(raw)));
            journal.markClosed(causeOrNull);
        }
    }

    /**
     * One lock and one wake-up per chunk, however many lines it completed; then the URC listeners, outside the
     * lock, in arrival order.
     */
    private void onLines(List<RawLine> lines) {
        List<JournalEntry.Received> urcs = null;
        lock.lock();
        try {
            for (RawLine raw : lines) {
                JournalEntry.Received entry = onLineLocked(raw);
                if (entry.isUrc() && !urcListeners.isEmpty()) {
                    if (urcs == null) {
                        urcs = new ArrayList<>();
                    }
                    urcs.add(entry);
                }
            }
            journal.signalAppendedLocked();
        } finally {
            lock.unlock();
        }
        if (urcs != null) {
            for (JournalEntry.Received entry : urcs) {
                for (UrcListener l : urcListeners) {
                    try {
                        l.onUrc(entry);
                    } catch (RuntimeException e) {
                        LOG.warn("{}: URC listener failed on {}", link.name(), entry, e);
                    }
                }
            }
        }
    }

    private JournalEntry.Received onLineLocked(RawLine raw) {
        Pending p = pending != null && pending.finalResult == null ? pending : null;
        AtLine line = LineClassifier.classify(raw, p == null ? null : p.command);
        JournalEntry.Received entry = journal.appendReceived(line);
        if (p == null && overdue != null && line instanceof AtLine.FinalResult) {
            LateReply late = new LateReply(overdue.command(), entry,
                    Duration.ofNanos(Math.max(0, entry.nanoTime() - overdue.writtenNanos())), overdue.deadline());
            lateReplies.add(late);
            journal.commentLocked(late.describe());
            overdue = null;
        }
        if (p != null) {
            if (line instanceof AtLine.Echo) {
                p.echo = true;
            } else if (line instanceof AtLine.Information) {
                p.information.add(entry);
            } else if (line instanceof AtLine.FinalResult) {
                p.finalResult = entry;
            }
        }
        return entry;
    }

    /** Closes the link (ending its reader thread) and the transcript. */
    @Override
    public void close() {
        link.close();
        journal.markClosed(null);
        if (transcript != null) {
            transcript.close();
        }
    }
}
