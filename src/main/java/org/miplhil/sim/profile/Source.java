package org.miplhil.sim.profile;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a profile entry's value comes from: the application note ({@code doc:3.3.7}), a public source outside
 * the note ({@code observed-elsewhere:seer300/NBIOT_XY1100 at_onenet_proc.c}), or a guess ({@code assumed}).
 * Suites assert {@code doc} behaviour strictly and check the rest against the profile.
 */
public record Source(Kind kind, String detail) {

    public enum Kind { DOC, OBSERVED_ELSEWHERE, ASSUMED }

    private static final Pattern DOC = Pattern.compile("doc:(\\d+(?:\\.\\d+)*)(?:\\s+.*)?");
    private static final Pattern ELSEWHERE = Pattern.compile("observed-elsewhere:\\s*(\\S.*)");

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
        };
    }
}
