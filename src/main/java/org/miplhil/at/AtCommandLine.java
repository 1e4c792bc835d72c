package org.miplhil.at;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The generic command-line syntax of 3.1.2 and table 2, independent of any command.
 *
 * <p>Parsing never throws. Parameters are split on commas outside double quotes; a quoted
 * parameter is returned without its quotes and flagged; blanks around an unquoted parameter
 * are dropped (V.250 ignores them); empty parameters are kept as empty.
 */
public final class AtCommandLine {

    private AtCommandLine() {}

    public static Parsed<ParsedCommand> parse(String line) {
        return split(line).flatMap(s -> s.head().form() != ParsedCommand.Form.SET
                ? Parsed.ok(new ParsedCommand(s.head().name(), s.head().form(), List.of(), s.head().text()))
                : splitParams(s.paramText(), s.head().text())
                        .map(params -> new ParsedCommand(s.head().name(), ParsedCommand.Form.SET, params, s.head().text())));
    }

    /**
     * The name and form of a command line without reading its parameters, so that a module can answer a
     * command whose parameters are malformed with that command's own error. Invalid exactly when
     * {@link #parse} fails for a reason other than a parameter ({@link Parsed#NO_PARAM}).
     */
    public static Parsed<CommandHead> head(String line) {
        return split(line).map(Split::head);
    }

    /** A command line cut into its head and, for a SET form, the text after {@code =}. */
    private record Split(CommandHead head, String paramText) {}

    private static Parsed<Split> split(String line) {
        if (line == null) {
            return Parsed.invalid("no command line");
        }
        String text = stripTerminator(line);
        if (text.length() < 2) {
            return Parsed.invalid("3.1.2: a command line starts with AT or at; got \"" + text + "\"");
        }
        String prefix = text.substring(0, 2);
        if (!prefix.equals("AT") && !prefix.equals("at")) {
            return Parsed.invalid("3.1.2: a command line starts with AT or at; got \"" + text + "\"");
        }
        String rest = text.substring(2);
        if (rest.isEmpty()) {
            return Parsed.ok(new Split(new CommandHead("", ParsedCommand.Form.EXEC, text), ""));
        }
        char first = rest.charAt(0);
        if (first == '+' || first == '^' || first == '$' || first == '*' || first == '%') {
            return splitExtended(rest, text);
        }
        return splitBasic(rest, text);
    }

    /** Formats a command line: {@code AT} + name + {@code =?} / {@code ?} / {@code =params} / nothing. */
    public static String format(String name, ParsedCommand.Form form, List<Param> params) {
        return switch (form) {
            case TEST -> "AT" + name + "=?";
            case QUERY -> "AT" + name + "?";
            case EXEC -> "AT" + name;
            case SET -> "AT" + name + "=" + ParsedCommand.joinParams(params);
        };
    }

    private static Parsed<Split> splitExtended(String rest, String text) {
        int i = 1;
        while (i < rest.length() && isNameChar(rest.charAt(i))) {
            i++;
        }
        if (i == 1) {
            return Parsed.invalid("no command name after \"AT" + rest.charAt(0) + "\" in \"" + text + "\"");
        }
        String name = rest.substring(0, i).toUpperCase(Locale.ROOT);
        return splitTail(name, rest.substring(i), text,
                " (expected nothing, ?, =? or =<params>)");
    }

    /** What follows the name: nothing (EXEC), {@code ?} (QUERY), {@code =?} (TEST) or {@code =<params>} (SET). */
    private static Parsed<Split> splitTail(String name, String tail, String text, String expected) {
        if (tail.isEmpty()) {
            return Parsed.ok(new Split(new CommandHead(name, ParsedCommand.Form.EXEC, text), ""));
        }
        if (tail.equals("?")) {
            return Parsed.ok(new Split(new CommandHead(name, ParsedCommand.Form.QUERY, text), ""));
        }
        if (tail.equals("=?")) {
            return Parsed.ok(new Split(new CommandHead(name, ParsedCommand.Form.TEST, text), ""));
        }
        if (tail.charAt(0) == '=') {
            return Parsed.ok(new Split(new CommandHead(name, ParsedCommand.Form.SET, text), tail.substring(1)));
        }
        return Parsed.invalid("unexpected \"" + tail + "\" after the command name " + name + expected);
    }

    /** Basic commands (ATI, ATE0, AT&F, ATS3=13): the name is everything up to =, ? or the end. */
    private static Parsed<Split> splitBasic(String rest, String text) {
        int eq = rest.indexOf('=');
        int q = rest.indexOf('?');
        int end = rest.length();
        if (eq >= 0) {
            end = eq;
        }
        if (q >= 0 && q < end) {
            end = q;
        }
        String name = rest.substring(0, end).toUpperCase(Locale.ROOT);
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '&') {
                return Parsed.invalid("unexpected character '" + c + "' in basic command \"" + text + "\"");
            }
        }
        if (name.isEmpty()) {
            return Parsed.invalid("no command name in \"" + text + "\"");
        }
        return splitTail(name, rest.substring(end), text, "");
    }

    private static boolean isNameChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '!' || c == '%' || c == '-' || c == '.' || c == '/' || c == ':' || c == '_';
    }

    /**
     * Splits a parameter list on commas outside double quotes. Shared by command lines and by
     * the parameter part of responses and URCs ({@code +MIPLREAD: 0,3123,...}).
     */
    public static Parsed<List<Param>> splitParams(String s, String context) {
        List<Param> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            int index = out.size();
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            if (i < n && s.charAt(i) == '"') {
                int close = s.indexOf('"', i + 1);
                if (close < 0) {
                    return Parsed.invalid("unterminated quoted string starting at column " + (i + 1)
                            + " of parameter " + index + " in \"" + context + "\"", index);
                }
                String value = s.substring(i + 1, close);
                i = close + 1;
                while (i < n && s.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && s.charAt(i) != ',') {
                    return Parsed.invalid("unexpected \"" + s.substring(i, Math.min(n, i + 10))
                            + "\" after the closing quote of parameter " + index, index);
                }
                out.add(Param.quoted(value));
            } else {
                int start = i;
                while (i < n && s.charAt(i) != ',') {
                    if (s.charAt(i) == '"') {
                        return Parsed.invalid("stray double quote inside unquoted parameter " + index
                                + " in \"" + context + "\"", index);
                    }
                    i++;
                }
                out.add(Param.plain(s.substring(start, i).strip()));
            }
            if (i >= n) {
                return Parsed.ok(out);
            }
            i++; // the comma
        }
    }

    private static String stripTerminator(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == '\n')) {
            end--;
        }
        return line.substring(0, end);
    }
}
