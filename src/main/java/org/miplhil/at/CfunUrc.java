package org.miplhil.at;

/** {@code +CFUN: 1} printed after start-up (7.10.6); an answer to AT+CFUN? has the same text. */
public record CfunUrc(int fun) implements MiplUrc {

    public static final String PREFIX = "+CFUN";

    public String prefix() {
        return PREFIX;
    }

    public String format() {
        return PREFIX + ": " + fun;
    }
}
