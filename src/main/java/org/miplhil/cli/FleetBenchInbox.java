package org.miplhil.cli;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Notification;
import org.miplhil.platform.PlatformListener;

/**
 * The platform's notification records of one path, per endpoint, as they arrive ({@link Notification#nanoTime()}):
 * what {@code bench fleet} waits for after a module's {@code AT+MIPLNOTIFY}. Taken ones are gone, so the inbox stays
 * small however long the bench runs.
 */
final class FleetBenchInbox implements PlatformListener {

    private final NodePath path;
    private final Map<String, BlockingQueue<Long>> arrivals = new ConcurrentHashMap<>();

    FleetBenchInbox(NodePath path) {
        this.path = path;
    }

    @Override
    public void onNotification(Notification n) {
        if (path.equals(n.path())) {
            queue(n.endpoint()).add(n.nanoTime());
        }
    }

    /**
     * The arrival of the first notification of {@code endpoint} recorded at or after {@code sentNanos} within
     * {@code within}, earlier ones dropped; -1 when none came.
     */
    long await(String endpoint, long sentNanos, Duration within) throws InterruptedException {
        BlockingQueue<Long> q = queue(endpoint);
        long end = System.nanoTime() + within.toNanos();
        while (true) {
            Long at = q.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (at == null) {
                return -1;
            }
            if (at - sentNanos >= 0) {
                return at;
            }
        }
    }

    private BlockingQueue<Long> queue(String endpoint) {
        return arrivals.computeIfAbsent(endpoint, e -> new LinkedBlockingQueue<>());
    }
}
