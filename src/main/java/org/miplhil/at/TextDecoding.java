package org.miplhil.at;

/** Strict UTF-8 decoding that never throws: bytes that are not printable text become {@code \xNN}. */
final class TextDecoding {

    record Result(String text, String problem) {}

    private TextDecoding() {}

    static Result decode(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        String firstProblem = null;
        int bad = 0;
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                if ((c < 0x20 && c != '\t') || c == 0x7F) {
                    escape(sb, c);
                    bad++;
                    if (firstProblem == null) {
                        firstProblem = String.format("control byte 0x%02X at offset %d", c, i - from);
                    }
                } else {
                    sb.append((char) c);
                }
                i++;
                continue;
            }
            int n = sequenceLength(b, i, to);
            if (n == 0) {
                escape(sb, c);
                bad++;
                if (firstProblem == null) {
                    firstProblem = String.format("invalid UTF-8 byte 0x%02X at offset %d", c, i - from);
                }
                i++;
                continue;
            }
            int cp = codePoint(b, i, n);
            if (cp >= 0x80 && cp <= 0x9F) { // C1 controls are not text either
                for (int k = 0; k < n; k++) {
                    escape(sb, b[i + k] & 0xFF);
                }
                bad++;
                if (firstProblem == null) {
                    firstProblem = String.format("control character U+%04X at offset %d", cp, i - from);
                }
            } else {
                sb.appendCodePoint(cp);
            }
            i += n;
        }
        String problem = firstProblem == null ? null
                : bad == 1 ? firstProblem : firstProblem + " (" + bad + " non-text sequences in the line)";
        return new Result(sb.toString(), problem);
    }

    private static void escape(StringBuilder sb, int c) {
        sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
        int l = sb.length();
        sb.setCharAt(l - 1, Character.toUpperCase(sb.charAt(l - 1)));
        sb.setCharAt(l - 2, Character.toUpperCase(sb.charAt(l - 2)));
    }

    /** Length of the valid UTF-8 sequence starting at i, or 0 when it is not one (RFC 3629 table). */
    private static int sequenceLength(byte[] b, int i, int to) {
        int c = b[i] & 0xFF;
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            if (c == 0xE0) {
                lo = 0xA0;
            } else if (c == 0xED) {
                hi = 0x9F;
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            if (c == 0xF0) {
                lo = 0x90;
            } else if (c == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return 0;
        }
        if (i + n > to) {
            return 0;
        }
        int c1 = b[i + 1] & 0xFF;
        if (c1 < lo || c1 > hi) {
            return 0;
        }
        for (int k = 2; k < n; k++) {
            int ck = b[i + k] & 0xFF;
            if (ck < 0x80 || ck > 0xBF) {
                return 0;
            }
        }
        return n;
    }

    private static int codePoint(byte[] b, int i, int n) {
        int cp = (b[i] & 0xFF) & (0xFF >> (n + 1));
        for (int k = 1; k < n; k++) {
            cp = (cp << 6) | (b[i + k] & 0x3F);
        }
        return cp;
    }
}
