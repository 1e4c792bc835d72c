package org.miplhil.at;

/**
 * One parameter of a command or URC line.
 *
 * @param value  the text, without the double quotes when it was quoted
 * @param quoted whether it was written in double quotes
 */
public record Param(String value, boolean quoted) {

    public Param {
        java.util.Objects.requireNonNull(value, "value");
    }

    public static Param plain(String value) {
        return new Param(value, false);
    }

    public static Param plain(long value) {
        return new Param(Long.toString(value), false);
    }

    public static Param quoted(String value) {
        return new Param(value, true);
    }

    public boolean isEmpty() {
        return value.isEmpty() && !quoted;
    }

    /** As written on the line. */
    public String format() {
        return quoted ? '"' + value + '"' : value;
    }

    @Override
    public String toString() {
        return format();
    }
}
