package org.miplhil.at;

/** 5.10 {@code +QIND: "FOTA","END",<upgrade_err>}: 0 success, 255 failure. */
public record FotaEnd(int upgradeErr) implements MiplUrc {

    public static final String START = "+QIND: \"FOTA\",\"END\",";

    public boolean success() {
        return upgradeErr == 0;
    }

    public String prefix() {
        return "+QIND";
    }

    public String format() {
        return START + upgradeErr;
    }

    @Override
    public java.util.List<Violation> violations() {
        if (MiplRanges.UPGRADE_ERR.contains(upgradeErr)) {
            return java.util.List.of();
        }
        return java.util.List.of(new Violation(2, "upgrade_err", Violation.Rule.OUT_OF_RANGE,
                "is " + upgradeErr + ", must be 0 (success) or 255 (failure) (5.10)"));
    }
}
