package org.miplhil.platform.leshan;

/**
 * What OneNET does, per device, after a registration: the device's {@code obsv} (observe every instance; OneNET's
 * device creation, {@code application-develop/list/1create-device.md}: "obsv … default true") and the product's
 * automatic discover (off by default for new products, {@code FAQ/register_questions.md} question 6). Asked at each
 * registration and update, so an implementation may change its answers at run time.
 */
public interface DevicePolicy {

    /** Observe every registered instance after a registration (OneNET's {@code obsv}). */
    boolean observe(String imei);

    /** Discover every registered object after a registration (the product's automatic discover). */
    boolean discover(String imei);

    /** The same answer for every device. */
    static DevicePolicy of(boolean observe, boolean discover) {
        return new DevicePolicy() {
            @Override
            public boolean observe(String imei) {
                return observe;
            }

            @Override
            public boolean discover(String imei) {
                return discover;
            }

            @Override
            public String toString() {
                return "observe " + (observe ? "on" : "off") + ", discover " + (discover ? "on" : "off");
            }
        };
    }
}
