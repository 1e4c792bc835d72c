package org.miplhil.sim;

import org.miplhil.sim.registrar.PlatformRequest;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.miplhil.at.RequestType;

/**
 * The platform requests shown to the MCU and not yet answered, keyed by msgId (5.1-5.6), with the parts of a
 * multi-part read answer gathered so far; and the msgIds purged unanswered ({@code mipl.purge-after}), so that a late
 * answer gets {@code rsp.expired-msgid} rather than {@code rsp.unknown-msgid}.
 */
final class RequestTable {

    /** How many purged msgIds are remembered. */
    private static final int PURGED_MEMORY = 512;

    /** A request waiting for its answer; {@code urcNanos}: when its URC went out (the answer window runs from there). */
    record Pending(RequestType type, PlatformRequest request, long urcNanos) {}

    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private final Set<Long> purged = new LinkedHashSet<>();
    private final PartGatherer readParts = new PartGatherer();

    /** The pending request, null when none. */
    Pending get(long msgId) {
        return pending.get(msgId);
    }

    /** Whether the msgId was purged unanswered. */
    boolean expired(long msgId) {
        return purged.contains(msgId);
    }

    void add(long msgId, Pending entry) {
        pending.put(msgId, entry);
        purged.remove(msgId);
    }

    /** Whether the request is answered within {@code window} of its URC (5.1: 10 s). */
    boolean inAnswerWindow(long msgId, long nowNanos, Duration window) {
        Pending p = pending.get(msgId);
        return p != null && nowNanos - p.urcNanos() <= window.toNanos();
    }

    /** Answered: the request and its gathered parts are gone. Returns the request. */
    Pending answered(long msgId) {
        readParts.drop(msgId);
        return pending.remove(msgId);
    }

    /** The parts of multi-part read answers. */
    PartGatherer readParts() {
        return readParts;
    }

    /** {@code mipl.purge-after} passed: forgotten unless answered (or replaced) meanwhile. */
    void purge(long msgId, Pending entry) {
        if (pending.get(msgId) != entry) {
            return;
        }
        pending.remove(msgId);
        readParts.drop(msgId);
        purged.add(msgId);
        Iterator<Long> it = purged.iterator();
        while (purged.size() > PURGED_MEMORY && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    /** The registration is gone: nothing is pending any more (the purged msgIds are still known). */
    void clear() {
        pending.clear();
        readParts.clear();
    }

    /** Power-up: nothing at all. */
    void forget() {
        clear();
        purged.clear();
    }
}
