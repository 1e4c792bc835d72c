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
}
