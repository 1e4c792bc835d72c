package org.miplhil.suite.run;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.Notification;
import org.miplhil.platform.PlatformListener;
import org.miplhil.platform.RequestLogEntry;
import org.miplhil.report.EventKind;
import org.miplhil.report.RunListener;

/**
 * Wakes the executor when the platform sees something (a registration, a notification, the outcome of a CoAP
 * request), so that platform expectations wait on a condition instead of polling; and puts what the platform sees
 * on the case's timeline (the platform's CoAP log of the report).
 * <p>
 * On a platform several modules share (a fleet), the watch listens through the module's
 * {@link org.miplhil.platform.DeviceScope}: it hears of the module's own device only, so another module's traffic
 * neither reaches the case's timeline nor wakes its waits.
 */
final class PlatformWatch implements PlatformListener {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile RunListener timeline;

    /** Where the platform's events go from now on (null: nowhere). */
    void timeline(RunListener listener) {
        this.timeline = listener;
    }

    @Override
    public void onEvent(DeviceEvent event) {
        RunListener t = timeline;
        if (t != null) {
            t.event(event.nanoTime(), EventKind.COAP_REQUEST, describe(event));
        }
        signal();
    }

    @Override
    public void onNotification(Notification n) {
        RunListener t = timeline;
        if (t != null) {
            t.event(n.nanoTime(), EventKind.COAP_RESPONSE, "notify " + n.path() + " " + n.code().dotted(),
                    n.values().toString());
        }
        signal();
    }

    @Override
    public void onRequest(RequestLogEntry entry) {
        RunListener t = timeline;
        if (t != null) {
            // told when the outcome is known: the request went out one duration earlier
            long now = System.nanoTime();
            t.event(now - entry.duration().toNanos(), EventKind.COAP_REQUEST,
                    entry.method() + " " + entry.uri(), entry.requestPayload());
            t.event(now, EventKind.COAP_RESPONSE, entry.outcome() + " " + entry.uri(), entry.responsePayload());
        }
        signal();
    }

    /** Wakes waiters (also used when a platform request the executor started completes). */
    void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@code done} is true or {@code deadlineNanos} ({@link System#nanoTime()}) passes; checks again on
     * every platform event.
     *
     * @return whether {@code done} became true
     */
    boolean await(BooleanSupplier done, long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (!done.getAsBoolean()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return done.getAsBoolean();
                }
                changed.await(left, TimeUnit.NANOSECONDS);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    static String describe(DeviceEvent e) {
        if (e instanceof DeviceEvent.Registered r) {
            return "register " + r.device().endpoint() + " lt=" + r.device().lifetimeSeconds() + " "
                    + r.device().objectLinks();
        }
        if (e instanceof DeviceEvent.Updated u) {
            return "update " + u.device().endpoint() + " lt=" + u.device().lifetimeSeconds();
        }
        if (e instanceof DeviceEvent.Deregistered d) {
            return (d.expired() ? "expired " : d.replaced() ? "replaced " : "deregister ") + d.endpoint();
        }
        DeviceEvent.BootstrapFinished b = (DeviceEvent.BootstrapFinished) e;
        return "bootstrap " + b.endpoint() + (b.success() ? " finished" : " failed: " + b.failure());
    }
}
