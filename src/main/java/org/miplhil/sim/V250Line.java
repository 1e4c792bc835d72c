package org.miplhil.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the module reads a command line (ITU-T V.250 5.2, 5.4; the XY1100 AT layer takes
 * {@code AT+CIMI;+CGSN=1;+CGACT?}): the prefix {@code AT} in any case, spaces ignored outside parameters and
 * quoted strings, several commands on one line separated by {@code ;}, basic commands back to back
 * ({@code ATE0V1}). Each command comes out as a strict line of its own ({@code AT+CGMM}, {@code ATE0}) for the
 * interpreters. The harness's own codec ({@link org.miplhil.at.AtCommandLine}) stays strict: this is the module's
 * side only. Never throws; empty when the line does not start with {@code AT}.
 */
final class V250Line {

    private V250Line() {}

    /** The commands of one line, in order; {@code [AT]} for a bare {@code AT}; empty when it is no command line. */
    static Optional<List<String>> commands(String line) {
        String text = stripTerminator(line);
        int i = skipSpaces(text, 0);
        if (i + 1 >= text.length() || Character.toUpperCase(text.charAt(i)) != 'A') {
            return Optional.empty();
        }
        int t = skipSpaces(text, i + 1);
        if (t >= text.length() || Character.toUpperCase(text.charAt(t)) != 'T') {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (String segment : segments(text.substring(t + 1))) {
            splitBasic(segment, out);
        }
        if (out.isEmpty()) {
            out.add("AT");
        }
        return Optional.of(out);
    }

    /** Whether the line is V.250's {@code A/}: repeat the previous command line. */
    static boolean isRepeat(String line) {
        return stripTerminator(line).strip().equalsIgnoreCase("A/");
    }

    /**
     * The body cut on {@code ;} outside quotes. Spaces before the parameters ({@code =}) go; in the parameters they
     * stay for the command's own parser (which drops blanks around unquoted values). The parameters of a MIPL
     * command run to the end of the line, {@code ;} included: the XY1100 AT layer looks for a combined line only
     * before the first {@code =} ({@code at_com.c}, {@code at_get_prefix_4_comb_cmd}) and hands an application
     * command everything after it, which is how an unquoted discover list {@code 5850;5851} reaches
     * {@code AT+MIPLDISCOVERRSP}.
     */
    private static List<String> segments(String body) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean params = false;
        boolean toEnd = false;
        for (int k = 0; k < body.length(); k++) {
            char c = body.charAt(k);
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && !toEnd && c == ';') {
                add(out, cur);
                cur.setLength(0);
                params = false;
                continue;
            }
            if (!quoted && !params && c == ' ') {
                continue;
            }
            if (!quoted && c == '=' && !params) {
                params = true;
                toEnd = cur.toString().toUpperCase(java.util.Locale.ROOT).startsWith("+MIPL");
            }
            cur.append(c);
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder segment) {
        String s = segment.toString().stripTrailing();
        if (!s.isEmpty()) {
            out.add(s);
        }
    }

    /**
     * A segment that starts with a basic command may hold several ({@code E0V1}, {@code &W}) and end with an
     * extended one ({@code E0+CMEE=1}); a basic command with {@code =} or {@code ?} takes the rest.
     */
    private static void splitBasic(String segment, List<String> out) {
        int k = 0;
        while (k < segment.length()) {
            char c = segment.charAt(k);
            if (c == '+' || c == '^' || c == '$' || c == '*' || c == '%') {
                out.add("AT" + segment.substring(k));
                return;
            }
            int start = k;
            if (c == '&') {
                k++;
            }
            if (k < segment.length() && Character.isLetter(segment.charAt(k)) && segment.charAt(k) < 0x80) {
                k++;
            } else {
                out.add("AT" + segment.substring(start)); // not a basic command: the interpreter refuses it whole
                return;
            }
            while (k < segment.length() && Character.isDigit(segment.charAt(k))) {
                k++;
            }
            if (k < segment.length() && (segment.charAt(k) == '=' || segment.charAt(k) == '?')) {
                out.add("AT" + segment.substring(start));
                return;
            }
            out.add("AT" + segment.substring(start, k));
        }
    }

    private static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static String stripTerminator(String line) {
        if (line == null) {
            return "";
        }
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == '\n')) {
            end--;
        }
        return line.substring(0, end);
    }
}
