package org.miplhil.link;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The reader-thread life cycle shared by every link: one thread, started once, that ends when the stream
 * ends, when it fails, or promptly after {@link #close()}.
 */
abstract class AbstractLink implements Link {

    /** How long close() waits for the reader thread before releasing the port anyway. */
    static final long READER_STOP_MILLIS = 2_000;

    private final String name;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile Thread reader;

    AbstractLink(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void start(LinkListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (closed.get()) {
            throw new IllegalStateException(name + " is closed");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException(name + " is already started");
        }
        Thread thread = new Thread(() -> runReader(listener), "link-reader " + name);
        thread.setDaemon(true);
        reader = thread;
        thread.start();
    }

    private void runReader(LinkListener listener) {
        Throwable cause = null;
        try {
            readLoop(listener);
        } catch (Throwable t) {
            if (!closed.get()) {
                cause = t;
            }
        }
        // The stream ended or broke by itself: the link is over either way.
        if (closed.compareAndSet(false, true)) {
            interruptReader();
            releaseOnce();
        }
        listener.onClosed(cause);
    }

    /**
     * Reads until {@link #isClosing()} or the end of the stream, handing every read to {@link #deliver}.
     * Returns normally at the end; throws what broke the stream.
     */
    protected abstract void readLoop(LinkListener listener) throws Exception;

    /** Makes a blocked {@link #readLoop} return promptly (called once, from close()). */
    protected abstract void interruptReader();

    /** Releases the port once the reader has stopped (or did not stop within {@link #READER_STOP_MILLIS}). */
    protected abstract void release();

    /** Builds the chunk for {@code count} bytes of {@code buffer} read at {@code nanoTime} and hands it over. */
    protected final void deliver(LinkListener listener, byte[] buffer, int count, long nanoTime) {
        byte[] bytes = new byte[count];
        System.arraycopy(buffer, 0, bytes, 0, count);
        listener.onChunk(new Chunk(bytes, nanoTime, Instant.now()));
    }

    protected final boolean isClosing() {
        return closed.get();
    }

    @Override
    public final boolean isOpen() {
        return !closed.get();
    }

    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                interruptReader();
            } catch (RuntimeException ignored) {
                // close never throws; release below still runs
            }
        }
        Thread thread = reader;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(READER_STOP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        releaseOnce();
    }

    private void releaseOnce() {
        if (released.compareAndSet(false, true)) {
            try {
                release();
            } catch (RuntimeException ignored) {
                // close never throws
            }
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + (isOpen() ? "" : ", closed") + "]";
    }
}
