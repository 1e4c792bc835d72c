package org.miplhil.power;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One power action as it happened, for transcripts and reports: what was asked of which switch, when, how long
 * it took, and what came of it.
 *
 * @param switchName  {@code driver target}, e.g. {@code lcus /dev/ttyUSB1 channel 1}
 * @param startNanos  {@code System.nanoTime()} when the action began (the clock of the link's chunks)
 * @param took        how long the switch took to do it
 * @param reading     the state read, for {@link PowerAction#STATE}
 * @param failure     why it failed, if it did
 */
public record PowerEvent(String switchName, PowerAction action, Instant startedAt, long startNanos, Duration took,
                         Optional<PowerReading> reading, Optional<PowerException> failure) {

    public PowerEvent {
        Objects.requireNonNull(switchName, "switchName");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(failure, "failure");
    }

    public boolean succeeded() {
        return failure.isEmpty();
    }

    @Override
    public String toString() {
        return "power " + action + " (" + switchName + "): "
                + failure.map(f -> "failed: " + f.kind() + ": " + f.detail())
                        .orElseGet(() -> reading.map(PowerReading::toString).orElse("done"))
                + " in " + took.toMillis() + " ms";
    }
}
