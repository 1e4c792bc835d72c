package org.miplhil.sim.lwm2m;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.leshan.client.LeshanClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar's clients being destroyed. Californium may wait for its threads, so a client is destroyed on a thread
 * of its own (never on the registrar's timer, which serves the next registration); {@link #awaitAll} lets the
 * registrar's shutdown stop its own timer only after every client's endpoints and executors have stopped, so
 * nothing of a client still running schedules on a terminated timer.
 */
final class ClientTeardown {

    private static final Logger LOG = LoggerFactory.getLogger(ClientTeardown.class);

    private final Set<Thread> running = new HashSet<>();

    /** Destroys the client on a thread of its own (without deregistering: the engine decided that already). */
    void destroy(LeshanClient client, String endpointName) {
        Thread t = new Thread(() -> {
            try {
                client.destroy(false);
            } catch (RuntimeException ex) {
                LOG.debug("destroying the LwM2M client: {}", ex.toString());
            } finally {
                synchronized (running) {
                    running.remove(Thread.currentThread());
                }
            }
        }, "lwm2m-teardown " + endpointName);
        t.setDaemon(true);
        synchronized (running) {
            running.add(t);
        }
        t.start();
    }

    /** Waits until every client started so far is destroyed, at most {@code deadline}; false if one is still going. */
    boolean awaitAll(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        Set<Thread> now;
        synchronized (running) {
            now = Set.copyOf(running);
        }
        for (Thread t : now) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                t.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        boolean done = now.stream().noneMatch(Thread::isAlive);
        if (!done) {
            LOG.warn("LwM2M clients still being destroyed after {}", deadline);
        }
        return done;
    }
}
