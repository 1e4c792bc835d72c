package org.miplhil.link;

import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An in-memory link whose peer is another PipeLink: what one writes, the other's reader thread delivers as one
 * chunk. Closing one end ends the other's stream (its reader reports an orderly end). For unit tests.
 */
public final class PipeLink extends AbstractLink {

    /** Both ends of a pipe. */
    public record Pair(PipeLink a, PipeLink b) implements AutoCloseable {
        @Override
        public void close() {
            a.close();
            b.close();
        }
    }

    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
    private PipeLink peer;

    private PipeLink(String name) {
        super(name);
    }

    /** Two connected ends, named {@code pipe:a} and {@code pipe:b}. */
    public static Pair pair() {
        return pair("pipe:a", "pipe:b");
    }

    public static Pair pair(String nameA, String nameB) {
        PipeLink a = new PipeLink(nameA);
        PipeLink b = new PipeLink(nameB);
        a.peer = b;
        b.peer = a;
        return new Pair(a, b);
    }

    @Override
    public long write(byte[] bytes) throws IOException {
        if (isClosing()) {
            throw new IOException(name() + " is closed");
        }
        if (!peer.isOpen()) {
            throw new IOException(name() + ": the other end (" + peer.name() + ") is closed");
        }
        if (bytes.length > 0) {
            peer.inbox.add(bytes.clone());
        }
        return System.nanoTime();
    }

    @Override
    protected void readLoop(LinkListener listener) throws InterruptedException {
        while (true) {
            byte[] bytes = inbox.take();
            long now = System.nanoTime();
            if (bytes == END) {
                return;
            }
            deliver(listener, bytes, bytes.length, now);
        }
    }

    @Override
    protected void interruptReader() {
        inbox.add(END);
        peer.inbox.add(END);
    }

    @Override
    protected void release() {
        // nothing held outside the heap
    }
}
