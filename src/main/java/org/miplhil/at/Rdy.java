package org.miplhil.at;

/** {@code RDY}: the module has (re)started (7.10.6, after the firmware update). */
public record Rdy() implements MiplUrc {

    public static final String LINE = "RDY";

    public String prefix() {
        return LINE;
    }

    public String format() {
        return LINE;
    }
}
