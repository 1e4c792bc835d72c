package org.miplhil.at;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses URC lines of chapter 5 into {@link MiplUrc} records. Names must be canonical (table 4
 * with its slips fixed, see {@link MiplNames}); the separator after the colon may be one space or
 * none.
 */
public final class MiplUrcs {

    private static final Pattern IPV4_OR_6 = Pattern.compile("[0-9A-Fa-f.:]+");
    private static final Pattern FOTA_UPDATING = Pattern.compile("\\+QIND: ?\"FOTA\",\"UPDATING\",(0|[1-9][0-9]{0,2})(?![0-9])(.*)");
    private static final Pattern FOTA_END = Pattern.compile("\\+QIND: ?\"FOTA\",\"END\",(-?[0-9]{1,10})");
    private static final Pattern FOTA_START = Pattern.compile("\\+QIND: ?\"FOTA\",\"START\"");

    private MiplUrcs() {}

    public static Parsed<MiplUrc> parse(String line) {
        if (line == null) {
            return Parsed.invalid("no line");
        }
        String text = line.strip();
        if (text.equals(Rdy.LINE)) {
            return Parsed.ok(new Rdy());
        }
        if (text.startsWith("+QIND:")) {
            return parseQind(text);
        }
        int colon = text.indexOf(':');
        if (!text.startsWith("+") || colon < 0) {
            return Parsed.invalid("not a URC of chapter 5: \"" + text + "\"");
        }
        String prefix = text.substring(0, colon);
        String rest = text.substring(colon + 1);
        if (rest.startsWith(" ")) {
            rest = rest.substring(1);
        }
        String body = rest;
        String what = prefix + " URC";
        switch (prefix) {
            case IpUrc.PREFIX:
                if (!IPV4_OR_6.matcher(body).matches()) {
                    return Parsed.invalid("+IP: \"" + body + "\" is not an IP address", 0);
                }
                return Parsed.ok(new IpUrc(body));
            case CfunUrc.PREFIX:
                return fields(body, what, f -> {
                    f.count(1, 1, "<fun>");
                    return new CfunUrc(f.intAt(0, "fun"));
                });
            case MiplDiscover.PREFIX:
                return fields(body, what, MiplDiscover::read);
            case MiplObserve.PREFIX:
                return fields(body, what, MiplObserve::read);
            case MiplRead.PREFIX:
                return fields(body, what, MiplRead::read);
            case MiplWrite.PREFIX:
                return fields(body, what, MiplWrite::read);
            case MiplExecute.PREFIX:
                return fields(body, what, MiplExecute::read);
            case MiplParameter.PREFIX:
                return fields(body, what, MiplParameter::read);
            case MiplEvent.PREFIX:
                return fields(body, what, MiplEvent::read);
            default:
                String fixed = MiplNames.canonical(prefix);
                if (!fixed.equals(prefix)) {
                    return Parsed.invalid(prefix + " is a misspelling of " + fixed + " (use MiplNames.canonicalLine)");
                }
                return Parsed.invalid("not a URC of chapter 5: \"" + prefix + "\"");
        }
    }

    private static Parsed<MiplUrc> fields(String body, String what, Fields.Reader<? extends MiplUrc> reader) {
        Parsed<List<Param>> params = AtCommandLine.splitParams(body, what);
        return params.flatMap(p -> Fields.read(p, what, f -> (MiplUrc) reader.read(f)));
    }

    private static Parsed<MiplUrc> parseQind(String text) {
        if (FOTA_START.matcher(text).matches()) {
            return Parsed.ok(new FotaStart());
        }
        Matcher m = FOTA_UPDATING.matcher(text);
        if (m.matches()) {
            return Parsed.ok(new FotaUpdating(Integer.parseInt(m.group(1)), m.group(2)));
        }
        m = FOTA_END.matcher(text);
        if (m.matches()) {
            try {
                return Parsed.ok(new FotaEnd(Integer.parseInt(m.group(1))));
            } catch (NumberFormatException e) {
                return Parsed.invalid("<upgrade_err> " + m.group(1) + " is too large", 2);
            }
        }
        return Parsed.invalid("not a +QIND: \"FOTA\" URC of 5.8–5.10: \"" + text + "\"");
    }
}
