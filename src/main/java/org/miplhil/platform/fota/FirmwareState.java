package org.miplhil.platform.fota;

/** Firmware Update object /5, resource 3 State (LwM2M 1.0, E.6). */
public enum FirmwareState {
    IDLE(0), DOWNLOADING(1), DOWNLOADED(2), UPDATING(3);

    private final int code;

    FirmwareState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** {@code 1 (DOWNLOADING)}; an unknown code reads {@code 7 (?)}. */
    public static String describe(long code) {
        for (FirmwareState s : values()) {
            if (s.code == code) {
                return code + " (" + s.name() + ")";
            }
        }
        return code + " (?)";
    }

    /** The meaning of /5/0/5 Update Result (LwM2M 1.0, E.6). */
    public static String updateResult(long result) {
        return result + " (" + switch ((int) result) {
            case 0 -> "initial value";
            case 1 -> "firmware updated successfully";
            case 2 -> "not enough flash memory";
            case 3 -> "out of RAM during download";
            case 4 -> "connection lost during download";
            case 5 -> "integrity check failure";
            case 6 -> "unsupported package type";
            case 7 -> "invalid URI";
            case 8 -> "firmware update failed";
            case 9 -> "unsupported protocol";
            default -> "?";
        } + ")";
    }
}
