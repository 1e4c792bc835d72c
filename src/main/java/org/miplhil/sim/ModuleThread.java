package org.miplhil.sim;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The virtual module's one thread: framing, the interpreter, the output, timers and registrar events all run here,
 * so commands are answered one at a time and every line goes out whole. A timer belongs to the power-on period it
 * was set in (the epoch): a power cycle drops it.
 */
final class ModuleThread {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleThread.class);

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final ScheduledThreadPoolExecutor executor;
    private final Consumer<String> problem;
    private volatile Thread thread;
    private volatile boolean closed;
    /** Module-thread only: counts power cycles. */
    private int epoch;

    ModuleThread(String name, Consumer<String> problem) {
        this.problem = problem;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        this.executor.setRemoveOnCancelPolicy(true);
    }

    /** The current power-on period. */
    int epoch() {
        return epoch;
    }

    /** A power cycle: the timers set before it are dropped. */
    void nextEpoch() {
        epoch++;
    }

    boolean closed() {
        return closed;
    }

    /** Runs later on the module thread; nothing once closed. */
    void submit(Runnable task) {
        try {
            executor.execute(() -> guarded(task));
        } catch (RejectedExecutionException e) {
            // closed: the module no longer exists
        }
    }

    /** Runs on the module thread and waits for it (directly when already there). */
    void call(Runnable task) {
        if (Thread.currentThread() == thread) {
            task.run();
            return;
        }
        if (closed) {
            throw new IllegalStateException("the virtual module is closed");
        }
        Future<?> f = executor.submit(() -> guarded(task));
        try {
            f.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("virtual module did not act within " + CALL_TIMEOUT + ": " + e, e);
        }
    }

    /** Runs later on the module thread, unless the power was cycled meanwhile; null once closed. */
    ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        int e = epoch;
        try {
            return executor.schedule(() -> guarded(() -> {
                if (e == epoch) {
                    task.run();
                }
            }), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException ex) {
            return null;
        }
    }

    static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    /** Stops the thread; later tasks are dropped. */
    void shutdown() {
        closed = true;
        executor.shutdownNow();
    }

    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            problem.accept("virtual module: " + e);
            LOG.warn("virtual module: a task on the module thread failed", e);
        }
    }
}
