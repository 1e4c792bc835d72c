package org.miplhil.dut.mcu;

import org.miplhil.dut.JournalEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.miplhil.at.MiplEvent;
import org.miplhil.at.MiplRequest;
import org.miplhil.at.MiplUrc;
import org.miplhil.at.MiplWrite;
import org.miplhil.at.RequestPath;
import org.miplhil.at.RequestType;
import org.miplhil.objects.ObjectPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of the {@link McuApplication}: hears every URC on the link's reader thread, and on its own
 * thread turns request URCs into complete requests (a write's parts assembled, 5.4), takes copies apart, and answers
 * each as its {@link AnswerMode} says — now, after a delay, never, or by the test.
 */
final class RequestIntake implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RequestIntake.class);

    private final McuBookkeeping book;
    private final RequestAnswerer answerer;
    private final Duration writeAssembly;
    private final ScheduledThreadPoolExecutor executor;
    private volatile boolean enabled;
    /** Set by {@link #close()}: a task that has not started yet does nothing. */
    private volatile boolean closed;
    /**
     * How long {@link #close()} lets an answer already being sent finish: interrupted while it awaits its final
     * result, the command's reply would arrive while the next command (the next case's) waits for its own, and be
     * taken for it.
     */
    static final Duration CLOSE_WITHIN = Duration.ofSeconds(15);

    /** Requests whose delayed answer is still due; removing one is the right to answer it (or to cancel it). */
    private final Set<McuRequest> waiting = ConcurrentHashMap.newKeySet();
    /** Write parts collected per msgId until index 0 (mcu thread; cleared at teardown). */
    private final Map<Long, WriteAssembly> assemblies = new ConcurrentHashMap<>();

    private static final class WriteAssembly {
        final List<MiplWrite> parts = new ArrayList<>();
        JournalEntry.Received last;
        long generation;
        final StringBuilder note = new StringBuilder();
    }

    RequestIntake(String name, McuBookkeeping book, RequestAnswerer answerer, Duration writeAssembly, boolean enabled) {
        this.book = book;
        this.answerer = answerer;
        this.writeAssembly = writeAssembly;
        this.enabled = enabled;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        this.executor.setRemoveOnCancelPolicy(true);
        // delayed answers and write assemblies still due are dropped at close, not awaited
        this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    void setEnabled(boolean on) {
        this.enabled = on;
    }

    boolean isEnabled() {
        return enabled;
    }

    /** The URC listener (reader thread): hands events and requests to the mcu thread, in arrival order. */
    void onUrc(JournalEntry.Received entry) {
        Optional<MiplUrc> urc = entry.urc();
        if (urc.isEmpty()) {
            return;
        }
        MiplUrc u = urc.get();
        if (u instanceof MiplEvent || u instanceof MiplRequest) {
            try {
                executor.execute(() -> guarded(() -> onMiplUrc(u, entry)));
            } catch (RejectedExecutionException e) {
                // closed
            }
        }
    }

    private void guarded(Runnable r) {
        if (closed) {
            return;
        }
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error("mcu: {}", e.toString(), e);
        }
    }

    private void onMiplUrc(MiplUrc u, JournalEntry.Received entry) {
        if (u instanceof MiplEvent e) {
            book.onEvent(e);
        } else if (u instanceof MiplWrite w) {
            onWritePart(w, entry);
        } else if (u instanceof MiplRequest r) {
            received(new McuRequest(r.kind(), r.msgId(), path(r.path()), List.of(u), entry), "");
        }
    }

    /** A path from a URC; ids out of range (the URC's own violations) fall back to the object. */
    private static ObjectPath path(RequestPath p) {
        try {
            return new ObjectPath(p.objId(), p.insId(), p.resId());
        } catch (IllegalArgumentException e) {
            return new ObjectPath(Math.max(0, Math.min(65535, p.objId())), -1, -1);
        }
    }

    /** 5.4: the parts of one write share the msgId, index counting down; index 0 is the last. */
    private void onWritePart(MiplWrite w, JournalEntry.Received entry) {
        WriteAssembly a = assemblies.computeIfAbsent(w.msgId(), k -> new WriteAssembly());
        if (!a.parts.isEmpty()) {
            MiplWrite previous = a.parts.get(a.parts.size() - 1);
            if (w.index() != previous.index() - 1) {
                a.note.append("part index ").append(w.index()).append(" follows ").append(previous.index())
                        .append(" (5.4: counting down); ");
            }
            if (w.objId() != previous.objId() || w.insId() != previous.insId()) {
                a.note.append("parts name different instances; ");
            }
        }
        a.parts.add(w);
        a.last = entry;
        long generation = ++a.generation;
        if (w.completes()) {
            assemblies.remove(w.msgId());
            completeWrite(w.msgId(), a);
            return;
        }
        try {
            executor.schedule(() -> guarded(() -> {
                if (a.generation == generation && assemblies.remove(w.msgId(), a)) {
                    a.note.append("no part with index 0 came within ").append(writeAssembly.toMillis())
                            .append(" ms of index ").append(w.index()).append(": taken as complete (7.4.1 prints such a write); ");
                    completeWrite(w.msgId(), a);
                }
            }), writeAssembly.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    private void completeWrite(long msgId, WriteAssembly a) {
        MiplWrite first = a.parts.get(0);
        received(new McuRequest(RequestType.WRITE, msgId, path(new RequestPath(first.objId(), first.insId(), -1)),
                List.copyOf(a.parts), a.last), a.note.toString().trim());
    }

    /** A complete request: recorded, then answered as its mode says; a copy only logged. */
    private void received(McuRequest r, String note) {
        boolean on = enabled;
        long[] wait = {0};
        McuBookkeeping.Accepted accepted = book.accept(r, note, mode -> {
            if (on && (mode instanceof AnswerMode.Auto || mode instanceof AnswerMode.Late)) {
                Duration delay = mode instanceof AnswerMode.Auto a ? a.delay() : ((AnswerMode.Late) mode).delay();
                wait[0] = r.nanoTime() + delay.toNanos() - System.nanoTime();
                if (wait[0] > 0) {
                    waiting.add(r); // before anyone can see the request: teardown finds it
                }
            }
            if (on && mode instanceof AnswerMode.Manual) {
                book.leaveToTest(r); // before the signal: whoever awaits the request finds it left to them
            }
        });
        if (accepted.copy()) {
            return;
        }
        AnswerMode mode = accepted.mode();
        if (!on) {
            book.record(r, Optional.of(mode), McuLogEntry.Outcome.OFF, List.of(), List.of(), note);
            return;
        }
        if (mode instanceof AnswerMode.Never) {
            book.record(r, Optional.of(mode), McuLogEntry.Outcome.NOT_ANSWERED, List.of(), List.of(), note);
        } else if (mode instanceof AnswerMode.Manual) {
            book.record(r, Optional.of(mode), McuLogEntry.Outcome.LEFT_TO_TEST, List.of(), List.of(), note);
        } else if (wait[0] <= 0) {
            answerer.answerAndLog(r, mode, note, false);
        } else {
            try {
                executor.schedule(() -> guarded(() -> {
                    if (waiting.remove(r)) {
                        answerer.answerAndLog(r, mode, note, false);
                    }
                }), wait[0], TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                waiting.remove(r);
            }
        }
    }

    /** Drops the delayed answers still due (logged as cancelled) and the writes still being assembled. */
    List<String> dropPending(String why) {
        List<String> steps = new ArrayList<>();
        for (Iterator<McuRequest> it = waiting.iterator(); it.hasNext(); ) {
            McuRequest r = it.next();
            if (waiting.remove(r)) {
                book.record(r, Optional.of(book.mode(r.kind())), McuLogEntry.Outcome.CANCELLED, List.of(), List.of(),
                        why);
                steps.add("dropped the delayed answer to " + r);
            }
        }
        assemblies.clear();
        return steps;
    }

    /**
     * Stops answering: requests not yet taken up are dropped, and an answer already being sent finishes (its command's
     * final result read, within {@link #CLOSE_WITHIN}) so that the session is left with no command in flight.
     */
    @Override
    public void close() {
        closed = true;
        waiting.clear();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WITHIN.toNanos(), TimeUnit.NANOSECONDS)) {
                LOG.warn("mcu: an answer still under way after {} ms at close; stopping it", CLOSE_WITHIN.toMillis());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
