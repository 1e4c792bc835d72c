package org.miplhil.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Real loopback UDP ends for the relay's tests: a client socket and an echoing or recording server. */
final class UdpPeers {

    private UdpPeers() {
    }

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** One datagram as received, with when (System.nanoTime) and from where. */
    record Arrival(String text, long nanos, InetSocketAddress from) {
    }

    /** A socket on 127.0.0.1 whose received datagrams a thread queues; echoes them back when asked. */
    static final class Peer implements AutoCloseable {
        final DatagramSocket socket;
        final LinkedBlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
        private final Thread thread;
        private final boolean echo;

        Peer(boolean echo) {
            this.echo = echo;
            try {
                socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            thread = new Thread(this::run, "udp-peer");
            thread.setDaemon(true);
            thread.start();
        }

        static Peer echo() {
            return new Peer(true);
        }

        static Peer recorder() {
            return new Peer(false);
        }

        InetSocketAddress address() {
            return new InetSocketAddress(LOOPBACK, socket.getLocalPort());
        }

        void send(String text, InetSocketAddress to) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            try {
                socket.send(new DatagramPacket(b, b.length, to));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The next datagram within {@code within}, or null. */
        Arrival next(Duration within) throws InterruptedException {
            return arrivals.poll(within.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** Exactly what arrives until {@code count} did or {@code within} passed. */
        List<Arrival> take(int count, Duration within) throws InterruptedException {
            List<Arrival> got = new ArrayList<>();
            long deadline = System.nanoTime() + within.toNanos();
            while (got.size() < count) {
                long left = deadline - System.nanoTime();
                Arrival a = left <= 0 ? null : arrivals.poll(left, TimeUnit.NANOSECONDS);
                if (a == null) {
                    break;
                }
                got.add(a);
            }
            return got;
        }

        private void run() {
            byte[] buffer = new byte[65536];
            while (!socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                } catch (IOException e) {
                    return;
                }
                String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                arrivals.add(new Arrival(text, System.nanoTime(), (InetSocketAddress) p.getSocketAddress()));
                if (echo) {
                    try {
                        socket.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
                    } catch (IOException e) {
                        return;
                    }
                }
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
