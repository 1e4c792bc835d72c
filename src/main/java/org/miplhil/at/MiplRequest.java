package org.miplhil.at;

import java.util.Optional;

/**
 * A URC that carries a platform request (5.1 - 5.6), typed once for every reader: the kind of request, the msgId
 * its answer names and the path it asks about. A write comes as several URCs with one msgId (5.4), each typed the
 * same; {@link #completes()} tells the part after which the module waits for the answer.
 */
public sealed interface MiplRequest extends MiplUrc
        permits MiplDiscover, MiplObserve, MiplRead, MiplWrite, MiplExecute, MiplParameter {

    int ref();

    long msgId();

    RequestType kind();

    RequestPath path();

    /** Whether this URC is the last of its request: always, except for a write's parts before index 0 (3.3.15). */
    default boolean completes() {
        return true;
    }

    /** The request a URC carries; empty for the others ({@code +MIPLEVENT}, {@code +QIND}, ...). */
    static Optional<MiplRequest> of(MiplUrc u) {
        return u instanceof MiplRequest r ? Optional.of(r) : Optional.empty();
    }

    /** Whether a request and an answer command belong together: same msgId and the answer's kind of request. */
    default boolean answeredBy(MiplAnswer answer) {
        return answer.msgId() == msgId() && answer.request() == kind();
    }
}
