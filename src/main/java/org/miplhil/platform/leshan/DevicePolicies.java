package org.miplhil.platform.leshan;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link DevicePolicy} that can be changed at run time: defaults for every device, and per-IMEI answers set by
 * whoever plays OneNET's device settings (the HTTP double sets {@code obsv} when a device is created). Thread-safe.
 */
public final class DevicePolicies implements DevicePolicy {

    private volatile boolean defaultObserve;
    private volatile boolean defaultDiscover;
    private final Map<String, Boolean> observe = new ConcurrentHashMap<>();
    private final Map<String, Boolean> discover = new ConcurrentHashMap<>();

    public DevicePolicies(boolean defaultObserve, boolean defaultDiscover) {
        this.defaultObserve = defaultObserve;
        this.defaultDiscover = defaultDiscover;
    }

    @Override
    public boolean observe(String imei) {
        return imei == null ? defaultObserve : observe.getOrDefault(imei, defaultObserve);
    }

    @Override
    public boolean discover(String imei) {
        return imei == null ? defaultDiscover : discover.getOrDefault(imei, defaultDiscover);
    }

    /** Sets the device's {@code obsv}; takes effect at its next registration or update. */
    public DevicePolicies observe(String imei, boolean on) {
        observe.put(imei, on);
        return this;
    }

    /** Sets automatic discover for the device; takes effect at its next registration or update. */
    public DevicePolicies discover(String imei, boolean on) {
        discover.put(imei, on);
        return this;
    }

    /** The device's own setting, if one was made. */
    public Optional<Boolean> observeSetting(String imei) {
        return Optional.ofNullable(observe.get(imei));
    }

    /** The device's own setting, if one was made. */
    public Optional<Boolean> discoverSetting(String imei) {
        return Optional.ofNullable(discover.get(imei));
    }

    /** Forgets the device's own settings: the defaults apply again. */
    public DevicePolicies forget(String imei) {
        observe.remove(imei);
        discover.remove(imei);
        return this;
    }

    public DevicePolicies defaultObserve(boolean on) {
        this.defaultObserve = on;
        return this;
    }

    public DevicePolicies defaultDiscover(boolean on) {
        this.defaultDiscover = on;
        return this;
    }

    public boolean defaultObserve() {
        return defaultObserve;
    }

    public boolean defaultDiscover() {
        return defaultDiscover;
    }

    @Override
    public String toString() {
        return "defaults: observe " + (defaultObserve ? "on" : "off") + ", discover " + (defaultDiscover ? "on" : "off")
                + "; per device: observe " + observe + ", discover " + discover;
    }
}
