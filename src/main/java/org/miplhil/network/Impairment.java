package org.miplhil.network;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the network does to the datagrams of one direction: each datagram is delayed by {@code delay} plus a uniform
 * random part within {@code ±jitter}, lost with probability {@code loss}, sent twice with probability
 * {@code duplicate}, held back behind the next one with probability {@code reorder}, and the direction carries at
 * most {@code rateBitsPerSecond} (0: no limit). Probabilities are fractions from 0 to 1.
 */
public record Impairment(Duration delay, Duration jitter, double loss, double duplicate, double reorder,
                         long rateBitsPerSecond) {

    /** A network that does nothing. */
    public static final Impairment NONE = new Impairment(Duration.ZERO, Duration.ZERO, 0, 0, 0, 0);

    public Impairment {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(jitter, "jitter");
        if (delay.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("delay and jitter cannot be negative: " + delay + ", " + jitter);
        }
        requireFraction("loss", loss);
        requireFraction("duplicate", duplicate);
        requireFraction("reorder", reorder);
        if (rateBitsPerSecond < 0) {
            throw new IllegalArgumentException("rate cannot be negative: " + rateBitsPerSecond);
        }
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a fraction from 0 to 1: " + value);
        }
    }

    public boolean isNone() {
        return equals(NONE);
    }

    /** For messages and reports: {@code delay 2s ±500ms, loss 15%, duplicate 5%, rate 20kbit} or {@code none}. */
    public String describe() {
        if (isNone()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        if (!delay.isZero() || !jitter.isZero()) {
            parts.add("delay " + millis(delay) + (jitter.isZero() ? "" : " ±" + millis(jitter)));
        }
        if (loss > 0) {
            parts.add("loss " + percent(loss));
        }
        if (duplicate > 0) {
            parts.add("duplicate " + percent(duplicate));
        }
        if (reorder > 0) {
            parts.add("reorder " + percent(reorder));
        }
        if (rateBitsPerSecond > 0) {
            parts.add("rate " + (rateBitsPerSecond % 1000 == 0 ? rateBitsPerSecond / 1000 + "kbit"
                    : rateBitsPerSecond + "bit"));
        }
        return String.join(", ", parts);
    }

    private static String millis(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static String percent(double fraction) {
        double p = fraction * 100;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
    }
}
