package org.miplhil.platform.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.miplhil.json.Json;

/** Query and body helpers of the device and cached-command calls. Pure; never throws. */
final class Params {

    private Params() {
    }

    /** The decoded query, or empty when a parameter is undecodable or given twice. */
    static Optional<Map<String, String>> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.of(out);
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (out.put(k, v) != null) {
                    return Optional.empty();
                }
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }

    /** The body as a JSON object, or empty when it is not one (or over 2 KB, OneNET's limit). */
    static Optional<JsonNode> object(String body) {
        if (body == null || body.isBlank() || body.getBytes(StandardCharsets.UTF_8).length > ApiRequest.MAX_BODY_BYTES) {
            return Optional.empty();
        }
        Json.Parsed parsed = Json.parse(body);
        if (parsed instanceof Json.Parsed.Ok ok && ok.value().isObject()) {
            return Optional.of(ok.value());
        }
        return Optional.empty();
    }

    /** A text member, or null when absent or not text. */
    static String text(JsonNode o, String name) {
        JsonNode v = o.get(name);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    static boolean digits(String s, int min, int max) {
        return s != null && s.length() >= min && s.length() <= max && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** An integer parameter in [min, max], its default when absent, null when ill-formed or out of range. */
    static Integer intIn(Map<String, String> q, String name, int min, int max, int dflt) {
        String v = q.get(name);
        if (v == null) {
            return dflt;
        }
        if (!digits(v, 1, 9)) {
            return null;
        }
        int n = Integer.parseInt(v);
        return n < min || n > max ? null : n;
    }
}
