package org.miplhil.report;

/** What a timeline event is; it decides the lane. */
public enum EventKind {
    /** A command line the MCU sent (TX). */
    COMMAND(Lane.COMMANDS),
    /** OK, ERROR, +CIS ERROR: n, +CME ERROR: n (RX). */
    FINAL_RESULT(Lane.REPLIES),
    /** An information response line of a command (RX). */
    INFORMATION(Lane.REPLIES),
    /** Garbage or a line that fits nothing (RX). */
    NOISE(Lane.REPLIES),
    /** An unsolicited result code (RX). */
    URC(Lane.URCS),
    /** A CoAP request the platform sent to the module or received from it. */
    COAP_REQUEST(Lane.PLATFORM),
    /** The answer to a CoAP request. */
    COAP_RESPONSE(Lane.PLATFORM),
    POWER_OFF(Lane.POWER),
    POWER_ON(Lane.POWER),
    /** Anything else worth a mark: a FOTA state, a cut trigger, a note of the executor. */
    MARK(Lane.PHASES);

    private final Lane lane;

    EventKind(Lane lane) {
        this.lane = lane;
    }

    public Lane lane() {
        return lane;
    }
}
