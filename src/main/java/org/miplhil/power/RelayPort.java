package org.miplhil.power;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.miplhil.link.Chunk;
import org.miplhil.link.Link;
import org.miplhil.link.LinkListener;
import org.miplhil.link.SerialLink;
import org.miplhil.link.SerialSettings;
import org.miplhil.link.TcpLink;

/**
 * The serial port of a relay board, shared by every switch on that board (an LCUS-4 powers four racks through one
 * port): opened on first use and kept while a switch holds it, reopened after a failure (a USB relay unplugged and
 * plugged again comes back). Exchanges on one port run one at a time, each with its deadline. Bytes from the board
 * collect in a buffer that {@link #await} searches.
 */
final class RelayPort {

    private static final Map<String, RelayPort> SHARED = new HashMap<>();
    private static final long SETTLE_NANOS = 100_000_000L;

    private final String key;
    private final String port;
    private final int baud;
    private final Duration connectTimeout;
    private final Operations operations;
    private final Object lock = new Object();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private int holders;
    private long lastWriteEndNanos;
    private Link link;
    private Throwable linkEnd;
    private boolean linkEnded;

    private RelayPort(String key, String port, int baud, Duration connectTimeout) {
        this.key = key;
        this.port = port;
        this.baud = baud;
        this.connectTimeout = connectTimeout;
        this.operations = new Operations(port);
    }

    /** The port's shared instance; {@link #release()} once per call. */
    static RelayPort acquire(String port, int baud, Duration connectTimeout) {
        String key = key(port);
        synchronized (SHARED) {
            RelayPort p = SHARED.computeIfAbsent(key, k -> new RelayPort(k, port, baud, connectTimeout));
            p.holders++;
            return p;
        }
    }

    private static String key(String port) {
        if (port.startsWith("tcp:")) {
            return port;
        }
        try {
            return Path.of(port).toRealPath().toString(); // /dev/serial/by-id/... and /dev/ttyUSB0 are one port
        } catch (IOException | RuntimeException e) {
            return port;
        }
    }

    void release() {
        synchronized (SHARED) {
            if (--holders > 0) {
                return;
            }
            SHARED.remove(key, this);
        }
        operations.close();
        settle();
        reset();
    }

    /**
     * Waits until the last frame can have left the wire: jSerialComm's close discards (TCIOFLUSH) what the UART,
     * or the other side of a pseudo-terminal, has not taken yet, and a CLI that switches and exits would lose it.
     */
    private void settle() {
        long wait;
        synchronized (lock) {
            wait = lastWriteEndNanos - System.nanoTime();
        }
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Runs one exchange with the board.
     *
     * @param baud the switch's baud rate; a port shared at another rate is a configuration error
     */
    <T> T run(String driver, String target, PowerAction action, int baud, Duration timeout, Operations.Op<T> op)
            throws PowerException {
        if (baud != this.baud) {
            throw new PowerException(driver, target, action, PowerException.Kind.CONFIGURATION,
                    port + " is already in use at " + this.baud + " baud, not " + baud);
        }
        return operations.run(driver, target, action, timeout, op, this::reset);
    }

    /** Forgets what the board sent so far (stale prompts, replies to someone else's command). */
    void discardInput() {
        synchronized (lock) {
            received.reset();
        }
    }

    void write(byte[] bytes) throws IOException {
        Link l = open();
        try {
            long written = l.write(bytes);
            // 10 bits a byte on the wire, plus USB and scheduling latency
            long onWire = bytes.length * 10L * 1_000_000_000L / Math.max(1, baud);
            synchronized (lock) {
                lastWriteEndNanos = written + onWire + SETTLE_NANOS;
            }
        } catch (IOException e) {
            reset();
            throw e;
        }
    }

    /**
     * Waits until {@code complete} accepts what arrived since the last {@link #discardInput()}, and returns it.
     *
     * @param what   what is awaited, for the failure message ("the echo and the '>' prompt")
     * @param render how to show what arrived instead (hex for binary boards, text for text boards)
     */
    byte[] await(String driver, String target, PowerAction action, Predicate<byte[]> complete,
                 Operations.Deadline deadline, String what, Function<byte[], String> render) throws PowerException {
        synchronized (lock) {
            while (true) {
                byte[] now = received.toByteArray();
                if (complete.test(now)) {
                    return now;
                }
                if (linkEnded) {
                    throw new PowerException(driver, target, action, PowerException.Kind.UNREACHABLE,
                            "the port closed while waiting for " + what
                                    + (linkEnd == null ? "" : " (" + linkEnd.getMessage() + ")")
                                    + "; received " + (now.length == 0 ? "nothing" : render.apply(now)));
                }
                long left = deadline.remainingNanos();
                if (left <= 0) {
                    throw new PowerException(driver, target, action, PowerException.Kind.TIMEOUT,
                            "waited " + Operations.text(deadline.total()) + " for " + what + ", received "
                                    + (now.length == 0 ? "nothing" : render.apply(now)));
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PowerException(driver, target, action, PowerException.Kind.INTERRUPTED,
                            "interrupted while waiting for " + what, e);
                }
            }
        }
    }

    private Link open() throws IOException {
        synchronized (lock) {
            if (link != null && link.isOpen() && !linkEnded) {
                return link;
            }
        }
        Link opened = port.startsWith("tcp:") ? tcp() : SerialLink.open(SerialSettings.of(port, baud));
        synchronized (lock) {
            link = opened;
            linkEnded = false;
            linkEnd = null;
            received.reset();
        }
        opened.start(new LinkListener() {
            @Override
            public void onChunk(Chunk chunk) {
                synchronized (lock) {
                    if (link == opened) {
                        received.writeBytes(chunk.bytes());
                        lock.notifyAll();
                    }
                }
            }

            @Override
            public void onClosed(Throwable causeOrNull) {
                synchronized (lock) {
                    if (link == opened) {
                        linkEnded = true;
                        linkEnd = causeOrNull;
                        lock.notifyAll();
                    }
                }
            }
        });
        return opened;
    }

    private Link tcp() throws IOException {
        String rest = port.substring(4);
        int colon = rest.lastIndexOf(':');
        if (colon <= 0 || !rest.substring(colon + 1).matches("\\d{1,5}")) {
            throw new IOException("'" + port + "' is not tcp:HOST:PORT");
        }
        String host = rest.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return TcpLink.connect(host, Integer.parseInt(rest.substring(colon + 1)), connectTimeout);
    }

    /** Closes the port; the next exchange opens it again. Safe from any thread (the deadline's abort hook). */
    void reset() {
        Link l;
        synchronized (lock) {
            l = link;
            link = null;
            linkEnded = false;
            lock.notifyAll();
        }
        if (l != null) {
            l.close();
        }
    }
}
