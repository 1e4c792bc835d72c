package org.miplhil.platform;

import java.time.Instant;

/** An observation the platform holds for a device. */
public record ObservationInfo(String observationId, String endpoint, NodePath path, Instant establishedAt) {
}
