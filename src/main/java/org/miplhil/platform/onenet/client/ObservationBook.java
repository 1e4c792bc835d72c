package org.miplhil.platform.onenet.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.miplhil.platform.Device;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.ObservationInfo;

/**
 * The observations made through the adapter. An observation's id is {@code onenet:<IMEI><path>}
 * ({@code onenet:866971030000011/3303/0/5700}): OneNET gives none, and one path of one device has at most one
 * observation. A data point belongs to the deepest observation holding its path; without one it belongs to the
 * observation OneNET makes itself after registration (every instance, when the device's {@code obsv} is on), whose
 * id is that of the instance path.
 */
final class ObservationBook {

    private final List<ObservationInfo> held = new ArrayList<>();

    static String idOf(String imei, NodePath path) {
        return "onenet:" + imei + path;
    }

    synchronized String add(String endpoint, NodePath path, Instant at) {
        String imei = Device.imeiOf(endpoint);
        held.removeIf(o -> Device.imeiOf(o.endpoint()).equals(imei) && o.path().equals(path));
        String id = idOf(imei, path);
        held.add(new ObservationInfo(id, endpoint, path, at));
        return id;
    }

    synchronized boolean holds(String endpoint, NodePath path) {
        String imei = Device.imeiOf(endpoint);
        return held.stream().anyMatch(o -> Device.imeiOf(o.endpoint()).equals(imei) && o.path().equals(path));
    }

    synchronized void remove(String endpoint, NodePath path) {
        String imei = Device.imeiOf(endpoint);
        held.removeIf(o -> Device.imeiOf(o.endpoint()).equals(imei) && o.path().equals(path));
    }

    /** OneNET drops a device's observations when it registers again (docs/onenet.md). */
    synchronized void dropAll(String imei) {
        held.removeIf(o -> Device.imeiOf(o.endpoint()).equals(imei));
    }

    synchronized List<ObservationInfo> of(String endpoint) {
        String imei = Device.imeiOf(endpoint);
        return held.stream().filter(o -> Device.imeiOf(o.endpoint()).equals(imei)).toList();
    }

    /** The id a data point of {@code path} belongs to. */
    synchronized String idFor(String imei, NodePath path) {
        Optional<ObservationInfo> deepest = held.stream()
                .filter(o -> Device.imeiOf(o.endpoint()).equals(imei) && o.path().contains(path))
                .max(Comparator.comparingInt(o -> o.path().depth()));
        return deepest.map(ObservationInfo::observationId)
                .orElse(idOf(imei, path.depth() >= 2 ? path.toInstance() : path));
    }
}
