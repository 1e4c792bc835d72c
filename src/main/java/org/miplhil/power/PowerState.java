package org.miplhil.power;

/** Whether the module's supply is on. */
public enum PowerState {
    ON, OFF,
    /** Nobody knows: the switch cannot be read back and this process has not set it yet. */
    UNKNOWN;

    public static PowerState of(boolean on) {
        return on ? ON : OFF;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
