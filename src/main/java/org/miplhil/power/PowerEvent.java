package org.miplhil.power;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

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

    /** An action of a switch, as {@link #record} times it. */
    @FunctionalInterface
    interface Action<T> {
        T run() throws PowerException;
    }

    /** Runs {@code body}, hands its event (what, when, how long, the reading or the failure) to {@code listener}. */
    static <T> T record(String switchName, PowerAction action, Action<T> body, Consumer<PowerEvent> listener)
            throws PowerException {
        Instant at = Instant.now();
        long start = System.nanoTime();
        try {
            T result = body.run();
            listener.accept(new PowerEvent(switchName, action, at, start, Duration.ofNanos(System.nanoTime() - start),
                    result instanceof PowerReading r ? Optional.of(r) : Optional.empty(), Optional.empty()));
            return result;
        } catch (PowerException e) {
            listener.accept(new PowerEvent(switchName, action, at, start, Duration.ofNanos(System.nanoTime() - start),
                    Optional.empty(), Optional.of(e)));
            throw e;
        }
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
