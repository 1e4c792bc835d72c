package org.miplhil.platform;

import java.time.Instant;
import java.util.List;

/** A notification received for an observation (not the observe answer itself), stamped on arrival. */
public record Notification(String observationId, String endpoint, NodePath path, CoapCode code,
                           List<ResourceData> values, Instant receivedAt, long nanoTime) {
    public Notification {
        values = List.copyOf(values);
    }
}
