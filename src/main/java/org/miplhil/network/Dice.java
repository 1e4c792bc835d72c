package org.miplhil.network;

import java.util.SplittableRandom;

/**
 * The decisions of one direction, one datagram at a time, from a seeded generator: every datagram draws the same
 * four numbers (loss, jitter, duplicate, reorder) whatever the conditions, so two relays with one seed that see the
 * same datagrams decide the same. The direction is one link: with a rate, a datagram of N bytes occupies it for
 * N*8/rate seconds after the one before it has left (serialisation), then travels for delay ± jitter.
 * Not thread-safe: the relay calls it from its receiving thread only.
 */
final class Dice {

    /** What happens to one datagram. {@code departures} holds 1 or 2 times (a duplicate), nanoTime-based. */
    record Decision(boolean lost, long[] departures, boolean hold) {
        int copies() {
            return lost ? 0 : departures.length;
        }
    }

    private final long seed;
    private SplittableRandom random;
    private long linkFreeAt = Long.MIN_VALUE;

    Dice(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** Starts the sequence again from the seed (conditions applied: each application decides alike). */
    void reset() {
        random = new SplittableRandom(seed);
    }

    /**
     * @param holdAllowed false while a datagram of this direction is already held back: only one at a time, so a
     *                    held datagram always has a later one to go behind
     */
    Decision decide(Impairment i, int size, long now, boolean holdAllowed) {
        double lossDraw = random.nextDouble();
        double jitterDraw = random.nextDouble();
        double duplicateDraw = random.nextDouble();
        double reorderDraw = random.nextDouble();
        if (lossDraw < i.loss()) {
            return new Decision(true, new long[0], false);
        }
        long delay = Math.max(0, i.delay().toNanos()
                + Math.round((jitterDraw * 2 - 1) * i.jitter().toNanos()));
        boolean duplicate = duplicateDraw < i.duplicate();
        long[] departures = new long[duplicate ? 2 : 1];
        for (int copy = 0; copy < departures.length; copy++) {
            departures[copy] = leaves(i.rateBitsPerSecond(), size, now) + delay;
        }
        return new Decision(false, departures, holdAllowed && reorderDraw < i.reorder());
    }

    /** When a datagram of {@code size} bytes has been put on the link: at once without a rate. */
    private long leaves(long rate, int size, long now) {
        if (rate <= 0) {
            return now;
        }
        long transmit = (long) Math.ceil(size * 8.0 * 1_000_000_000L / rate);
        long start = linkFreeAt == Long.MIN_VALUE || linkFreeAt - now < 0 ? now : linkFreeAt;
        linkFreeAt = start + transmit;
        return linkFreeAt;
    }
}
