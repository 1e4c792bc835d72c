package org.miplhil.at;

/**
 * One parameter of a command or URC line.
 *
 * @param value  the text, without the double quotes when it was quoted
 * @param quoted whether it was written in double quotes
 */
public record Param(String value, boolean quoted) {

    static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("-?[0-9]+");

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

    /** An unquoted decimal integer that fits in a long ({@code -1}, {@code 86400}); empty for anything else. */
    public java.util.OptionalLong integer() {
        if (quoted || !DECIMAL.matcher(value).matches()) {
            return java.util.OptionalLong.empty();
        }
        try {
            return java.util.OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return java.util.OptionalLong.empty(); // more digits than a long holds
        }
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
