package org.miplhil.cli;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import org.miplhil.objects.ObjectPath;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.leshan.LeshanPlatform;

/**
 * One module's part in {@code bench fleet}: it registers; the platform reads it; the platform observes the read
 * resource and the MCU holds the observation; the MCU notifies ({@code AT+MIPLNOTIFY}) and the platform records the
 * notification. Each step gives its time or reports what failed to {@code failures}, one line each.
 */
final class FleetBenchLane {

    static final NodePath PATH = FleetBench.READ;
    static final ObjectPath OBJECT_PATH = ObjectPath.resource(PATH.objId(), PATH.insId(), PATH.resId());
    static final Duration WITHIN = Duration.ofSeconds(30);

    final FleetBenchModule module;
    private final LeshanPlatform platform;
    private final FleetBenchInbox inbox;
    private final Consumer<String> failures;
    private volatile FleetBenchModule.Registration registration;
    private volatile String endpoint;
    /** The last read answered or notification recorded ({@link System#nanoTime()}), 0 before. */
    volatile long lastDone;

    FleetBenchLane(FleetBenchModule module, LeshanPlatform platform, FleetBenchInbox inbox,
                   Consumer<String> failures) {
        this.module = module;
        this.platform = platform;
        this.inbox = inbox;
        this.failures = failures;
    }

    /** The MCU's start-up to event 6, and the platform's registration of that IMEI. */
    boolean register() {
        try {
            registration = module.register();
        } catch (RuntimeException | AssertionError e) {
            failures.accept(module.imei() + ": did not register: " + e.getMessage());
            return false;
        }
        endpoint = platform.deviceByImei(module.imei()).map(d -> d.endpoint()).orElse(null);
        if (endpoint == null) {
            failures.accept(module.imei() + ": event 6 came but the platform holds no registration of it");
            return false;
        }
        return true;
    }

    boolean registered() {
        return endpoint != null;
    }

    /** The platform reads {@link #PATH}: its time to the 2.05, or empty (a failure reported). */
    OptionalDouble read() {
        long t0 = System.nanoTime();
        PlatformResult r = platform.read(endpoint, PATH, WITHIN);
        long t1 = System.nanoTime();
        if (!r.isSuccess()) {
            failures.accept(module.imei() + ": read of " + PATH + ": " + r.describe());
            return OptionalDouble.empty();
        }
        lastDone = t1;
        return OptionalDouble.of((t1 - t0) / 1e6);
    }

    /** The platform observes {@link #PATH}, and the MCU holds that observation (so that it can notify it). */
    boolean observe() {
        PlatformResult r = platform.observe(endpoint, PATH, WITHIN);
        if (!r.isSuccess()) {
            failures.accept(module.imei() + ": observe of " + PATH + ": " + r.describe());
            return false;
        }
        try {
            module.awaitObserved(OBJECT_PATH, WITHIN);
            return true;
        } catch (RuntimeException | AssertionError e) {
            failures.accept(module.imei() + ": the MCU holds no observation of " + PATH + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * The MCU notifies {@link #PATH}: the time from the write of {@code AT+MIPLNOTIFY} to the platform's notification
     * record of this endpoint, or empty (a failure reported).
     */
    OptionalDouble notifyOnce() throws InterruptedException {
        long sent;
        try {
            sent = module.notifyObserved(OBJECT_PATH);
        } catch (RuntimeException | AssertionError e) {
            failures.accept(module.imei() + ": notify: " + e.getMessage());
            return OptionalDouble.empty();
        }
        long at = inbox.await(endpoint, sent, WITHIN);
        if (at < 0) {
            failures.accept(module.imei() + ": AT+MIPLNOTIFY answered OK but the platform recorded no notification"
                    + " of " + PATH + " within " + WITHIN);
            return OptionalDouble.empty();
        }
        lastDone = Math.max(lastDone, at);
        return OptionalDouble.of((at - sent) / 1e6);
    }

    /** AT+MIPLOPEN's write to event 6's last byte. */
    OptionalDouble registrationMs() {
        FleetBenchModule.Registration r = registration;
        return r == null ? OptionalDouble.empty() : OptionalDouble.of((r.event6Nanos() - r.openSentNanos()) / 1e6);
    }

    /** AT+MIPLOPEN's write to the platform's registration event of this endpoint. */
    OptionalDouble platformMs(Map<String, Long> registeredAt) {
        FleetBenchModule.Registration r = registration;
        Long at = endpoint == null ? null : registeredAt.get(endpoint);
        return r == null || at == null ? OptionalDouble.empty() : OptionalDouble.of((at - r.openSentNanos()) / 1e6);
    }
}
