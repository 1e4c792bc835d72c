package org.miplhil.sim;

/**
 * How a {@link Registrar} reports to the module; the module turns each call into a URC. Thread-safe, never
 * blocks; calls after the registration ended (close, power cut, a newer open) are ignored.
 */
public interface RegistrarEvents {

    /** {@code +MIPLEVENT: 0,<evtId>} (5.7). */
    void event(int evtId);

    /**
     * {@code +MIPLEVENT: 0,<evtId>,<extend>}: for 14 the seconds left, for 20/25 the msgId or ackId, for 26
     * the ackId (7.8.4).
     */
    void event(int evtId, long extend);

    /** A platform request: the module shows it as a URC and keeps it pending until answered or purged. */
    void request(PlatformRequest request);
}
