package org.miplhil.power;

import java.util.Locale;

/** What was asked of a switch; named in every {@link PowerException} and power log entry. */
public enum PowerAction {
    ON, OFF, STATE, CYCLE,
    /** Opening the switch: its port, its program, its credentials. */
    OPEN;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PowerAction of(boolean on) {
        return on ? ON : OFF;
    }
}
