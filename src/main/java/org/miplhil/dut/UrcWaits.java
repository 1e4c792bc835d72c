package org.miplhil.dut;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The URC waits of a {@link ModuleSession}, on its journal: URCs in order, URCs in any order, and the absence of a
 * URC, each from a {@link Cursor} with a deadline. Every wait scans the journal once, incrementally, under the
 * journal's lock, and wakes on each appended chunk; a failure names what was awaited, the deadline, what matched so
 * far and every URC that arrived instead.
 */
final class UrcWaits {

    private final Journal journal;
    private final String linkName;
    private final ReentrantLock lock;

    UrcWaits(Journal journal, String linkName) {
        this.journal = journal;
        this.linkName = linkName;
        this.lock = journal.lock();
    }

    /** See {@link ModuleSession#expectInOrder(Cursor, List, Duration)}; {@code single} names a one-matcher wait. */
    List<UrcArrival<?>> inOrder(Cursor from, List<? extends UrcMatcher<?>> matchers, Duration within, String single) {
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("nothing to expect");
        }
        long deadline = from.nanoTime() + Journal.toNanos(within);
        lock.lock();
        try {
            OrderedScan scan = new OrderedScan(from, matchers);
            journal.awaitLocked(() -> scan.advance() || scan.outOfOrder != null, deadline);
            String awaited = single != null ? single : "in order: " + describe(matchers);
            if (scan.outOfOrder != null) {
                throw new UnexpectedUrc(scan.outOfOrder, "awaited " + awaited + " within " + within.toMillis()
                        + " ms, but " + scan.outOfOrder.text() + " (" + matchers.get(scan.outOfOrderMatcher).description()
                        + ") arrived before " + matchers.get(scan.found.size()).description()
                        + matchedSoFar(scan.found) + "\n  URCs since the reference (ms):"
                        + journal.evidenceLocked(from.index(), from.nanoTime(), true));
            }
            List<UrcArrival<?>> byMatcher = new ArrayList<>(scan.found);
            while (byMatcher.size() < matchers.size()) {
                byMatcher.add(null);
            }
            return verdict(from, within, deadline, awaited, matchers, byMatcher, scan.found);
        } finally {
            lock.unlock();
        }
    }

    /**
     * See {@link ModuleSession#expectAnyOrder}: every URC after {@code from} is offered to the matchers still
     * awaited, in their order, and the first that accepts it takes it.
     */
    List<UrcArrival<?>> anyOrder(Cursor from, List<? extends UrcMatcher<?>> matchers, Duration within) {
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("nothing to expect");
        }
        long deadline = from.nanoTime() + Journal.toNanos(within);
        lock.lock();
        try {
            AnyOrderScan scan = new AnyOrderScan(from, matchers);
            journal.awaitLocked(scan::advance, deadline);
            String awaited = "in any order: " + describe(matchers);
            List<UrcArrival<?>> byMatcher = java.util.Arrays.asList(scan.byMatcher);
            verdict(from, within, deadline, awaited, matchers, byMatcher, scan.inArrivalOrder);
            return List.copyOf(byMatcher);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The arrivals when all came in time; else the failure, with what matched in time and what is missing.
     * {@code byMatcher}: each matcher's arrival or null; {@code found}: the arrivals in journal order.
     */
    private List<UrcArrival<?>> verdict(Cursor from, Duration within, long deadline, String awaited,
                                        List<? extends UrcMatcher<?>> matchers, List<UrcArrival<?>> byMatcher,
                                        List<UrcArrival<?>> found) {
        List<UrcArrival<?>> inTime = found.stream().filter(a -> a.nanoTime() <= deadline).toList();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < matchers.size(); i++) {
            UrcArrival<?> a = byMatcher.get(i);
            if (a == null || a.nanoTime() > deadline) {
                missing.add(matchers.get(i).description());
            }
        }
        if (found.size() == matchers.size()) {
            if (missing.isEmpty()) {
                return List.copyOf(found);
            }
            UrcArrival<?> last = found.get(found.size() - 1);
            throw new DeadlineExceeded(awaited, within, "awaited " + awaited + " within " + within.toMillis()
                    + " ms; " + last.text() + " arrived " + String.format(Locale.ROOT, "%.3f", last.delay().toNanos() / 1e6)
                    + " ms after the reference, too late" + matchedSoFar(found)
                    + "\n  URCs since the reference (ms):" + journal.evidenceLocked(from.index(), from.nanoTime(), true),
                    inTime, missing);
        }
        String evidence = journal.evidenceLocked(from.index(), from.nanoTime(), true);
        if (journal.closedLocked()) {
            throw new LinkClosedException(linkName + " closed while awaiting " + awaited + "; still missing "
                    + String.join(", ", missing) + matchedSoFar(found) + "\n  URCs since the reference (ms):" + evidence,
                    journal.closeCause());
        }
        String next = byMatcher.contains(null) ? matchers.get(byMatcher.indexOf(null)).description() : missing.get(0);
        throw new DeadlineExceeded(awaited, within, "awaited " + awaited + " within " + within.toMillis()
                + " ms; missing " + next + matchedSoFar(found) + "\n  URCs arrived instead (ms after the reference):"
                + evidence, inTime, missing);
    }

    /** See {@link ModuleSession#expectNone(Cursor, UrcMatcher, Duration)}. */
    List<JournalEntry.Received> none(Cursor from, UrcMatcher<?> matcher, Duration during) {
        long end = from.nanoTime() + Journal.toNanos(during);
        lock.lock();
        try {
            int[] next = {from.index()};
            JournalEntry.Received[] hit = {null};
            journal.awaitLocked(() -> {
                int size = journal.sizeLocked();
                while (next[0] < size && hit[0] == null) {
                    if (journal.getLocked(next[0]++) instanceof JournalEntry.Received r && r.isUrc()
                            && r.nanoTime() <= end && matcher.match(r).isPresent()) {
                        hit[0] = r;
                    }
                }
                return hit[0] != null;
            }, end);
            String evidence = journal.evidenceLocked(from.index(), from.nanoTime(), true);
            if (hit[0] != null) {
                throw new UnexpectedUrc(hit[0], "expected no " + matcher.description() + " within "
                        + during.toMillis() + " ms, but " + hit[0].text() + " arrived "
                        + String.format(Locale.ROOT, "%.3f", (hit[0].nanoTime() - from.nanoTime()) / 1e6)
                        + " ms after the reference\n  URCs since the reference (ms):" + evidence);
            }
            if (journal.closedLocked() && System.nanoTime() < end) {
                throw new LinkClosedException(linkName + " closed during the " + during.toMillis()
                        + " ms in which no " + matcher.description() + " may arrive; URCs seen (ms):" + evidence,
                        journal.closeCause());
            }
            List<JournalEntry.Received> seen = new ArrayList<>();
            for (JournalEntry.Received r : journal.urcs(from.index())) {
                if (r.nanoTime() <= end) {
                    seen.add(r);
                }
            }
            return seen;
        } finally {
            lock.unlock();
        }
    }

    /** Walks the journal once, incrementally, matching the matchers in order. Used under lock. */
    private final class OrderedScan {
        final Cursor from;
        final List<? extends UrcMatcher<?>> matchers;
        final List<UrcArrival<?>> found = new ArrayList<>();
        int next;
        JournalEntry.Received outOfOrder;
        int outOfOrderMatcher;

        OrderedScan(Cursor from, List<? extends UrcMatcher<?>> matchers) {
            this.from = from;
            this.matchers = matchers;
            this.next = from.index();
        }

        /** Looks at new entries; true once all matchers matched. */
        boolean advance() {
            int size = journal.sizeLocked();
            while (next < size && found.size() < matchers.size() && outOfOrder == null) {
                if (journal.getLocked(next++) instanceof JournalEntry.Received r && r.isUrc()) {
                    Optional<?> value = matchers.get(found.size()).match(r);
                    if (value.isPresent()) {
                        found.add(arrival(from, value.get(), r));
                        continue;
                    }
                    for (int k = found.size() + 1; k < matchers.size(); k++) {
                        if (matchers.get(k).match(r).isPresent()) {
                            outOfOrder = r;
                            outOfOrderMatcher = k;
                            break;
                        }
                    }
                }
            }
            return found.size() == matchers.size();
        }
    }

    /** Walks the journal once, incrementally, giving each URC to the first matcher still open that accepts it. */
    private final class AnyOrderScan {
        final Cursor from;
        final List<? extends UrcMatcher<?>> matchers;
        final UrcArrival<?>[] byMatcher;
        final List<UrcArrival<?>> inArrivalOrder = new ArrayList<>();
        int next;

        AnyOrderScan(Cursor from, List<? extends UrcMatcher<?>> matchers) {
            this.from = from;
            this.matchers = matchers;
            this.byMatcher = new UrcArrival<?>[matchers.size()];
            this.next = from.index();
        }

        boolean advance() {
            int size = journal.sizeLocked();
            while (next < size && inArrivalOrder.size() < matchers.size()) {
                if (journal.getLocked(next++) instanceof JournalEntry.Received r && r.isUrc()) {
                    for (int k = 0; k < matchers.size(); k++) {
                        if (byMatcher[k] != null) {
                            continue;
                        }
                        Optional<?> value = matchers.get(k).match(r);
                        if (value.isPresent()) {
                            byMatcher[k] = arrival(from, value.get(), r);
                            inArrivalOrder.add(byMatcher[k]);
                            break;
                        }
                    }
                }
            }
            return inArrivalOrder.size() == matchers.size();
        }
    }

    private static UrcArrival<Object> arrival(Cursor from, Object value, JournalEntry.Received r) {
        return new UrcArrival<>(value, r, Duration.ofNanos(r.nanoTime() - from.nanoTime()));
    }

    private static String matchedSoFar(List<UrcArrival<?>> found) {
        if (found.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("\n  matched so far:");
        for (UrcArrival<?> a : found) {
            b.append("\n    ").append(String.format(Locale.ROOT, "%+10.3f ms  ", a.delay().toNanos() / 1e6))
                    .append(a.entry());
        }
        return b.toString();
    }

    static String describe(List<? extends UrcMatcher<?>> matchers) {
        return String.join(", ", matchers.stream().map(m -> (String) m.description()).toList());
    }
}
