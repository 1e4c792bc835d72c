package org.miplhil.sim.registrar;

import java.util.List;

/**
 * Data of AT+MIPLNOTIFY (3.3.15) for one observation, gathered over its parts (index counting down to 0).
 *
 * @param msgId    the observation's msgId (from +MIPLOBSERVE)
 * @param ackId    0: non-confirmable; 1..65535: confirmable, and the registrar reports the outcome with event
 *                 26 (acknowledged) or 25 (not) carrying this ackId (5.7, 7.8.4)
 * @param complete false when a later part failed and only the parts before it are sent (3.3.15 remark 2)
 */
public record Notification(long msgId, List<ResourceValue> values, int ackId, int raiMode, boolean complete) {
    public Notification {
        values = List.copyOf(values);
    }
}
