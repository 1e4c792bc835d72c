package org.miplhil.mutate;

/** Regular-expression text for generated plans. */
final class Rx {

    private static final String SPECIAL = "\\^$.|?*+()[]{}";

    private Rx() {}

    /** The text as a literal expression, special characters escaped with a backslash (readable in YAML, unlike \Q..\E). */
    static String literal(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (SPECIAL.indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
