package org.miplhil.sim.fota;

/** The Firmware Update object's Update Result (/5/0/5, OMA LwM2M 1.0 E.6). */
public enum UpdateResult {
    INITIAL(0),
    SUCCESS(1),
    NOT_ENOUGH_FLASH(2),
    OUT_OF_RAM(3),
    CONNECTION_LOST(4),
    INTEGRITY_FAILURE(5),
    UNSUPPORTED_PACKAGE_TYPE(6),
    INVALID_URI(7),
    UPDATE_FAILED(8),
    UNSUPPORTED_PROTOCOL(9);

    private final int code;

    UpdateResult(int code) {
        this.code = code;
    }

    /** The value of /5/0/5. */
    public int code() {
        return code;
    }

    /** The result with this code (one of the values above). */
    public static java.util.Optional<UpdateResult> of(int code) {
        for (UpdateResult r : values()) {
            if (r.code == code) {
                return java.util.Optional.of(r);
            }
        }
        return java.util.Optional.empty();
    }
}
