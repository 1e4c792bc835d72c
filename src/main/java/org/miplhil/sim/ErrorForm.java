package org.miplhil.sim;

import org.miplhil.sim.profile.FirmwareProfile;

/**
 * AT+CMEE and the form of every error the module prints (XY1100 AT layer): 0 plain {@code ERROR}; 1 the code,
 * {@code +CIS ERROR: <n>} for a MIPL command and {@code +CME ERROR: <n>} for a general one; 2 the name
 * ({@code +CIS ERROR: CIS_PARAM_ERROR}, {@code +CME ERROR: ATERR_PARAM_INVALID}). The mode is kept in factory NV
 * ({@code general.cmee-saved}), so a power cut does not reset it.
 */
final class ErrorForm {

    private final FirmwareProfile profile;
    private int cmee;

    ErrorForm(FirmwareProfile profile) {
        this.profile = profile;
        this.cmee = profile.at().cmee();
    }

    /** Power-up: the mode comes back from NV, or the profile's default when the module does not save it. */
    void powerUp() {
        if (!profile.general().cmeeSaved()) {
            cmee = profile.at().cmee();
        }
    }

    int cmee() {
        return cmee;
    }

    void cmee(int mode) {
        cmee = mode;
    }

    /** The final line of a MIPL error with the profile's {@code code}. */
    String cis(int code) {
        return switch (cmee) {
            case 0 -> "ERROR";
            case 1 -> "+CIS ERROR: " + code;
            default -> "+CIS ERROR: " + profile.general().cisErrorText(code);
        };
    }

    /** The final line of a general command with a bad parameter. */
    String parameter() {
        var g = profile.general();
        return switch (cmee) {
            case 0 -> "ERROR";
            case 1 -> "+CME ERROR: " + g.cmeParameterError();
            default -> "+CME ERROR: " + g.cmeParameterErrorText();
        };
    }
}
