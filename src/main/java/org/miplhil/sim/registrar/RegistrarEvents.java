package org.miplhil.sim.registrar;

import org.miplhil.at.EventId;

/**
 * How a {@link Registrar} reports to the module; the module turns each call into a URC. Thread-safe, never
 * blocks; calls after the registration ended (close, power cut, a newer open) are ignored.
 */
public interface RegistrarEvents {

    /** {@code +MIPLEVENT: 0,<evtId>} (5.7). */
    void event(EventId event);

    /**
     * {@code +MIPLEVENT: 0,<evtId>,<extend>}: for 14 the seconds left, for 20 the msgId, for 25/26 the ackId of
     * the notification (5.7, 7.8.4).
     */
    void event(EventId event, long extend);

    /** A platform request: the module shows it as a URC and keeps it pending until answered or purged. */
    void request(PlatformRequest request);
}
