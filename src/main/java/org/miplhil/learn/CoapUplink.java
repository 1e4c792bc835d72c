package org.miplhil.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.miplhil.network.ImpairmentRelay;

/**
 * The module's datagrams as the impairment relay receives them (before its conditions lose them), read as CoAP
 * headers (RFC 7252, 3): what {@link Lwm2mProbes} times the module's retransmissions with. Thread-safe; waits have
 * deadlines.
 */
final class CoapUplink implements ImpairmentRelay.Tap {

    /** RFC 7252, 3: type 0 confirmable. */
    static final int CON = 0;
    /** 2.05 Content: a notification. */
    static final int CONTENT = 0x45;
    /** 0.02 POST: Register, Update. */
    static final int POST = 0x02;
    /** 0.04 DELETE: De-register. */
    static final int DELETE = 0x04;

    /** One CoAP message off the wire: its arrival, type, code and message ID. */
    record Message(long nanoTime, int type, int code, int mid) {

        /** {@code CON 2.05 mid 4711}. */
        String describe() {
            String t = switch (type) {
                case 0 -> "CON";
                case 1 -> "NON";
                case 2 -> "ACK";
                default -> "RST";
            };
            return t + " " + (code >> 5) + "." + String.format("%02d", code & 0x1f) + " mid " + mid;
        }
    }

    private final List<Message> uplink = new ArrayList<>();

    @Override
    public void datagram(boolean up, long nanoTime, byte[] bytes) {
        if (!up) {
            return;
        }
        parse(nanoTime, bytes).ifPresent(m -> {
            synchronized (this) {
                uplink.add(m);
                notifyAll();
            }
        });
    }

    /** The header of a CoAP datagram; empty for anything that is not CoAP version 1. Never throws. */
    static Optional<Message> parse(long nanoTime, byte[] b) {
        if (b.length < 4 || (b[0] & 0xC0) != 0x40) {
            return Optional.empty();
        }
        return Optional.of(new Message(nanoTime, (b[0] >> 4) & 0x3, b[1] & 0xff, ((b[2] & 0xff) << 8) | (b[3] & 0xff)));
    }

    /** The copies of the first confirmable message {@code which} accepts: its transmissions, in order. */
    synchronized List<Message> transmissions(Predicate<Message> which) {
        Optional<Message> first = uplink.stream().filter(m -> m.type() == CON && which.test(m)).findFirst();
        return first.map(f -> uplink.stream().filter(m -> m.type() == CON && m.code() == f.code() && m.mid() == f.mid())
                .toList()).orElse(List.of());
    }

    /** Waits until {@code n} transmissions of the first such message were seen, or until {@code deadlineNanos}. */
    synchronized List<Message> await(Predicate<Message> which, int n, long deadlineNanos) {
        while (true) {
            List<Message> seen = transmissions(which);
            long left = deadlineNanos - System.nanoTime();
            if (seen.size() >= n || left <= 0) {
                return seen;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return seen;
            }
        }
    }

    synchronized List<Message> all() {
        return List.copyOf(uplink);
    }
}
