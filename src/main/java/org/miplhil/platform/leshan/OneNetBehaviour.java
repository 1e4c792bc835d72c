package org.miplhil.platform.leshan;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.miplhil.platform.Device;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Platform;
import org.miplhil.platform.PlatformResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What OneNET does after a registration: it observes every registered object instance, then discovers
 * every registered object. On the module this is {@code +MIPLEVENT: 0,6} followed by one
 * {@code +MIPLOBSERVE: 0,<msgId>,1,<objId>,<insId>,-1} per instance and then one
 * {@code +MIPLDISCOVER: 0,<msgId>,<objId>} per object (note 7.2.1; the WH-NB73 transcript in docs/evidence.md:
 * one observe per object, then discover).
 * <p>
 * Requests go one at a time, each waiting for the answer (or the request timeout) before the next: all
 * observes in registration order, then all discovers. A sequence stops when the device deregisters or
 * registers again. Objects in the skip set are left alone: by default 0 (Security) and 1 (Server), the
 * LwM2M core, and 3 (Device), 4 (Connectivity Monitoring), 5 (Firmware Update) — the OneNET SDK serves
 * those objects itself ({@code ciscore/std_object/std_object.c}), so they never reach the MCU as URCs,
 * while a Leshan-based client always registers /3/0. A device whose MCU really added object 3 is
 * handled by passing a skip set without 3.
 */
final class OneNetBehaviour implements AutoCloseable {

    static final Set<Integer> DEFAULT_SKIPPED_OBJECTS = Set.of(0, 1, 3, 4, 5);
    private static final Logger LOG = LoggerFactory.getLogger(OneNetBehaviour.class);

    private final Platform platform;
    private final Set<Integer> skipped;
    private final Duration timeout;
    private final ScheduledExecutorService executor;

    /**
     * How long after the registration the first request goes. Leshan reports a registration when its 2.01 is handed
     * to Californium, not when it is on the wire, and the OneNET SDK ignores a request that reaches it before the
     * registration's answer ({@code management_handleRequest}, COAP_IGNORE; docs/lwm2m.md): sent at once, the
     * observe could overtake the 2.01 and be ignored until its retransmission 2-3 s later. OneNET's own requests
     * follow a registration over the network, never ahead of its answer.
     */
    static final Duration AFTER_REGISTRATION = Duration.ofMillis(100);

    OneNetBehaviour(Platform platform, Set<Integer> skipped, Duration timeout) {
        this.platform = platform;
        this.skipped = Set.copyOf(skipped);
        this.timeout = timeout;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, "onenet-behaviour-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void afterRegistration(Device device) {
        try {
            executor.schedule(() -> run(device), AFTER_REGISTRATION.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("platform closing, no OneNET-like requests for {}", device.endpoint());
        }
    }

    private void run(Device device) {
        for (NodePath instance : device.objectInstances()) {
            if (skipped.contains(instance.objId())) {
                continue;
            }
            if (!stillRegistered(device)) {
                return;
            }
            PlatformResult r = platform.observe(device.endpoint(), instance, timeout);
            LOG.debug("OneNET-like {}", r.describe());
        }
        for (int objId : device.objectIds()) {
            if (skipped.contains(objId)) {
                continue;
            }
            if (!stillRegistered(device)) {
                return;
            }
            PlatformResult r = platform.discover(device.endpoint(), NodePath.object(objId), timeout);
            LOG.debug("OneNET-like {}", r.describe());
        }
    }

    private boolean stillRegistered(Device device) {
        return !executor.isShutdown() && platform.device(device.endpoint())
                .map(d -> d.registrationId().equals(device.registrationId())).orElse(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
