package org.miplhil.yaml;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as written in profiles and fault plans: {@code 250ms}, {@code 6s}, {@code 1.5s}, {@code 2m}, {@code 1h}. */
public final class Durations {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,9})?)(ms|s|m|h)");

    private Durations() {}

    /** Parses a duration; empty when the text is not one of the accepted forms. Never throws. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        BigDecimal nanosPerUnit = switch (m.group(2)) {
            case "ms" -> BigDecimal.valueOf(1_000_000L);
            case "s" -> BigDecimal.valueOf(1_000_000_000L);
            case "m" -> BigDecimal.valueOf(60_000_000_000L);
            default -> BigDecimal.valueOf(3_600_000_000_000L);
        };
        BigDecimal nanos = amount.multiply(nanosPerUnit);
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(nanos.longValue()));
    }

    /** The shortest form {@link #parse} reads back to the same value (whole milliseconds or seconds). */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 == 0 && ms != 0) {
            return (ms / 1000) + "s";
        }
        return ms + "ms";
    }
}
