package org.miplhil.link;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds a blocking write: if it has not returned by the deadline, the link is closed, which makes the write return.
 * A serial port held by flow control or a TCP peer that stopped reading would otherwise hang the caller for ever
 * (jSerialComm's write timeout does not bound a blocked write(2) on Linux).
 */
final class WriteWatchdog {

    /** A write the device does not take in this time fails instead of hanging. */
    static final int DEADLINE_MS = 5_000;

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "link-write-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** A write in progress; {@link #fired()} tells whether the deadline closed the link. */
    static final class Guard implements AutoCloseable {
        private final ScheduledFuture<?> task;
        private volatile boolean fired;

        private Guard(Link link) {
            task = TIMER.schedule(() -> {
                fired = true;
                link.close();
            }, DEADLINE_MS, TimeUnit.MILLISECONDS);
        }

        boolean fired() {
            return fired;
        }

        /** The reason to put in the exception when the deadline closed the link. */
        String reason() {
            return "the device took nothing more within " + DEADLINE_MS
                    + " ms (flow control held, or nobody reading); the link is closed";
        }

        @Override
        public void close() {
            task.cancel(false);
        }
    }

    private WriteWatchdog() {}

    static Guard guard(Link link) {
        return new Guard(link);
    }
}
