package org.miplhil.network;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The units of the {@code network:} language, read and written: durations {@code 250ms}, {@code 2s}, {@code 1.5s},
 * {@code 1m}; percentages {@code 15%}, {@code 2.5%}; rates {@code 20kbit}, {@code 9600bit}, {@code 1mbit} (bits per
 * second, decimal prefixes as tc's). A bare {@code 0} reads as nothing for all three. Pure; never throws.
 */
public final class Units {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,6})?)(ms|s|m)");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,6})?)%");
    private static final Pattern RATE = Pattern.compile("(\\d{1,12}(?:\\.\\d{1,3})?)(bit|kbit|mbit)");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** What each kind of value looks like, for problems. */
    public static final String DURATION_FORM = "a duration such as 500ms, 2s or 1.5s (units ms, s, m)";
    public static final String PERCENT_FORM = "a percentage such as 15% or 2.5% (0% to 100%)";
    public static final String RATE_FORM = "a rate such as 20kbit, 9600bit or 1mbit (bits per second)";

    private Units() {
    }

    public static Optional<Duration> duration(String text) {
        String t = trimmed(text);
        if (t.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal nanosPerUnit = switch (m.group(2)) {
            case "ms" -> BigDecimal.valueOf(1_000_000L);
            case "s" -> BigDecimal.valueOf(1_000_000_000L);
            default -> BigDecimal.valueOf(60_000_000_000L);
        };
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(nanosPerUnit);
        // 9 digits of minutes overflow nothing a Duration holds, but keep the cap explicit
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(nanos.longValue()));
    }

    /** A percentage as a fraction from 0 to 1. */
    public static OptionalDouble fraction(String text) {
        String t = trimmed(text);
        if (t.equals("0")) {
            return OptionalDouble.of(0);
        }
        Matcher m = PERCENT.matcher(t);
        if (!m.matches()) {
            return OptionalDouble.empty();
        }
        BigDecimal percent = new BigDecimal(m.group(1));
        if (percent.compareTo(HUNDRED) > 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(percent.divide(HUNDRED).doubleValue());
    }

    /** A rate in bits per second; 0 means no limit. A nonzero rate below 1 bit/s is not a rate. */
    public static OptionalLong bitsPerSecond(String text) {
        String t = trimmed(text);
        if (t.equals("0")) {
            return OptionalLong.of(0);
        }
        Matcher m = RATE.matcher(t);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        BigDecimal factor = switch (m.group(2)) {
            case "bit" -> BigDecimal.ONE;
            case "kbit" -> BigDecimal.valueOf(1_000L);
            default -> BigDecimal.valueOf(1_000_000L);
        };
        BigDecimal bits = new BigDecimal(m.group(1)).multiply(factor);
        if (bits.compareTo(BigDecimal.ONE) < 0 && bits.signum() != 0
                || bits.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(bits.longValue());
    }

    /** {@code 2s}, {@code 500ms}, {@code 1.5ms}: what {@link #duration} reads back to the same value (to 1 µs). */
    public static String format(Duration d) {
        long micros = d.toNanos() / 1_000;
        if (micros == 0) {
            return "0ms";
        }
        if (micros % 1_000_000 == 0) {
            return micros / 1_000_000 + "s";
        }
        return BigDecimal.valueOf(micros, 3).stripTrailingZeros().toPlainString() + "ms";
    }

    public static String formatFraction(double fraction) {
        return BigDecimal.valueOf(fraction).multiply(HUNDRED).stripTrailingZeros().toPlainString() + "%";
    }

    public static String formatRate(long bitsPerSecond) {
        if (bitsPerSecond != 0 && bitsPerSecond % 1_000_000 == 0) {
            return bitsPerSecond / 1_000_000 + "mbit";
        }
        if (bitsPerSecond != 0 && bitsPerSecond % 1_000 == 0) {
            return bitsPerSecond / 1_000 + "kbit";
        }
        return bitsPerSecond + "bit";
    }

    private static String trimmed(String text) {
        return text == null ? "" : text.trim();
    }
}
