package org.miplhil.sim.sleep;

/** What ended a sleep. */
public enum WakeCause {
    /** A falling edge on PSM_EINT: the only external wake-up of deep sleep (AT+QSCLK=1). */
    PSM_EINT,
    /** Bytes on the main UART: wakes light sleep only (AT+QSCLK=2); in deep sleep they are lost. */
    UART,
    /** The module's own timer, e.g. the lifetime update with auto_update=1 (3.3.1 remark 2). */
    TIMER,
    /** A request from the network in idle mode (paging): light sleep only; deep sleep (PSM) receives nothing. */
    DOWNLINK
}
