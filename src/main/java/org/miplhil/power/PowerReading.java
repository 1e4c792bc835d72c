package org.miplhil.power;

import java.util.Objects;

/**
 * The answer to {@link PowerSwitch#state()}: the state, and where it comes from — read back from the device,
 * or only the last command this process sent (boards that cannot report, such as LCUS relays).
 *
 * @param state  on, off or unknown
 * @param origin read back or tracked
 * @param note   why the state is only tracked (empty when read back)
 */
public record PowerReading(PowerState state, Origin origin, String note) {

    public enum Origin {
        /** The device reported it. */
        READ_BACK,
        /** The last command sent by this process; the device cannot be asked. */
        TRACKED
    }

    public PowerReading {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(origin, "origin");
        note = note == null ? "" : note;
    }

    public static PowerReading readBack(PowerState state) {
        return new PowerReading(state, Origin.READ_BACK, "");
    }

    public static PowerReading tracked(PowerState state, String note) {
        return new PowerReading(state, Origin.TRACKED, note);
    }

    @Override
    public String toString() {
        return origin == Origin.READ_BACK ? state + " (read back)" : state + " (tracked: " + note + ")";
    }
}
