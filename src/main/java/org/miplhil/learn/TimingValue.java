package org.miplhil.learn;

import java.time.Duration;
import java.util.Optional;
import org.miplhil.yaml.Durations;

/**
 * How a measured time becomes a profile value: a measurement within the tolerance of the current value confirms it
 * (the harness, the pseudo-terminal and a loaded host add milliseconds that are no behaviour of the firmware), as
 * {@code response-delay.default} does; otherwise the measurement is written, in whole seconds when it lies that close
 * to one (the SDK counts its CoAP timers in seconds) and in milliseconds else.
 */
final class TimingValue {

    private TimingValue() {
    }

    /** The value to write for {@code measured} against the current value's text ({@code 2s}, {@code 1500ms}). */
    static String of(Duration measured, String current, Duration tolerance) {
        Optional<Duration> cur = Durations.parse(current);
        if (cur.isPresent() && measured.minus(cur.get()).abs().compareTo(tolerance) <= 0) {
            return current;
        }
        long ms = measured.toMillis();
        long seconds = Math.round(ms / 1000.0);
        if (seconds > 0 && Math.abs(ms - seconds * 1000) <= tolerance.toMillis()) {
            return seconds + "s";
        }
        return Durations.format(Duration.ofMillis(ms));
    }

    /** {@code 2013 ms}: a measurement in the evidence. */
    static String ms(Duration d) {
        return d.toMillis() + " ms";
    }
}
