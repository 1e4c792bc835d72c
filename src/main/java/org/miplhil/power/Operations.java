package org.miplhil.power;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs operations on one worker thread with a deadline each, so that a port that hangs in open(2) or write(2)
 * cannot hang the caller: the operation gets the deadline to plan its own waits by (and report what it awaited);
 * if it overruns anyway, the abort hook (closing the port) runs and the caller gets a
 * {@link PowerException.Kind#TIMEOUT}. One operation at a time.
 */
final class Operations implements AutoCloseable {

    /** Time the operation gets past its deadline to report its own, more precise, timeout. */
    private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /** When an operation must be over. */
    record Deadline(long endNanos, Duration total) {
        static Deadline after(Duration d) {
            return new Deadline(System.nanoTime() + d.toNanos(), d);
        }

        long remainingNanos() {
            return endNanos - System.nanoTime();
        }
    }

    /** An operation; its I/O exceptions become {@link PowerException.Kind#UNREACHABLE}. */
    @FunctionalInterface
    interface Op<T> {
        T run(Deadline deadline) throws Exception;
    }

    private final ExecutorService worker;

    Operations(String threadName) {
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "power " + threadName);
            t.setDaemon(true);
            return t;
        });
    }

    synchronized <T> T run(String driver, String target, PowerAction action, Duration timeout, Op<T> op,
                           Runnable abort) throws PowerException {
        Deadline deadline = Deadline.after(timeout);
        Future<T> future;
        try {
            future = worker.submit((Callable<T>) () -> op.run(deadline));
        } catch (RejectedExecutionException e) {
            throw new PowerException(driver, target, action, PowerException.Kind.UNREACHABLE, "the switch is closed");
        }
        try {
            return future.get(timeout.toNanos() + GRACE_NANOS, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abort.run();
            future.cancel(true);
            throw new PowerException(driver, target, action, PowerException.Kind.TIMEOUT,
                    "no result within " + text(timeout) + " (the port was closed; the next operation reopens it)");
        } catch (InterruptedException e) {
            abort.run();
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new PowerException(driver, target, action, PowerException.Kind.INTERRUPTED, "interrupted", e);
        } catch (ExecutionException e) {
            throw wrap(driver, target, action, e.getCause());
        }
    }

    static PowerException wrap(String driver, String target, PowerAction action, Throwable cause) {
        if (cause instanceof PowerException pe) {
            return pe;
        }
        if (cause instanceof InterruptedException) {
            return new PowerException(driver, target, action, PowerException.Kind.INTERRUPTED, "interrupted", cause);
        }
        if (cause instanceof IOException io) {
            return new PowerException(driver, target, action, PowerException.Kind.UNREACHABLE,
                    String.valueOf(io.getMessage()), io);
        }
        return new PowerException(driver, target, action, PowerException.Kind.UNREACHABLE,
                cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    /** Durations in messages: {@code 250 ms}, {@code 2 s}, {@code 1.5 s}. */
    static String text(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
