package org.miplhil.network;

import java.util.concurrent.atomic.AtomicLong;

/** The counts of one period between two applications of conditions; datagrams count into the period they arrived in. */
final class RelayCounters {

    final Side uplink = new Side();
    final Side downlink = new Side();

    Side side(boolean up) {
        return up ? uplink : downlink;
    }

    RelayStats snapshot() {
        return new RelayStats(uplink.snapshot(), downlink.snapshot());
    }

    static final class Side {
        final AtomicLong received = new AtomicLong();
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong duplicated = new AtomicLong();
        final AtomicLong reordered = new AtomicLong();

        RelayStats.Direction snapshot() {
            return new RelayStats.Direction(received.get(), delivered.get(), dropped.get(), duplicated.get(),
                    reordered.get());
        }
    }
}
