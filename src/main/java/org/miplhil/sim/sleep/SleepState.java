package org.miplhil.sim.sleep;

/**
 * The module's power-saving state (AT+QSCLK; docs/virtual-module.md "Sleep").
 * <ul>
 * <li>{@link #AWAKE}: the UART reads commands, the LwM2M client receives.</li>
 * <li>{@link #LIGHT_SLEEP}: idle mode after the RRC release; the main UART wakes it (the line is read), a downlink
 * (paging) wakes it.</li>
 * <li>{@link #DEEP_SLEEP}: PSM, {@code AT+QSCLK=1} only; the UART is dead (bytes are lost), nothing is received
 * from the network; the PSM_EINT falling edge and the module's own timers wake it.</li>
 * </ul>
 */
public enum SleepState {
    AWAKE, LIGHT_SLEEP, DEEP_SLEEP;

    /** The word suites and logs use: {@code awake}, {@code light}, {@code deep}. */
    public String word() {
        return switch (this) {
            case AWAKE -> "awake";
            case LIGHT_SLEEP -> "light";
            case DEEP_SLEEP -> "deep";
        };
    }
}
