package org.miplhil.at;

import java.util.Optional;

/** The {@code <evtid>} values of +MIPLEVENT (5.7), DFOTA ones in 6.3. */
public enum EventId {
    BOOTSTRAP_START(1),
    BOOTSTRAP_SUCCESS(2),
    BOOTSTRAP_FAILED(3),
    CONNECT_SUCCESS(4),
    CONNECT_FAILED(5),
    REG_SUCCESS(6),
    REG_FAILED(7),
    REG_TIMEOUT(8),
    LIFETIME_TIMEOUT(9),
    STATUS_HALT(10),
    UPDATE_SUCCESS(11),
    UPDATE_FAILED(12),
    UPDATE_TIMEOUT(13),
    /** extend = seconds of lifetime left. */
    UPDATE_NEED(14),
    DEREG_DONE(15),
    /** extend = msgId of the response that failed. */
    RESPONSE_FAILED(20),
    RESPONSE_SUCCESS(21),
    /** Carries the ackId of the AT+MIPLNOTIFY that failed. */
    NOTIFY_FAILED(25),
    /** Carries the ackId of the AT+MIPLNOTIFY the platform acknowledged (7.8.4). */
    NOTIFY_SUCCESS(26),
    FIRMWARE_DOWNLOADING(40),
    FIRMWARE_DOWNLOAD_FAILED(41),
    FIRMWARE_DOWNLOADED(42),
    FIRMWARE_UPDATING(43),
    FIRMWARE_ERASE_SUCCESS(48),
    FIRMWARE_ERASE_FAIL(49);

    private final int id;

    EventId(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public static Optional<EventId> of(int id) {
        for (EventId e : values()) {
            if (e.id == id) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Whether the third field of the URC is an ackId rather than an extend value (see {@link MiplEvent}). */
    public boolean carriesAckId() {
        return this == NOTIFY_FAILED || this == NOTIFY_SUCCESS;
    }
}
