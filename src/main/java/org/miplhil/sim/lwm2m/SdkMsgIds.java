package org.miplhil.sim.lwm2m;

import org.eclipse.californium.core.coap.Request;

/**
 * msgIds as the OneNET SDK 2.3.0 forms them: a request's msgId is its CoAP message ID ({@code object_read},
 * {@code object_write}, {@code object_execute}, {@code object_discover} in {@code cis_objects.c} pass
 * {@code message->mid}); an observe (Observe=0) gets {@code (++nextObserveNum << 16) | mid}
 * ({@code observe_handleRequest}, {@code cis_observe.c}), {@code nextObserveNum} being a {@code uint16_t} of the
 * SDK's context that {@code cis_init} (AT+MIPLCREATE) sets to 0; a cancel (Observe=1) keeps the message ID. The
 * note's observe msgIds 69234 and 111068 are {@code 1 << 16} plus a message ID. Thread-safe.
 */
final class SdkMsgIds {

    private int nextObserveNum;

    /** The msgId of a request seen for the first time (a copy of a waiting one keeps its msgId). */
    synchronized long msgIdFor(Request request) {
        long mid = request.getMID() & 0xFFFF;
        if (!request.isObserve()) {
            return mid;
        }
        nextObserveNum = (nextObserveNum + 1) & 0xFFFF; // uint16_t: wraps as the SDK's does
        return ((long) nextObserveNum << 16) | mid;
    }

    /** A new SDK context (AT+MIPLCREATE, or power-up): the observe counter starts again. */
    synchronized void reset() {
        nextObserveNum = 0;
    }
}
