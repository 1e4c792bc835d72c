package org.miplhil.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** A raw TCP connection to a serial server (ser2net style): the bytes of the UART, nothing else. */
public final class TcpLink extends AbstractLink {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private static final int READ_BUFFER = 4096;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Object writeLock = new Object();

    private TcpLink(String name, Socket socket) throws IOException {
        super(name);
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static TcpLink connect(String host, int port) throws IOException {
        return connect(host, port, DEFAULT_CONNECT_TIMEOUT);
    }

    /** Connects within {@code timeout}; the exception names the address. */
    public static TcpLink connect(String host, int port, Duration timeout) throws IOException {
        String name = "tcp:" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            return new TcpLink(name, socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // reporting the connect failure matters more
            }
            throw new IOException("cannot connect to " + name + " within " + timeout.toMillis() + " ms: " + e.getMessage(), e);
        }
    }

    @Override
    protected void readLoop(LinkListener listener) throws IOException {
        byte[] buffer = new byte[READ_BUFFER];
        while (!isClosing()) {
            int count = in.read(buffer);
            long now = System.nanoTime();
            if (count < 0) {
                return;
            }
            if (count > 0) {
                deliver(listener, buffer, count, now);
            }
        }
    }

    @Override
    public long write(byte[] bytes) throws IOException {
        synchronized (writeLock) {
            if (isClosing()) {
                throw new IOException(name() + " is closed");
            }
            WriteWatchdog.Guard guard = WriteWatchdog.guard(this);
            try (guard) {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw guard.fired() ? new IOException(name() + ": write failed: " + guard.reason(), e) : e;
            }
            return System.nanoTime();
        }
    }

    @Override
    protected void interruptReader() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we can do
        }
    }

    @Override
    protected void release() {
        interruptReader();
    }
}
