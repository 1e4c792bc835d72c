package org.miplhil.at;

import java.util.Optional;

/**
 * A URC that carries a platform request (5.1 - 5.6), typed once for every reader: the kind of request and the
 * msgId its answer names. A write comes as several URCs with one msgId (5.4), each typed the same.
 */
public record RequestUrc(RequestType kind, long msgId) {

    /** The request a URC carries; empty for the others ({@code +MIPLEVENT}, ...). */
    public static Optional<RequestUrc> of(MiplUrc u) {
        if (u instanceof MiplDiscover d) {
            return Optional.of(new RequestUrc(RequestType.DISCOVER, d.msgId()));
        }
        if (u instanceof MiplObserve o) {
            return Optional.of(new RequestUrc(RequestType.OBSERVE, o.msgId()));
        }
        if (u instanceof MiplRead r) {
            return Optional.of(new RequestUrc(RequestType.READ, r.msgId()));
        }
        if (u instanceof MiplWrite w) {
            return Optional.of(new RequestUrc(RequestType.WRITE, w.msgId()));
        }
        if (u instanceof MiplExecute x) {
            return Optional.of(new RequestUrc(RequestType.EXECUTE, x.msgId()));
        }
        if (u instanceof MiplParameter p) {
            return Optional.of(new RequestUrc(RequestType.PARAMETER, p.msgId()));
        }
        return Optional.empty();
    }
}
