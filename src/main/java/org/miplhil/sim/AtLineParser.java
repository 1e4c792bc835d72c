package org.miplhil.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The firmware's reading of one command line (table 2 of 3.1.2): {@code AT+<cmd>=?} test, {@code AT+<cmd>?}
 * query, {@code AT+<cmd>=<p1>[,<p2>...]} set, {@code AT+<cmd>} execute, and basic commands such as {@code ATE0},
 * {@code ATI}. Pure; never throws.
 */
final class AtLineParser {

    enum Form { TEST, QUERY, SET, EXEC }

    /** One parameter as written: its text without quotes, and whether it was quoted. */
    record Arg(String text, boolean quoted) {
        boolean isEmpty() {
            return text.isEmpty() && !quoted;
        }

        /** A plain (unquoted) decimal integer; empty otherwise. */
        OptionalLong integer() {
            if (quoted || text.isEmpty() || text.length() > 19) {
                return OptionalLong.empty();
            }
            int start = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
            if (start == text.length()) {
                return OptionalLong.empty();
            }
            for (int i = start; i < text.length(); i++) {
                if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                    return OptionalLong.empty();
                }
            }
            return OptionalLong.of(Long.parseLong(text));
        }
    }

    sealed interface Parsed {}

    /** A line that does not start with AT (or at). */
    record NotAt(String line) implements Parsed {}

    /** {@code AT} alone. */
    record Attention() implements Parsed {}

    /** A basic command: {@code E0}, {@code E1}, {@code I}, {@code Z}... name upper-cased, with its digits. */
    record Basic(String name) implements Parsed {}

    /** An extended command: name such as {@code +MIPLOPEN} (upper-cased), its form and parameters. */
    record Extended(String name, Form form, List<Arg> args, boolean argsWellFormed) implements Parsed {
        Extended {
            args = List.copyOf(args);
        }
    }

    private AtLineParser() {}

    static Parsed parse(String line) {
        String t = line.strip();
        if (t.length() < 2 || !t.substring(0, 2).equalsIgnoreCase("AT")) {
            return new NotAt(line);
        }
        String rest = t.substring(2);
        if (rest.isEmpty()) {
            return new Attention();
        }
        if (rest.charAt(0) != '+') {
            return new Basic(rest.toUpperCase(Locale.ROOT));
        }
        int i = 1;
        while (i < rest.length() && Character.isLetterOrDigit(rest.charAt(i))) {
            i++;
        }
        String name = rest.substring(0, i).toUpperCase(Locale.ROOT);
        String tail = rest.substring(i);
        if (tail.isEmpty()) {
            return new Extended(name, Form.EXEC, List.of(), true);
        }
        if (tail.equals("?")) {
            return new Extended(name, Form.QUERY, List.of(), true);
        }
        if (tail.equals("=?")) {
            return new Extended(name, Form.TEST, List.of(), true);
        }
        if (tail.charAt(0) != '=') {
            return new Extended(name + tail, Form.EXEC, List.of(), false);
        }
        List<Arg> args = new ArrayList<>();
        boolean ok = splitArgs(tail.substring(1), args);
        return new Extended(name, Form.SET, args, ok);
    }

    /** Splits on commas outside double quotes; false when a quote is unbalanced or text follows a closing quote. */
    private static boolean splitArgs(String s, List<Arg> out) {
        int i = 0;
        while (true) {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            if (i < s.length() && s.charAt(i) == '"') {
                int close = s.indexOf('"', i + 1);
                if (close < 0) {
                    return false;
                }
                out.add(new Arg(s.substring(i + 1, close), true));
                i = close + 1;
                while (i < s.length() && s.charAt(i) == ' ') {
                    i++;
                }
                if (i == s.length()) {
                    return true;
                }
                if (s.charAt(i) != ',') {
                    return false;
                }
                i++;
            } else {
                int comma = s.indexOf(',', i);
                String text = (comma < 0 ? s.substring(i) : s.substring(i, comma)).strip();
                if (text.indexOf('"') >= 0) {
                    return false;
                }
                out.add(new Arg(text, false));
                if (comma < 0) {
                    return true;
                }
                i = comma + 1;
            }
        }
    }
}
