package org.miplhil.platform.onenet.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.miplhil.platform.Device;

/**
 * The devices the adapter knows: by IMEI, with the IMSI and OneNET's device id when it learned them (from
 * {@link OneNetPlatform#ensureDevice}), and which of them OneNET reported online. A device online is a
 * {@link Device} whose endpoint is {@code IMEI;IMSI} when the IMSI is known (the module's endpoint name), else the
 * IMEI. OneNET reports only online and offline, so its lifetime, address, version, binding and object links are
 * unknown: 0 and empty.
 */
final class DeviceDirectory {

    /** What is known of a device apart from its online state. */
    record Known(String imei, Optional<String> imsi, Optional<String> devId) {
    }

    private final Map<String, Known> known = new LinkedHashMap<>();
    private final Map<String, Device> online = new LinkedHashMap<>();
    private final AtomicLong registrations = new AtomicLong();

    synchronized void learn(String imei, Optional<String> imsi, Optional<String> devId) {
        Known old = known.get(imei);
        known.put(imei, new Known(imei, imsi.or(() -> old == null ? Optional.empty() : old.imsi()),
                devId.or(() -> old == null ? Optional.empty() : old.devId())));
    }

    synchronized List<Known> known() {
        return List.copyOf(known.values());
    }

    /** The IMEI of OneNET's device id, if known. */
    synchronized Optional<String> imeiOfDevId(String devId) {
        return known.values().stream().filter(k -> k.devId().equals(Optional.of(devId))).map(Known::imei).findFirst();
    }

    synchronized String endpointOf(String imei) {
        Known k = known.get(imei);
        return k != null && k.imsi().isPresent() ? imei + ";" + k.imsi().get() : imei;
    }

    /** Marks the device online; returns it and the registration id it replaced, if it was online already. */
    synchronized Map.Entry<Device, Optional<String>> online(String imei, Instant at) {
        Device old = online.remove(imei);
        String endpoint = endpointOf(imei);
        Device d = new Device(endpoint, imei, Device.imsiOf(endpoint), "onenet-" + registrations.incrementAndGet(),
                "", 0, "", "", List.of(), at, at);
        online.put(imei, d);
        return Map.entry(d, Optional.ofNullable(old).map(Device::registrationId));
    }

    /** Marks the device offline; the device it was, if online. */
    synchronized Optional<Device> offline(String imei) {
        return Optional.ofNullable(online.remove(imei));
    }

    synchronized boolean isOnline(String imei) {
        return online.containsKey(imei);
    }

    synchronized List<Device> online() {
        return new ArrayList<>(online.values());
    }
}
