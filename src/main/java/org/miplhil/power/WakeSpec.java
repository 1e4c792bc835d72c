package org.miplhil.power;

import java.time.Duration;
import java.util.Objects;

/**
 * A rack's {@code wake:} channel: the switch wired to the module's PSM_EINT pin (a relay contact or a GPIO line that
 * pulls the pin to ground when closed) and how long one pulse holds it closed. Closing gives the falling edge that
 * wakes the module from deep sleep (AT+QSCLK=1); opening releases the pin.
 *
 * @param line  the switch (any driver of {@link PowerSpec}; {@code virtual} for the virtual module)
 * @param pulse how long the switch stays closed
 */
public record WakeSpec(PowerSpec line, Duration pulse) {

    /** Pulse length when the rack file does not say (assumed: the edge is what counts, not the width). */
    public static final Duration DEFAULT_PULSE = Duration.ofMillis(100);

    public WakeSpec {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(pulse, "pulse");
        if (pulse.isNegative() || pulse.isZero()) {
            throw new IllegalArgumentException("pulse must be longer than 0: " + pulse);
        }
    }
}
