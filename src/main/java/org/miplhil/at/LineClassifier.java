package org.miplhil.at;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what a framed line is, given the command awaiting its final result (or null).
 *
 * <ol>
 *   <li>noise lines stay noise;</li>
 *   <li>the exact text of the pending command is its echo;</li>
 *   <li>{@code OK}, {@code ERROR}, {@code +CIS ERROR: <n>}, {@code +CME ERROR: <n>} (or, with AT+CMEE=2, the
 *       error's name instead of {@code <n>}) are final results;</li>
 *   <li>a line with a URC prefix of table 4 ({@code +MIPLREAD:} …, {@code +QIND:}), {@code RDY},
 *       {@code +IP:}, {@code +CFUN:}, {@code +CEREG:}, {@code +CSCON:}, {@code +CPIN:},
 *       {@code +QNBIOTEVENT:} is a URC — except
 *       that such a line answering a pending query or test of the same command ({@code AT+CFUN?},
 *       {@code AT+CEREG?}, {@code AT+CPIN?}) is information; a {@code +CEREG:} / {@code +CSCON:} line
 *       in the URC's own form (27.007: the query puts {@code <n>,} in front, so the URC has one field
 *       less: 1 or 4 for CEREG, 1 for CSCON) stays a URC even then;</li>
 *   <li>anything else is information while a command is pending, and an URC of unknown kind
 *       otherwise — kept, never dropped.</li>
 * </ol>
 */
public final class LineClassifier {

    /** The code, or with AT+CMEE=2 its name ({@code +CIS ERROR: CIS_PARAM_ERROR}, {@code +CME ERROR: (null)}). */
    private static final Pattern ERROR_CODE = Pattern.compile("\\+(CIS|CME) ERROR: ?(?:([0-9]{1,9})|[A-Z][A-Z0-9]*_[A-Z0-9_]+|\\(null\\))");

    private LineClassifier() {}

    public static AtLine classify(RawLine line, String pendingCommand) {
        if (line.noise()) {
            return new AtLine.Noise(line, line.noiseReason());
        }
        String text = line.text();
        String pending = pendingCommand == null ? null : stripTerminator(pendingCommand);
        if (pending != null && !pending.isEmpty() && text.equals(pending)) {
            return new AtLine.Echo(line);
        }
        AtLine.FinalResult fin = finalResult(line);
        if (fin != null) {
            return fin;
        }
        var kind = UrcKind.of(text);
        if (kind.isPresent()) {
            if (pending != null && answersPending(kind.get(), pending, text)) {
                return new AtLine.Information(line);
            }
            return new AtLine.Urc(line, kind.get());
        }
        if (pending != null) {
            return new AtLine.Information(line);
        }
        return new AtLine.Urc(line, UrcKind.UNKNOWN);
    }

    /** Whether the text is a final result code; for a session deciding that a command is over. */
    public static boolean isFinalResult(String text) {
        return finalResult(RawLine.of(text)) != null;
    }

    private static AtLine.FinalResult finalResult(RawLine line) {
        String text = line.text();
        if (text.equals("OK")) {
            return new AtLine.FinalResult(line, AtLine.FinalResult.Kind.OK, OptionalInt.empty());
        }
        if (text.equals("ERROR")) {
            return new AtLine.FinalResult(line, AtLine.FinalResult.Kind.ERROR, OptionalInt.empty());
        }
        Matcher m = ERROR_CODE.matcher(text);
        if (m.matches()) {
            AtLine.FinalResult.Kind k = m.group(1).equals("CIS") ? AtLine.FinalResult.Kind.CIS_ERROR
                    : AtLine.FinalResult.Kind.CME_ERROR;
            return new AtLine.FinalResult(line, k, m.group(2) == null ? OptionalInt.empty()
                    : OptionalInt.of(Integer.parseInt(m.group(2))));
        }
        return null;
    }

    /** +CFUN: answering AT+CFUN? / AT+CFUN=?, and likewise for any URC prefix that is also a command's. */
    private static boolean answersPending(UrcKind kind, String pending, String text) {
        if (kind == UrcKind.RDY || kind == UrcKind.UNKNOWN) {
            return false;
        }
        Parsed<ParsedCommand> cmd = AtCommandLine.parse(pending);
        if (!(cmd instanceof Parsed.Ok<ParsedCommand> ok)) {
            return false;
        }
        ParsedCommand c = ok.value();
        boolean askForm = c.form() == ParsedCommand.Form.QUERY || c.form() == ParsedCommand.Form.TEST;
        return askForm && c.name().equals(kind.commandName().toUpperCase(Locale.ROOT))
                && !(c.form() == ParsedCommand.Form.QUERY && urcForm(kind, text));
    }

    /** 27.007 10.1.22 / 10.1.30: the URC lacks the query's leading {@code <n>}; the test form starts with '('. */
    private static boolean urcForm(UrcKind kind, String text) {
        String rest = text.substring(kind.prefix().length()).strip();
        if (rest.startsWith("(")) {
            return false;
        }
        int fields = AtCommandLine.splitParams(rest, text).toOptional().map(java.util.List::size).orElse(0);
        return switch (kind) {
            case CEREG -> fields == 1 || fields == 4;
            case CSCON -> fields == 1;
            default -> false;
        };
    }

    private static String stripTerminator(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n')) {
            end--;
        }
        return s.substring(0, end);
    }
}
