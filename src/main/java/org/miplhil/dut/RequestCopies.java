package org.miplhil.dut;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.miplhil.at.EventId;
import org.miplhil.at.MiplEvent;
import org.miplhil.at.MiplRequest;
import org.miplhil.at.RequestType;

/**
 * The one rule for repeated request URCs. The OneNET SDK of the BC260Y-CN prints a request's URC again, the same
 * msgId, kind and path, for every retransmission of the request that reaches it while the MCU has not answered
 * ({@code cis_objects.c}: the callback runs before the duplicate check; docs/evidence.md). So a request with the
 * msgId, kind and path of one seen within RFC 7252's MAX_TRANSMIT_WAIT (93 s, the longest a server retransmits one
 * request) and since the last registration is the same request again: answered once, matched once. Later, or
 * after a new registration (event 6), the same msgId is a request of its own: the module's msgIds are CoAP
 * message IDs. Fed in arrival order; thread-safe.
 */
public final class RequestCopies {

    /** How long a request marks its copies: RFC 7252's MAX_TRANSMIT_WAIT. */
    public static final Duration WITHIN = Duration.ofSeconds(93);

    /** What makes two request URCs one request: msgId, kind and the path in one notation. */
    public record Key(long msgId, RequestType kind, String path) {

        /** The key of one request URC (a part of a write is keyed by its resource). */
        public static Key of(MiplRequest r) {
            return new Key(r.msgId(), r.kind(), r.path().text());
        }
    }

    /** In arrival order, so the expired ones are at the head: pruning stops at the first one still in its window. */
    private final LinkedHashMap<Key, Long> firstSeen = new LinkedHashMap<>();

    /**
     * Whether a request arriving at {@code nanoTime} ({@link System#nanoTime()}) is a copy of one seen before; one
     * that is not is remembered from then on.
     */
    public synchronized boolean isCopy(Key key, long nanoTime) {
        long window = WITHIN.toNanos();
        for (Iterator<Long> it = firstSeen.values().iterator(); it.hasNext(); ) {
            if (nanoTime - it.next() <= window) {
                break;
            }
            it.remove();
        }
        Long first = firstSeen.get(key);
        if (first != null && nanoTime - first <= window) {
            return true;
        }
        firstSeen.remove(key); // out of order input: an expired entry behind a newer head goes now
        firstSeen.put(key, nanoTime);
        return false;
    }

    /** Requests remembered now: those of the last {@link #WITHIN} since the last registration. */
    public synchronized int remembered() {
        return firstSeen.size();
    }

    /** 5.7 event 6: a new registration starts the module's requests afresh. */
    public synchronized void registered() {
        firstSeen.clear();
    }

    /**
     * Takes a journal line in arrival order: a registration (event 6) clears, a request URC is judged. Returns
     * whether the line is a copy of a request seen before; false for every other line.
     */
    public boolean observe(JournalEntry.Received line) {
        if (!line.isUrc() || line.urc().isEmpty()) {
            return false;
        }
        if (line.urc().get() instanceof MiplEvent e && e.evtId() == EventId.REG_SUCCESS.id()) {
            registered();
            return false;
        }
        return line.urc().flatMap(MiplRequest::of).map(r -> isCopy(Key.of(r), line.nanoTime())).orElse(false);
    }
}
