package org.miplhil.link;

import java.io.IOException;

/**
 * A byte stream to or from a module: a serial port, a pseudo-terminal, a TCP connection or an in-memory pipe.
 * One reader thread per link delivers every chunk with its arrival time; writes come from any thread.
 */
public interface Link extends AutoCloseable {

    /** A human-readable name, e.g. {@code /dev/pts/7}, {@code pipe:a}, {@code tcp:host:port}. */
    String name();

    /** Starts the one reader thread of this link. Bytes that arrive before this call are kept by the OS. */
    void start(LinkListener listener);

    /**
     * Writes all bytes, blocking until the OS has taken them.
     *
     * @return {@link System#nanoTime()} taken after the last byte was handed over
     */
    long write(byte[] bytes) throws IOException;

    boolean isOpen();

    /** Stops the reader thread and releases the port. Idempotent, never throws. */
    @Override
    void close();
}
