package org.miplhil.platform.leshan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.miplhil.platform.Device;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Platform;
import org.miplhil.platform.PlatformResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What OneNET does after a registration (sources in docs/platform.md and docs/evidence.md, "OneNET's behaviour
 * towards a device"):
 * <ol>
 * <li>when the device's {@code obsv} is on, it observes every registered object instance
 * ({@code FAQ/register_questions.md} 4, {@code example/MCU_access_template.md});</li>
 * <li>when the product's automatic discover is on, it discovers every registered object (question 6; 7.2.1 of the
 * note shows {@code +MIPLDISCOVER: 0,<msgId>,<objId>} after the observes);</li>
 * <li>then it reads {@code /3/0}, the device's sign that the subscriptions are done (question 5;
 * {@code device-develop/archi_dev_access.md}: "read3_0").</li>
 * </ol>
 * After an update whose object links changed, the new instances get steps 1 and 2 (observe them, discover their
 * objects) and the observations under instances that are gone are dropped ({@code FAQ/nbprotocol_questions.md} 1,
 * {@code FAQ/register_questions.md} 7). No read of /3/0 follows an update: OneNET documents it after the
 * subscriptions of a registration only.
 * <p>
 * Requests go one at a time, each waiting for the answer (or the request timeout) before the next; the sequences of
 * one registration never overlap. Each device's sequence runs on a thread of its own: devices sharing the platform
 * (a fleet) never wait for each other's answers, and one device leaving a request unanswered delays no other
 * device's observes. A sequence stops when the device deregisters or registers again. Objects in the skip set
 * are neither observed nor discovered: by default 0 (Security) and 1 (Server), the LwM2M core, and 3 (Device), 4
 * (Connectivity Monitoring), 5 (Firmware Update) — the OneNET SDK serves those objects itself
 * ({@code ciscore/std_object/std_object.c}), so they never reach the MCU as URCs, while a Leshan-based client always
 * registers /3/0. A device whose MCU really added object 3 is handled by passing a skip set without 3.
 */
final class OneNetBehaviour implements AutoCloseable {

    static final Set<Integer> DEFAULT_SKIPPED_OBJECTS = Set.of(0, 1, 3, 4, 5);
    /** What OneNET reads once the subscriptions of a registration are done (register_questions.md 5). */
    static final NodePath DEVICE_INSTANCE = NodePath.instance(3, 0);
    private static final Logger LOG = LoggerFactory.getLogger(OneNetBehaviour.class);

    private final Platform platform;
    private final Supplier<DevicePolicy> policy;
    private final BiConsumer<String, NodePath> forgetObservationsUnder;
    private final Set<Integer> skipped;
    private final Duration timeout;
    /** Holds each sequence {@link #AFTER_REGISTRATION}, then hands it to {@link #workers}. */
    private final ScheduledExecutorService executor;
    /** Runs the sequences, a thread each (idle threads end after a minute). */
    private final ExecutorService workers;
    /** registration id → held while a sequence of that registration runs. */
    private final Map<String, ReentrantLock> sequences = new ConcurrentHashMap<>();

    /**
     * How long after the registration the first request goes. Leshan reports a registration when its 2.01 is handed
     * to Californium, not when it is on the wire, and the OneNET SDK ignores a request that reaches it before the
     * registration's answer ({@code management_handleRequest}, COAP_IGNORE; docs/lwm2m.md): sent at once, the
     * observe could overtake the 2.01 and be ignored until its retransmission 2-3 s later. OneNET's own requests
     * follow a registration over the network, never ahead of its answer.
     */
    static final Duration AFTER_REGISTRATION = Duration.ofMillis(100);

    /**
     * @param policy                  asked at each registration and update (it may change at run time)
     * @param forgetObservationsUnder drops, without a word to the device, the observations of an endpoint under a
     *                                path (an instance that an update no longer lists)
     */
    OneNetBehaviour(Platform platform, Supplier<DevicePolicy> policy, BiConsumer<String, NodePath> forgetObservationsUnder,
                    Set<Integer> skipped, Duration timeout) {
        this.platform = platform;
        this.policy = policy;
        this.forgetObservationsUnder = forgetObservationsUnder;
        this.skipped = Set.copyOf(skipped);
        this.timeout = timeout;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "onenet-behaviour-timer");
            t.setDaemon(true);
            return t;
        });
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "onenet-behaviour-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A (re-)registration: observe, discover, read /3/0. The previous registration's observations are gone. */
    void afterRegistration(Device device) {
        // forget the locks of registrations that are gone
        Set<String> current = new java.util.HashSet<>();
        platform.devices().forEach(d -> current.add(d.registrationId()));
        current.add(device.registrationId());
        sequences.keySet().retainAll(current);
        schedule(device, () -> run(device, device.objectInstances(), true));
    }

    /** An update: the instances it adds get observe and discover; the observations under removed ones are dropped. */
    void afterUpdate(Device before, Device after) {
        Set<NodePath> added = new LinkedHashSet<>(after.objectInstances());
        before.objectInstances().forEach(added::remove);
        Set<NodePath> removed = new LinkedHashSet<>(before.objectInstances());
        after.objectInstances().forEach(removed::remove);
        for (NodePath gone : removed) {
            forgetObservationsUnder.accept(after.endpoint(), gone);
        }
        if (!added.isEmpty()) {
            LOG.debug("update of {} adds {}, removes {}", after.endpoint(), added, removed);
            schedule(after, () -> run(after, List.copyOf(added), false));
        }
    }

    private void schedule(Device device, Runnable sequence) {
        try {
            executor.schedule(() -> {
                try {
                    workers.execute(sequence);
                } catch (RejectedExecutionException e) {
                    LOG.debug("platform closing, no OneNET-like requests for {}", device.endpoint());
                }
            }, AFTER_REGISTRATION.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("platform closing, no OneNET-like requests for {}", device.endpoint());
        }
    }

    private void run(Device device, List<NodePath> instances, boolean registration) {
        // one registration's sequences never overlap; a new registration does not wait for the old one's request
        ReentrantLock lock = sequences.computeIfAbsent(device.registrationId(), e -> new ReentrantLock());
        lock.lock();
        try {
            DevicePolicy p = policy.get();
            List<NodePath> toObserve = new ArrayList<>();
            Set<Integer> toDiscover = new LinkedHashSet<>();
            for (NodePath instance : instances) {
                if (!skipped.contains(instance.objId())) {
                    toObserve.add(instance);
                    toDiscover.add(instance.objId());
                }
            }
            if (p.observe(device.imei())) {
                for (NodePath instance : toObserve) {
                    if (!request(device, () -> platform.observe(device.endpoint(), instance, timeout))) {
                        return;
                    }
                }
            }
            if (p.discover(device.imei())) {
                for (int objId : toDiscover) {
                    if (!request(device, () -> platform.discover(device.endpoint(), NodePath.object(objId), timeout))) {
                        return;
                    }
                }
            }
            if (registration) {
                request(device, () -> platform.read(device.endpoint(), DEVICE_INSTANCE, timeout));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends one request unless the device is gone or registered again; false when the sequence must stop. */
    private boolean request(Device device, Supplier<PlatformResult> send) {
        if (!stillRegistered(device)) {
            return false;
        }
        PlatformResult r = send.get();
        LOG.debug("OneNET-like {}", r.describe());
        return true;
    }

    private boolean stillRegistered(Device device) {
        return !workers.isShutdown() && platform.device(device.endpoint())
                .map(d -> d.registrationId().equals(device.registrationId())).orElse(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        workers.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
