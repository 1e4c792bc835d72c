package org.miplhil.sim.profile;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a profile entry's value comes from: the application note ({@code doc:3.3.7}), a public source outside
 * the note ({@code observed-elsewhere:seer300/NBIOT_XY1100 at_onenet_proc.c}), a guess ({@code assumed}), or what
 * {@code ./mipl-hil profile learn} saw a module of a firmware revision do ({@code observed:BC260YCNAAR01A03 2026-12-07}).
 * Suites assert {@code doc} behaviour strictly and check the rest against the profile.
 */
public record Source(Kind kind, String detail) {

    public enum Kind { DOC, OBSERVED_ELSEWHERE, ASSUMED, OBSERVED }

    private static final Pattern DOC = Pattern.compile("doc:(\\d+(?:\\.\\d+)*)(?:\\s+.*)?");
    private static final Pattern ELSEWHERE = Pattern.compile("observed-elsewhere:\\s*(\\S.*)");
    /** {@code observed:<revision> <date>}: learnt from a module of that firmware revision by {@code profile learn}. */
    private static final Pattern OBSERVED = Pattern.compile("observed:\\s*(\\S+)\\s+(\\d{4}-\\d{2}-\\d{2}\\S*)");

    /** Parses a source text; empty when it follows none of the three forms. */
    public static Optional<Source> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.equals("assumed")) {
            return Optional.of(new Source(Kind.ASSUMED, ""));
        }
        Matcher m = DOC.matcher(t);
        if (m.matches()) {
            return Optional.of(new Source(Kind.DOC, t.substring(4)));
        }
        m = OBSERVED.matcher(t);
        if (m.matches()) {
            return Optional.of(new Source(Kind.OBSERVED, m.group(1) + " " + m.group(2)));
        }
        m = ELSEWHERE.matcher(t);
        if (m.matches()) {
            return Optional.of(new Source(Kind.OBSERVED_ELSEWHERE, m.group(1).trim()));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return switch (kind) {
            case DOC -> "doc:" + detail;
            case OBSERVED_ELSEWHERE -> "observed-elsewhere:" + detail;
            case ASSUMED -> "assumed";
            case OBSERVED -> "observed:" + detail;
        };
    }
}
