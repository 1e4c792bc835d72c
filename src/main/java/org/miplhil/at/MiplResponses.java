package org.miplhil.at;

import java.util.List;

/** Parses the information lines of MIPL commands ({@code +MIPLCREATE: 0}, {@code +MIPLCONFIG: …}, {@code +MIPLVER: …}, test answers). */
public final class MiplResponses {

    private MiplResponses() {}

    public static Parsed<MiplResponse> parse(String line) {
        if (line == null) {
            return Parsed.invalid("no line");
        }
        String text = line.strip();
        int colon = text.indexOf(':');
        if (!text.startsWith("+") || colon < 0) {
            return Parsed.invalid("not a MIPL information response: \"" + text + "\"");
        }
        var name = MiplCommandName.of(text.substring(0, colon));
        if (name.isEmpty()) {
            return Parsed.invalid("not a MIPL information response: \"" + text.substring(0, colon) + "\"");
        }
        String body = text.substring(colon + 1);
        if (body.startsWith(" ")) {
            body = body.substring(1);
        }
        MiplCommandName n = name.get();
        if (body.startsWith("(") && n.supports(ParsedCommand.Form.TEST)) {
            return Parsed.ok(new MiplResponse.TestInfo(n, body));
        }
        String what = n.atName() + " response";
        switch (n) {
            case MIPLCREATE: {
                String b = body;
                return AtCommandLine.splitParams(b, what).flatMap(p -> Fields.read(p, what, f -> {
                    f.count(1, 1, "<ref>");
                    return (MiplResponse) new MiplResponse.CreateInfo(f.intAt(0, "ref"));
                }));
            }
            case MIPLVER:
                if (body.isEmpty()) {
                    return Parsed.invalid("+MIPLVER: without a <version>", 0);
                }
                return Parsed.ok(new MiplResponse.VerInfo(body));
            case MIPLCONFIG: {
                Parsed<List<Param>> params = AtCommandLine.splitParams(body, what);
                return params.flatMap(p -> Fields.read(p, what, f -> {
                    f.count(5, 6, "<mode>,<recv_data_format>,<bsMode>,<ip>,<port>,<auto_update>");
                    return (MiplResponse) new MiplResponse.ConfigInfo(f.intAt(0, "mode"), f.intAt(1, "recv_data_format"),
                            f.intAt(2, "bsMode"), f.stringAt(3, "ip"), f.intAt(4, "port"), f.optInt(5, "auto_update"),
                            f.param(3).quoted());
                }));
            }
            default:
                if (n.supports(ParsedCommand.Form.TEST)) {
                    return Parsed.ok(new MiplResponse.TestInfo(n, body));
                }
                return Parsed.invalid(n.atName() + " has no information response");
        }
    }
}
