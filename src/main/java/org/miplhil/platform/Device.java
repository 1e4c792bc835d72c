package org.miplhil.platform;

import java.time.Instant;
import java.util.List;

/**
 * A registered device. OneNET names devices by IMEI; the module's endpoint name is {@code IMEI;IMSI}
 * (docs/evidence.md, the SDK's AT layer), so {@code imei} is the part before ';' (the whole endpoint if none).
 *
 * @param objectLinks the registered objects and object instances, in registration order
 */
public record Device(String endpoint, String imei, String imsi, String registrationId, String address,
                     long lifetimeSeconds, String lwm2mVersion, String binding, List<NodePath> objectLinks,
                     Instant registeredAt, Instant lastUpdate) {

    public Device {
        objectLinks = List.copyOf(objectLinks);
    }

    /** The IMEI part of an endpoint name {@code IMEI;IMSI}. */
    public static String imeiOf(String endpoint) {
        int semi = endpoint.indexOf(';');
        return semi < 0 ? endpoint : endpoint.substring(0, semi);
    }

    /** The IMSI part of an endpoint name {@code IMEI;IMSI}, empty if none. */
    public static String imsiOf(String endpoint) {
        int semi = endpoint.indexOf(';');
        return semi < 0 ? "" : endpoint.substring(semi + 1);
    }

    /** Registered object instances ({@code /objId/insId}), in registration order. */
    public List<NodePath> objectInstances() {
        return objectLinks.stream().filter(NodePath::isInstance).toList();
    }

    /** Registered object ids, each once, in registration order. */
    public List<Integer> objectIds() {
        return objectLinks.stream().map(NodePath::objId).distinct().toList();
    }
}
