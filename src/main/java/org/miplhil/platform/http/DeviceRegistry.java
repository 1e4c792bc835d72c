package org.miplhil.platform.http;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.miplhil.platform.Device;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.Platform;
import org.miplhil.platform.PlatformListener;

/**
 * The devices created through the API (legacy {@code POST /devices}, current {@code /device/create}), by IMEI.
 * Online is whether the platform has the IMEI registered now; the activation time ({@code act_time}: first time
 * online) and the last contact ({@code last_ct}) come from the platform's events. A device that registers without
 * having been created keeps working (the instant and cached commands name devices by IMEI alone).
 */
public final class DeviceRegistry implements PlatformListener {

    /** A created device: OneNET's {@code auth_info {IMEI: IMSI}}, {@code obsv} (auto-observe, default true). */
    public record Created(String devId, String title, String desc, String imei, String imsi, boolean obsv,
                          String productId, Instant createdAt) {
    }

    /** What creating answered: the device, or that its IMEI or name is taken. */
    public sealed interface Creation {
        record Done(Created device) implements Creation {
        }

        record Taken(String what) implements Creation {
        }
    }

    private final Platform platform;
    private final Clock clock;
    private final Map<String, Created> byImei = new LinkedHashMap<>();
    private final Map<String, Instant> activated = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastContact = new ConcurrentHashMap<>();
    /** Device ids: OneNET's are decimal numbers; these count up from here. */
    private final AtomicLong nextId = new AtomicLong(520_000_001L);

    public DeviceRegistry(Platform platform, Clock clock) {
        this.platform = platform;
        this.clock = clock;
    }

    /**
     * The device's {@code obsv}: whether the platform observes its objects after it registers (list/1create-device.md:
     * "是否订阅设备资源（默认为true）"); empty for a device never created, whose behaviour stays the platform's own.
     */
    public Optional<Boolean> observeOnRegistration(String imei) {
        return byImei(imei).map(Created::obsv);
    }

    public synchronized Optional<Created> byImei(String imei) {
        return Optional.ofNullable(byImei.get(imei));
    }

    public synchronized Optional<Created> byId(String devId) {
        return byImei.values().stream().filter(d -> d.devId().equals(devId)).findFirst();
    }

    /** The device named {@code name} (the current API's {@code device_name}), in {@code productId} when given. */
    public synchronized Optional<Created> byName(String productId, String name) {
        return byImei.values().stream().filter(d -> d.title().equals(name)
                && (productId == null || productId.equals(d.productId()))).findFirst();
    }

    public synchronized List<Created> all() {
        return new ArrayList<>(byImei.values());
    }

    /** Creates a device; {@code uniqueName} also refuses a title in use (the current API's device_name). */
    public synchronized Creation create(String title, String desc, String imei, String imsi, boolean obsv,
                                        String productId, boolean uniqueName) {
        if (byImei.containsKey(imei)) {
            return new Creation.Taken("imei " + imei);
        }
        if (uniqueName && byName(productId, title).isPresent()) {
            return new Creation.Taken("device_name " + title);
        }
        Created d = new Created(Long.toString(nextId.getAndIncrement()), title, desc, imei, imsi, obsv, productId,
                clock.instant());
        byImei.put(imei, d);
        return new Creation.Done(d);
    }

    public synchronized boolean delete(String devId) {
        return byImei.values().removeIf(d -> d.devId().equals(devId));
    }

    /** Whether a device with this IMEI is registered at the platform now. */
    public boolean online(String imei) {
        return platform.deviceByImei(imei).isPresent();
    }

    public Optional<Instant> activatedAt(String imei) {
        return Optional.ofNullable(activated.get(imei));
    }

    public Optional<Instant> lastContact(String imei) {
        return Optional.ofNullable(lastContact.get(imei));
    }

    /** The endpoint registered for this IMEI now, if any. */
    public Optional<String> endpoint(String imei) {
        return platform.deviceByImei(imei).map(Device::endpoint);
    }

    @Override
    public void onEvent(DeviceEvent event) {
        if (event instanceof DeviceEvent.Registered || event instanceof DeviceEvent.Updated) {
            String imei = Device.imeiOf(event.endpoint());
            activated.putIfAbsent(imei, event.at());
            lastContact.put(imei, event.at());
        }
    }
}
