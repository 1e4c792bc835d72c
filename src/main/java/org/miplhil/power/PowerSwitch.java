package org.miplhil.power;

import java.time.Duration;
import java.util.Objects;

/**
 * A switch in a module's supply. Each operation ends within the switch's deadline or throws a
 * {@link PowerException}; {@code on()} and {@code off()} return once the device accepted the command (and, for
 * switches that can be read back and verify, once it reports the new state).
 */
public interface PowerSwitch extends AutoCloseable {

    /** The driver's name as written in rack files ({@code lcus}, {@code numato}, {@code http}, ...). */
    String driver();

    /** Where the switch is: port and channel, host, chip and line, command. Never a credential. */
    String target();

    void on() throws PowerException;

    void off() throws PowerException;

    PowerReading state() throws PowerException;

    /**
     * Off, hold off for {@code offTime}, on. If the thread is interrupted during the hold, power is restored
     * before the exception is thrown: a cycle never leaves the module off.
     */
    default void cycle(Duration offTime) throws PowerException {
        Objects.requireNonNull(offTime, "offTime");
        if (offTime.isNegative()) {
            throw new IllegalArgumentException("off time must not be negative: " + offTime);
        }
        off();
        try {
            // holding the supply off is the point here, not waiting for something
            Thread.sleep(offTime.toMillis(), offTime.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            on();
            Thread.currentThread().interrupt();
            throw new PowerException(driver(), target(), PowerAction.CYCLE, PowerException.Kind.INTERRUPTED,
                    "interrupted while holding power off; power was switched on again", e);
        }
        on();
    }

    /** {@code driver target}, for messages and logs. */
    default String describe() {
        return driver() + " " + target();
    }

    /** Releases the port or process the switch holds; never throws. Does not change the supply. */
    @Override
    default void close() {
    }
}
