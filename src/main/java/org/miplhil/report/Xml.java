package org.miplhil.report;

/** Text made safe for XML 1.0: characters XML cannot hold are shown as {@code \xNN}, markup escaped. */
public final class Xml {

    private Xml() {
    }

    /** Escapes for element content and attribute values (both quote kinds). */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (allowed(cp) && !(n == 1 && Character.isSurrogate((char) cp))) {
                        b.appendCodePoint(cp);
                    } else {
                        b.append(String.format("\\x%02X", cp & 0xFFFF));
                    }
                }
            }
            i += n;
        }
        return b.toString();
    }

    /** Only what XML 1.0 allows, without escaping markup (for writers that escape themselves). */
    public static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (allowed(cp) && !(n == 1 && Character.isSurrogate((char) cp))) {
                b.appendCodePoint(cp);
            } else {
                b.append(String.format("\\x%02X", cp & 0xFFFF));
            }
            i += n;
        }
        return b.toString();
    }

    // XML 1.0 Char production
    private static boolean allowed(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
