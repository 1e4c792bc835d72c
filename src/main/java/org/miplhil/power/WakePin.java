package org.miplhil.power;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The module's PSM_EINT pin behind a switch: {@link #pulse()} closes the switch (the pin goes low: the falling edge
 * that wakes deep sleep), holds it for the pulse length, and opens it again. For the virtual module the switch is its
 * wake input ({@link #virtual}).
 */
public final class WakePin implements AutoCloseable {

    private final PowerSwitch line;
    private final Duration pulse;

    public WakePin(PowerSwitch line, Duration pulse) {
        this.line = Objects.requireNonNull(line, "line");
        this.pulse = Objects.requireNonNull(pulse, "pulse");
    }

    /** The pin of a rack's {@code wake:} channel; {@code virtualPin} pulls the virtual module's (virtual driver). */
    public static WakePin open(WakeSpec spec, Map<String, String> environment, Optional<Runnable> virtualPin)
            throws PowerException {
        Optional<PowerInput> input = virtualPin.map(WakePin::input);
        return new WakePin(PowerSwitches.open(spec.line(), environment, input), spec.pulse());
    }

    /** The virtual module's pin: {@code pull} is its falling edge ({@code VirtualModule::pullWakePin}). */
    public static WakePin virtual(Runnable pull) {
        return new WakePin(new VirtualPowerSwitch(input(pull), "virtual module PSM_EINT", PowerSpec.DEFAULT_TIMEOUT),
                WakeSpec.DEFAULT_PULSE);
    }

    /** Closing pulls the pin low (the edge), opening releases it. */
    private static PowerInput input(Runnable pull) {
        boolean[] closed = {false};
        return PowerInput.of(() -> closed[0] = false, () -> {
            closed[0] = true;
            pull.run();
        }, () -> closed[0]);
    }

    /**
     * Close, hold for the pulse, open. Interrupted during the hold, the switch is opened before the exception: a
     * pulse never leaves the pin held low.
     */
    public void pulse() throws PowerException {
        line.on();
        try {
            // holding the pin low is the point here, not waiting for something
            Thread.sleep(pulse.toMillis(), pulse.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            line.off();
            Thread.currentThread().interrupt();
            throw new PowerException(line.driver(), line.target(), PowerAction.CYCLE, PowerException.Kind.INTERRUPTED,
                    "interrupted while holding PSM_EINT low; the pin was released", e);
        }
        line.off();
    }

    public Duration pulseLength() {
        return pulse;
    }

    /** {@code driver target}, for messages. */
    public String describe() {
        return line.describe();
    }

    @Override
    public void close() {
        line.close();
    }
}
