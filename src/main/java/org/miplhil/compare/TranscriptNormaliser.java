package org.miplhil.compare;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The module's side of a transcript with what varies from run to run taken out, so two runs can be compared line
 * by line: the time stamp and offset of each line; the echo of a command; msgIds of platform requests
 * ({@code +MIPLREAD: 0,<msgId>,...}, the answers {@code AT+MIPL...RSP=0,<msgId>,...}); 15-digit IMEIs and IMSIs;
 * UDP ports after an address; ackIds and message numbers (of {@code +MIPLEVENT: 0,26,<ackId>}) stay, they are the
 * module's own behaviour.
 */
public final class TranscriptNormaliser {

    /** {@code 2026-12-07T04:28:02.496841Z +3018.886 TX AT+CMEE=1}. */
    private static final Pattern PREFIX = Pattern.compile("^\\S+Z\\s+[+-]?[0-9.]+\\s+(TX|RX)\\s?(.*)$");
    private static final Pattern MSG_ID = Pattern.compile(
            "^(\\+MIPL(?:READ|WRITE|EXECUTE|OBSERVE|DISCOVER|PARAMETER): \\d+,)\\d+");
    private static final Pattern RSP_MSG_ID = Pattern.compile("^(AT\\+MIPL\\w*RSP=\\d+,)\\d+");
    private static final Pattern IDENTITY = Pattern.compile("(?<!\\d)\\d{15}(?!\\d)");
    private static final Pattern PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}\"?[,:])\\d{2,5}");

    private TranscriptNormaliser() {
    }

    /** One line normalised (without direction), or the line as is when it has no time stamp. */
    public static String normalise(String text) {
        String s = text.strip();
        s = MSG_ID.matcher(s).replaceFirst("$1<msgId>");
        s = RSP_MSG_ID.matcher(s).replaceFirst("$1<msgId>");
        s = IDENTITY.matcher(s).replaceAll("<identity>");
        s = PORT.matcher(s).replaceAll("$1<port>");
        return s;
    }

    /** A request's msgId anywhere in a text: measurement names carry the line awaited after the arrow. */
    private static final Pattern MSG_ID_ANYWHERE = Pattern.compile(
            "(\\+MIPL(?:READ|WRITE|EXECUTE|OBSERVE|DISCOVER|PARAMETER): \\d+,)\\d+");
    private static final Pattern RSP_MSG_ID_ANYWHERE = Pattern.compile("(AT\\+MIPL\\w*RSP=\\d+,)\\d+");

    /**
     * A measurement's name with the msgIds of platform requests taken out ({@code AT+MIPLOPEN -> +MIPLOBSERVE:
     * 0,<msgId>,...}): the platform numbers its requests afresh in every run, so only this form pairs two runs'.
     */
    public static String measurementName(String name) {
        String s = MSG_ID_ANYWHERE.matcher(name).replaceAll("$1<msgId>");
        return RSP_MSG_ID_ANYWHERE.matcher(s).replaceAll("$1<msgId>");
    }

    /** What the module said (RX), echoes of the commands sent left out, normalised, in order. */
    public static List<String> moduleLines(List<String> transcript) {
        List<String> out = new ArrayList<>();
        Set<String> sent = new HashSet<>();
        for (String line : transcript) {
            var m = PREFIX.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String text = m.group(2).strip();
            if (m.group(1).equals("TX")) {
                sent.add(text);
                continue;
            }
            if (text.isEmpty() || sent.remove(text)) {
                continue; // the echo of a command
            }
            out.add(normalise(text));
        }
        return out;
    }

    /** The error lines: {@code +CIS ERROR: n}, {@code +CME ERROR: n}, {@code ERROR}. */
    public static boolean isError(String line) {
        return line.startsWith("+CIS ERROR") || line.startsWith("+CME ERROR") || line.equals("ERROR");
    }

    /** {@code +MIPLEVENT} of {@code +MIPLEVENT: 0,6}; empty for OK and other plain lines. */
    public static String head(String line) {
        int colon = line.indexOf(':');
        return line.startsWith("+") && colon > 0 ? line.substring(0, colon) : "";
    }
}
