package org.miplhil.platform.leshan;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.miplhil.platform.DiscoveredLink;

/**
 * What the platform remembers of its devices beyond Leshan's registrations: the links of the latest successful
 * discover of each object (forgotten at a new registration) and when each observation began.
 */
final class DeviceMemory {

    /** endpoint → objId → links of the latest successful discover of that object. */
    private final Map<String, Map<Integer, List<DiscoveredLink>>> discovered = new ConcurrentHashMap<>();
    /** observation id (hex) → when the observe was answered. */
    private final Map<String, Instant> observationSince = new ConcurrentHashMap<>();

    void discovered(String endpoint, int objId, List<DiscoveredLink> links) {
        discovered.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>()).put(objId, List.copyOf(links));
    }

    /** Links of the latest discover of each object of the device. */
    Map<Integer, List<DiscoveredLink>> discovered(String endpoint) {
        return discovered.getOrDefault(endpoint, Map.of());
    }

    /** A new registration: what a discover said before no longer holds. */
    void registered(String endpoint) {
        discovered.remove(endpoint);
    }

    void observed(String observationId, Instant at) {
        observationSince.put(observationId, at);
    }

    void unobserved(String observationId) {
        observationSince.remove(observationId);
    }

    Instant observedSince(String observationId) {
        return observationSince.getOrDefault(observationId, Instant.EPOCH);
    }
}
