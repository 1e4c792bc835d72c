package org.miplhil.sim.lwm2m;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A LwM2M server written in the test with nothing but a UDP socket, the way a simple independent server works: it
 * takes any POST as a Register (2.01, Location /rd/1), and sends its own requests confirmable, retransmitting the
 * same datagram until a message with that message ID comes back. It matches answers by message ID only, so an
 * empty ACK would end its wait with no answer. Every datagram the client sends is kept.
 */
final class RawCoapServer implements AutoCloseable {

    static final int CON = 0;
    static final int ACK = 2;

    /** One datagram received: type, code (class × 32 + detail), message ID, payload. */
    record Message(int type, int code, int mid, byte[] token, byte[] payload) {
        boolean emptyAck() {
            return type == ACK && code == 0;
        }

        String codeText() {
            return (code >> 5) + "." + String.format("%02d", code & 31);
        }

        @Override
        public String toString() {
            return "type " + type + " " + codeText() + " mid " + mid + " payload " + payload.length + " bytes";
        }
    }

    private final DatagramSocket socket;
    private final Thread reader;
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextMid = new AtomicInteger(0x4000);
    private volatile InetSocketAddress client;

    RawCoapServer() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        reader = new Thread(this::read, "raw-coap-server");
        reader.setDaemon(true);
        reader.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    List<Message> received() {
        return List.copyOf(received);
    }

    /** Whether a client has registered. */
    boolean registered() {
        return client != null;
    }

    private void read() {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            Optional<Message> m = parse(Arrays.copyOf(p.getData(), p.getLength()));
            if (m.isEmpty()) {
                continue;
            }
            synchronized (received) {
                received.add(m.get());
                received.notifyAll();
            }
            if (m.get().type() == CON && m.get().code() == 2) { // POST: Register or Update
                client = (InetSocketAddress) p.getSocketAddress();
                ByteArrayOutputStream out = header(ACK, 65, m.get().mid(), m.get().token()); // 2.01 Created
                option(out, 8, 0, "rd"); // Location-Path
                option(out, 0, 0, "1");
                send(out.toByteArray(), p.getSocketAddress());
            }
        }
    }

    /**
     * Sends a confirmable GET of {@code path} to the registered client, again every {@code every} with the same
     * message ID, until a message with that ID arrives or {@code deadline} passes. Returns that message, if any,
     * and the transmissions it took.
     */
    Optional<Message> get(String path, Duration every, Duration deadline, AtomicInteger transmissions)
            throws InterruptedException {
        int mid = nextMid.getAndIncrement() & 0xFFFF;
        ByteArrayOutputStream out = header(CON, 1, mid, new byte[] {0x5A, (byte) mid});
        int last = 0;
        for (String segment : path.replaceFirst("^/", "").split("/")) {
            option(out, 11 - last, 0, segment); // Uri-Path
            last = 11;
        }
        byte[] datagram = out.toByteArray();
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            send(datagram, client);
            transmissions.incrementAndGet();
            long next = Math.min(end, System.nanoTime() + every.toNanos());
            synchronized (received) {
                for (long left; (left = next - System.nanoTime()) > 0; ) {
                    Optional<Message> answer = received.stream().filter(m -> m.mid() == mid && m.type() != CON)
                            .findFirst();
                    if (answer.isPresent()) {
                        return answer;
                    }
                    received.wait(Math.max(1, left / 1_000_000)); // woken by every datagram
                }
            }
        }
        return Optional.empty();
    }

    private static ByteArrayOutputStream header(int type, int code, int mid, byte[] token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x40 | type << 4 | token.length);
        out.write(code);
        out.write(mid >> 8 & 0xFF);
        out.write(mid & 0xFF);
        out.writeBytes(token);
        return out;
    }

    private static void option(ByteArrayOutputStream out, int delta, int unused, String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        out.write(delta << 4 | v.length); // deltas and lengths below 13 only
        out.writeBytes(v);
    }

    private void send(byte[] datagram, java.net.SocketAddress to) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 7252 3: header, token, options (skipped), payload after 0xFF. Empty for anything unparsable. */
    static Optional<Message> parse(byte[] d) {
        if (d.length < 4 || (d[0] & 0xC0) != 0x40) {
            return Optional.empty();
        }
        int type = d[0] >> 4 & 3;
        int tkl = d[0] & 0x0F;
        int code = d[1] & 0xFF;
        int mid = (d[2] & 0xFF) << 8 | d[3] & 0xFF;
        int i = 4 + tkl;
        if (i > d.length) {
            return Optional.empty();
        }
        byte[] token = Arrays.copyOfRange(d, 4, i);
        while (i < d.length && (d[i] & 0xFF) != 0xFF) {
            int delta = d[i] >> 4 & 0x0F;
            int len = d[i] & 0x0F;
            i++;
            if (delta == 13) {
                i++;
            } else if (delta == 14) {
                i += 2;
            }
            if (len == 13) {
                len = (d[i] & 0xFF) + 13;
                i++;
            } else if (len == 14) {
                len = ((d[i] & 0xFF) << 8 | d[i + 1] & 0xFF) + 269;
                i += 2;
            }
            i += len;
        }
        byte[] payload = i < d.length ? Arrays.copyOfRange(d, i + 1, d.length) : new byte[0];
        return Optional.of(new Message(type, code, mid, token, payload));
    }

    @Override
    public void close() {
        socket.close();
    }
}
