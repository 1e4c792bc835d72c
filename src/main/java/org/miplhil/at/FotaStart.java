package org.miplhil.at;

/** 5.8 {@code +QIND: "FOTA","START"}. */
public record FotaStart() implements MiplUrc {

    public static final String LINE = "+QIND: \"FOTA\",\"START\"";

    public String prefix() {
        return "+QIND";
    }

    public String format() {
        return LINE;
    }
}
