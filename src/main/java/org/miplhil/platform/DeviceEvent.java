package org.miplhil.platform;

import java.time.Instant;

/**
 * Something a device did at the platform, stamped on arrival: {@code at} (wall clock) and
 * {@code nanoTime} ({@link System#nanoTime()}, comparable with the UART journal's chunk times).
 */
public sealed interface DeviceEvent {

    String endpoint();

    Instant at();

    long nanoTime();

    /** A registration ({@code POST /rd}); {@code replacedRegistrationId} is set when it replaced a live one. */
    record Registered(Device device, String replacedRegistrationId, Instant at, long nanoTime) implements DeviceEvent {
        @Override
        public String endpoint() {
            return device.endpoint();
        }
    }

    /** A registration update ({@code POST /rd/<id>}); {@code device} is the state after it. */
    record Updated(Device device, Instant at, long nanoTime) implements DeviceEvent {
        @Override
        public String endpoint() {
            return device.endpoint();
        }
    }

    /**
     * The registration ended: a deregistration ({@code DELETE /rd/<id>}), expiry of its lifetime
     * ({@code expired}), or a new registration of the same endpoint ({@code replaced}).
     */
    record Deregistered(String endpoint, String registrationId, boolean expired, boolean replaced, Instant at,
                        long nanoTime) implements DeviceEvent {
    }

    /** A bootstrap session ended (after Bootstrap-Finish, or failed with {@code failure}). */
    record BootstrapFinished(String endpoint, boolean success, String failure, Instant at, long nanoTime)
            implements DeviceEvent {
    }
}
