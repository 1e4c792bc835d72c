package org.miplhil.sim.lwm2m;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.Exchange;

/**
 * Requests of the server that came before the registration's answer, held back from every resource (the MCU's
 * and the module's own objects), by CoAP message ID. The SDK ignores them ({@code management_handleRequest}
 * returns {@code COAP_IGNORE} unless registered, {@code cis_management.c}) and handles the server's
 * retransmission; it reads one datagram at a time, in order ({@code cis_pump}, {@code cis_core.c}), so a request
 * that came after the answer is handled after event 6. Californium parses datagrams on several threads: which
 * came first is told by their receive times. Thread-safe.
 */
final class EarlyRequests {

    private final Map<Integer, Exchange> held = new LinkedHashMap<>();

    /** Holds the exchange's request back until {@link #receivedAfter} or its retransmission. */
    synchronized void hold(Exchange exchange) {
        held.put(exchange.getRequest().getMID(), exchange);
    }

    /**
     * The registration's answer was received at {@code answerNanos}: the requests received after it, which the
     * SDK handles now (removed from here); those before it overtook the answer and wait for their retransmission.
     */
    synchronized List<Exchange> receivedAfter(long answerNanos) {
        List<Exchange> after = new ArrayList<>();
        for (Iterator<Exchange> it = held.values().iterator(); it.hasNext(); ) {
            Exchange x = it.next();
            if (x.getRequest().getNanoTimestamp() - answerNanos > 0) {
                it.remove();
                after.add(x);
            }
        }
        return after;
    }

    /** The held request {@code copy} retransmits (same message ID and token), removed from here. */
    synchronized Optional<Exchange> retransmitted(Request copy) {
        Exchange x = held.get(copy.getMID());
        if (x == null || x.getRequest() == copy
                || !Arrays.equals(x.getRequest().getTokenBytes(), copy.getTokenBytes())) {
            return Optional.empty();
        }
        held.remove(copy.getMID());
        return Optional.of(x);
    }

    /** Whether {@code copy} retransmits a held request. */
    synchronized boolean holds(Request copy) {
        Exchange x = held.get(copy.getMID());
        return x != null && x.getRequest() != copy
                && Arrays.equals(x.getRequest().getTokenBytes(), copy.getTokenBytes());
    }

    synchronized void clear() {
        held.clear();
    }
}
