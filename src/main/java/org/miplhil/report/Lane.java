package org.miplhil.report;

/** A row of the timeline picture: one per direction or source. */
public enum Lane {
    COMMANDS("MCU -> module"),
    REPLIES("module -> MCU"),
    URCS("URCs"),
    PLATFORM("platform CoAP"),
    POWER("power"),
    PHASES("phases / marks"),
    DEADLINES("deadlines");

    private final String label;

    Lane(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
