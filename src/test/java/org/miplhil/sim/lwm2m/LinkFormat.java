package org.miplhil.sim.lwm2m;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 6690 link format, read independently of Leshan (section 2: {@code link-value = "<" URI-Reference ">"
 * *( ";" link-param )}, link-values separated by {@code ,}, a param value a token or a quoted string). Parsing
 * never throws: an ill-formed payload gives empty.
 */
final class LinkFormat {

    /** One link: its target and its parameters in order (a value without {@code =} is "", quotes removed). */
    record Link(String uri, Map<String, String> params, Map<String, Boolean> quoted) {}

    private LinkFormat() {
    }

    static Optional<List<Link>> parse(String payload) {
        List<Link> links = new ArrayList<>();
        int i = 0;
        int n = payload.length();
        while (i < n) {
            if (payload.charAt(i) != '<') {
                return Optional.empty();
            }
            int end = payload.indexOf('>', i);
            if (end < 0) {
                return Optional.empty();
            }
            String uri = payload.substring(i + 1, end);
            i = end + 1;
            Map<String, String> params = new LinkedHashMap<>();
            Map<String, Boolean> quoted = new LinkedHashMap<>();
            while (i < n && payload.charAt(i) == ';') {
                int start = ++i;
                while (i < n && payload.charAt(i) != '=' && payload.charAt(i) != ';' && payload.charAt(i) != ',') {
                    i++;
                }
                String name = payload.substring(start, i);
                if (name.isEmpty() || params.containsKey(name)) {
                    return Optional.empty();
                }
                String value = "";
                boolean isQuoted = false;
                if (i < n && payload.charAt(i) == '=') {
                    i++;
                    if (i < n && payload.charAt(i) == '"') {
                        int close = payload.indexOf('"', i + 1);
                        if (close < 0) {
                            return Optional.empty();
                        }
                        value = payload.substring(i + 1, close);
                        isQuoted = true;
                        i = close + 1;
                    } else {
                        int vs = i;
                        while (i < n && payload.charAt(i) != ';' && payload.charAt(i) != ',') {
                            i++;
                        }
                        value = payload.substring(vs, i);
                        if (value.isEmpty()) {
                            return Optional.empty();
                        }
                    }
                }
                params.put(name, value);
                quoted.put(name, isQuoted);
            }
            links.add(new Link(uri, params, quoted));
            if (i < n) {
                if (payload.charAt(i) != ',') {
                    return Optional.empty();
                }
                i++;
                if (i == n) {
                    return Optional.empty(); // a trailing comma
                }
            }
        }
        return links.isEmpty() ? Optional.empty() : Optional.of(links);
    }
}
