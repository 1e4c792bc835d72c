package org.miplhil.link;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Test listener: keeps every chunk, the reader thread and how the link ended. */
final class Collector implements LinkListener {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<Chunk> chunks = new ArrayList<>();
    final AtomicReference<Thread> readerThread = new AtomicReference<>();
    private volatile boolean closed;
    private volatile Throwable cause;

    @Override
    public synchronized void onChunk(Chunk chunk) {
        readerThread.compareAndSet(null, Thread.currentThread());
        chunks.add(chunk);
        bytes.writeBytes(chunk.bytes());
    }

    @Override
    public void onClosed(Throwable causeOrNull) {
        readerThread.compareAndSet(null, Thread.currentThread());
        cause = causeOrNull;
        closed = true;
    }

    synchronized int size() {
        return bytes.size();
    }

    synchronized byte[] bytes() {
        return bytes.toByteArray();
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    synchronized List<Chunk> chunks() {
        return List.copyOf(chunks);
    }

    boolean closed() {
        return closed;
    }

    Throwable cause() {
        return cause;
    }
}
