package org.miplhil.power;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import org.miplhil.json.Json;

/**
 * Pure: the state a device reports, from a word ({@code ON}, {@code off}, {@code true}, {@code 0}), from a
 * JSON reply and a path, or from a regular expression's first group. Never throws on bad input.
 */
final class StateText {

    private StateText() {
    }

    /** The result of reading a state; {@code problem} says what was wrong when the state is empty. */
    record Read(Optional<PowerState> state, String problem) {
        static Read of(PowerState s) {
            return new Read(Optional.of(s), "");
        }

        static Read problem(String why) {
            return new Read(Optional.empty(), why);
        }
    }

    /** {@code on/true/1/active} → ON, {@code off/false/0/inactive} → OFF, case-insensitive. */
    static Optional<PowerState> word(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "on", "true", "1", "active" -> Optional.of(PowerState.ON);
            case "off", "false", "0", "inactive" -> Optional.of(PowerState.OFF);
            default -> Optional.empty();
        };
    }

    static Read json(String body, String path) {
        Json.Parsed parsed = Json.parse(body);
        if (parsed instanceof Json.Parsed.Error e) {
            return Read.problem("the reply is not JSON (" + e + ")");
        }
        JsonNode node = ((Json.Parsed.Ok) parsed).value();
        StringBuilder walked = new StringBuilder();
        for (String seg : PowerSpec.Http.jsonPathSteps(path)) {
            JsonNode next = null;
            if (node.isObject()) {
                next = node.get(seg);
            } else if (node.isArray() && seg.matches("\\d{1,9}")) {
                next = node.get(Integer.parseInt(seg));
            }
            walked.append(walked.length() == 0 ? "" : ".").append(seg);
            if (next == null) {
                return Read.problem("the reply has no '" + walked + "'");
            }
            node = next;
        }
        JsonNode leaf = node;
        if (leaf.isBoolean()) {
            return Read.of(PowerState.of(leaf.booleanValue()));
        }
        if (leaf.isTextual() || leaf.isIntegralNumber() && leaf.canConvertToLong()) {
            return word(leaf.asText()).map(Read::of)
                    .orElseGet(() -> Read.problem("'" + path + "' is " + Json.write(leaf) + ", not on or off"));
        }
        return Read.problem("'" + path + "' is " + abbreviate(Json.write(leaf)) + ", not on or off");
    }

    static Read regex(String body, Pattern pattern) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            return Read.problem("the reply does not match /" + pattern.pattern() + "/");
        }
        String group = m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
        return word(group).map(Read::of)
                .orElseGet(() -> Read.problem("/" + pattern.pattern() + "/ captured '" + group + "', not on or off"));
    }

    static String abbreviate(String s) {
        String one = s.replace("\r", "\\r").replace("\n", "\\n");
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }
}
