package org.miplhil.suite.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.miplhil.at.EventId;
import org.miplhil.at.MiplEvent;
import org.miplhil.at.MiplUrc;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.ModuleSession;

/**
 * A DFOTA task someone starts in OneNET's console ({@code fota: {started-by: console}}): the harness starts nothing,
 * it follows the module's URCs from the step on ({@link ModuleSideFota}) and wakes whoever awaits the outcome at
 * every URC.
 */
final class ConsoleFota implements AutoCloseable {

    /** The phases' deadline when the suite gives no {@code phase-timeout} (assumed: a delta package over NB-IoT). */
    static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofMinutes(10);

    private final ModuleSession session;
    private final int fromIndex;
    private final ModuleSideFota watch;
    private final Semaphore arrivals = new Semaphore(0);
    private final AutoCloseable listening;

    ConsoleFota(ModuleSession session, int fromIndex, long startNanos, long[] clock, Duration within,
                Duration phaseTimeout) {
        this.session = session;
        this.fromIndex = fromIndex;
        this.watch = new ModuleSideFota(startNanos, within, phaseTimeout,
                nanos -> Instant.ofEpochMilli(clock[1] + (nanos - clock[0]) / 1_000_000L));
        this.listening = session.addUrcListener(u -> arrivals.release());
    }

    /** What the module's URCs say now. */
    ModuleSideFota.Reading read() {
        return watch.read(urcs(), System.nanoTime());
    }

    /** Waits until the URCs give an outcome or {@code deadlineNanos} (links' clock) passes; the reading then. */
    ModuleSideFota.Reading await(long deadlineNanos) {
        while (true) {
            arrivals.drainPermits();
            ModuleSideFota.Reading r = read();
            long now = System.nanoTime();
            if (r.outcome().isPresent() || now - deadlineNanos >= 0) {
                return r;
            }
            // wake at the next URC, at the phase's own deadline (a timeout is an outcome) or at the step's
            long until = r.deadlineNanos() - deadlineNanos < 0 ? r.deadlineNanos() + 1_000_000L : deadlineNanos;
            try {
                arrivals.tryAcquire(Math.max(1, until - now), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw StepFailed.harness("interrupted while awaiting the module's DFOTA");
            }
        }
    }

    /** The URCs since the step that the module's side of 6.1 is read from: the FOTA ones, RDY, 6 and 11. */
    List<FotaTrace.Seen> urcs() {
        List<FotaTrace.Seen> out = new ArrayList<>();
        for (JournalEntry e : session.journal().entries(fromIndex, Integer.MAX_VALUE)) {
            if (e instanceof JournalEntry.Received r && r.isUrc()) {
                Optional<MiplUrc> u = r.urc();
                if (u.isPresent() && (FotaTrace.isFotaUrc(u.get())
                        || u.get() instanceof MiplEvent m && m.evtId() == EventId.UPDATE_SUCCESS.id())) {
                    out.add(new FotaTrace.Seen(r.nanoTime(), u.get()));
                }
            }
        }
        return out;
    }

    /** What arrived: every URC since the step (the last {@code max}), for a failure's evidence. */
    String arrived(int max) {
        List<String> lines = new ArrayList<>();
        for (JournalEntry e : session.journal().entries(fromIndex, Integer.MAX_VALUE)) {
            if (e instanceof JournalEntry.Received r && r.isUrc()) {
                lines.add(r.text());
            }
        }
        if (lines.isEmpty()) {
            return "none";
        }
        int from = Math.max(0, lines.size() - max);
        return (from > 0 ? "(" + from + " earlier) " : "") + String.join(", ", lines.subList(from, lines.size()));
    }

    @Override
    public void close() {
        try {
            listening.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop following the module's URCs", e);
        }
    }
}
