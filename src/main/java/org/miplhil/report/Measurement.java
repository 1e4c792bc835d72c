package org.miplhil.report;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A named value with its limits (OpenHTF's idea): every deadline becomes one, so the report shows
 * {@code AT+MIPLOPEN -> +MIPLEVENT: 0,6: 412 ms (limit 30 s)} even when it passes and a slow
 * drift is visible before it fails.
 *
 * @param name  what was measured, e.g. {@code AT+MIPLOPEN -> +MIPLEVENT: 0,6}
 * @param value the measured value, or null when the awaited thing never happened
 * @param low   lower limit (inclusive) or null
 * @param high  upper limit (inclusive) or null
 * @param unit  unit of value and limits; {@code ms} marks a duration and is printed as one
 */
public record Measurement(String name, Double value, Double low, Double high, String unit) {

    public static final String MILLIS = "ms";

    public Measurement {
        Objects.requireNonNull(name, "name");
        unit = unit == null ? "" : unit;
    }

    /** A deadline: {@code measured} (null = never arrived) against an upper {@code limit}. */
    public static Measurement deadline(String name, Duration measured, Duration limit) {
        return new Measurement(name, measured == null ? null : millis(measured), null,
                limit == null ? null : millis(limit), MILLIS);
    }

    /** A duration with no limit, recorded for the record (e.g. harness overhead). */
    public static Measurement duration(String name, Duration measured) {
        return new Measurement(name, measured == null ? null : millis(measured), null, null, MILLIS);
    }

    public static Measurement of(String name, double value, Double low, Double high, String unit) {
        return new Measurement(name, value, low, high, unit);
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }

    /** Measured, and within its limits. */
    public boolean passed() {
        return value != null && (low == null || value >= low) && (high == null || value <= high);
    }

    public boolean isDuration() {
        return MILLIS.equals(unit);
    }

    /** The value as a person reads it: {@code 412 ms}, {@code 1.5 s}, {@code not measured}. */
    public String formattedValue() {
        return value == null ? "not measured" : formatQuantity(value);
    }

    /** The limits as a person reads them: {@code limit 30 s}, {@code limits 1..5 V}, or empty. */
    public String formattedLimit() {
        if (low == null && high == null) {
            return "";
        }
        if (low == null) {
            return "limit " + formatQuantity(high);
        }
        if (high == null) {
            return "at least " + formatQuantity(low);
        }
        if (isDuration()) {
            return "limits " + formatQuantity(low) + ".." + formatQuantity(high);
        }
        return "limits " + number(low) + ".." + number(high) + suffix();
    }

    /** {@code name: 412 ms (limit 30 s)}. */
    public String format() {
        String limit = formattedLimit();
        return name + ": " + formattedValue() + (limit.isEmpty() ? "" : " (" + limit + ")");
    }

    /** {@code 412 ms (limit 30 s)}, with a verdict when it has limits. */
    public String formatValueWithVerdict() {
        String limit = formattedLimit();
        String v = formattedValue() + (limit.isEmpty() ? "" : " (" + limit + ")");
        if (limit.isEmpty() && value != null) {
            return v;
        }
        return v + (passed() ? " PASS" : " FAIL");
    }

    private String formatQuantity(double v) {
        return isDuration() ? formatMillis(v) : number(v) + suffix();
    }

    private String suffix() {
        return unit.isEmpty() ? "" : " " + unit;
    }

    /** A duration in milliseconds as a person reads it: 0.35 ms, 412 ms, 1.5 s, 30 s, 2 min 5 s. */
    public static String formatMillis(double ms) {
        double a = Math.abs(ms);
        if (a < 10) {
            return trim(String.format(Locale.ROOT, "%.2f", ms)) + " ms";
        }
        if (a < 1000) {
            return String.format(Locale.ROOT, "%.0f", ms) + " ms";
        }
        double s = ms / 1000.0;
        if (Math.abs(s) < 120) {
            return trim(String.format(Locale.ROOT, Math.abs(s) < 10 ? "%.2f" : "%.1f", s)) + " s";
        }
        long total = Math.round(s);
        long min = total / 60;
        long sec = Math.abs(total % 60);
        return min + " min" + (sec == 0 ? "" : " " + sec + " s");
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return trim(String.format(Locale.ROOT, "%.3f", v));
    }

    private static String trim(String s) {
        if (!s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
