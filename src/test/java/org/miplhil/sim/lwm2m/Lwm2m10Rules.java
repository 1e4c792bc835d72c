package org.miplhil.sim.lwm2m;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an LwM2M 1.0 server may insist on in a client's Register (OMA-TS-LightweightM2M-V1_0 section 5.3.1 and
 * 8.2.2), checked on the raw request, independently of Leshan. Each rule broken is one line of the answer.
 * <ul>
 *   <li>Content-Format 40 (application/link-format);</li>
 *   <li>query parameters only those 1.0 defines for Register: {@code ep} (required), {@code lt}, {@code lwm2m}
 *       (1.0), {@code sms}, {@code b} (U, UQ, S, SQ, US, UQS);</li>
 *   <li>a payload in RFC 6690 link format, each link {@code </objId>} or {@code </objId/insId>}, no duplicates,
 *       or the root {@code </>} with {@code rt="oma.lwm2m"} and, if any, one {@code ct}: a single 1.0 format
 *       (text 0, opaque 42, TLV 11542, JSON 11543, or their pre-registration 1542/1543); a list, SenML (110, 112)
 *       or CBOR (60) is LwM2M 1.1;</li>
 *   <li>no attribute on an object link but {@code ver=1.0}: the object versions of 1.1 and later (and the
 *       attribute itself, from 1.1 section 6.2.1.1) are not 1.0's.</li>
 * </ul>
 * Bootstrap-Request (5.2.7.1): the query {@code ep} only ({@code pct} is 1.1), no payload.
 */
final class Lwm2m10Rules {

    static final int LINK_FORMAT = 40;
    static final Set<String> CONTENT_FORMATS_1_0 = Set.of("0", "42", "11542", "11543", "1542", "1543");
    private static final Set<String> BINDINGS = Set.of("U", "UQ", "S", "SQ", "US", "UQS");
    private static final Pattern OBJECT = Pattern.compile("/(\\d{1,5})(/(\\d{1,5}))?");

    private Lwm2m10Rules() {
    }

    static List<String> register(List<String> query, Integer contentFormat, String payload) {
        List<String> broken = new ArrayList<>();
        if (contentFormat == null || contentFormat != LINK_FORMAT) {
            broken.add("Content-Format " + contentFormat + ", not 40");
        }
        Set<String> names = new HashSet<>();
        for (String p : query) {
            int eq = p.indexOf('=');
            String name = eq < 0 ? p : p.substring(0, eq);
            String value = eq < 0 ? null : p.substring(eq + 1);
            if (!names.add(name)) {
                broken.add("query parameter " + name + " twice");
            }
            switch (name) {
                case "ep" -> {
                    if (value == null || value.isEmpty()) {
                        broken.add("empty ep");
                    }
                }
                case "lt" -> {
                    if (value == null || !value.matches("\\d+")) {
                        broken.add("lt not a number: " + value);
                    }
                }
                case "lwm2m" -> {
                    if (!"1.0".equals(value)) {
                        broken.add("lwm2m=" + value + " is not 1.0");
                    }
                }
                case "b" -> {
                    if (!BINDINGS.contains(value)) {
                        broken.add("binding " + value + " is not one of 1.0");
                    }
                }
                case "sms" -> { }
                default -> broken.add("query parameter " + name + " is not one of 1.0");
            }
        }
        if (!names.contains("ep")) {
            broken.add("no ep");
        }
        Optional<List<LinkFormat.Link>> links = LinkFormat.parse(payload == null ? "" : payload);
        if (links.isEmpty()) {
            broken.add("payload is not RFC 6690 link format: " + payload);
            return broken;
        }
        Set<String> seen = new HashSet<>();
        for (LinkFormat.Link l : links.get()) {
            if (!seen.add(l.uri())) {
                broken.add("link " + l.uri() + " twice");
            }
            if (l.params().containsKey("rt")) {
                root(l, broken);
                continue;
            }
            var m = OBJECT.matcher(l.uri());
            if (!m.matches() || Integer.parseInt(m.group(1)) > 65535
                    || (m.group(3) != null && Integer.parseInt(m.group(3)) > 65535)) {
                broken.add("link " + l.uri() + " is not an object or object instance");
            }
            l.params().forEach((name, value) -> {
                if (!(name.equals("ver") && value.equals("1.0"))) {
                    broken.add("attribute " + name + "=" + value + " on " + l.uri() + " is not LwM2M 1.0");
                }
            });
        }
        return broken;
    }

    private static void root(LinkFormat.Link l, List<String> broken) {
        if (!"oma.lwm2m".equals(l.params().get("rt"))) {
            broken.add("rt=" + l.params().get("rt") + " on " + l.uri());
        }
        l.params().forEach((name, value) -> {
            switch (name) {
                case "rt" -> { }
                case "ct" -> {
                    if (!CONTENT_FORMATS_1_0.contains(value)) {
                        broken.add("ct=\"" + value + "\" is not one LwM2M 1.0 content format");
                    }
                }
                default -> broken.add("attribute " + name + " on the root link");
            }
        });
    }

    static List<String> bootstrapRequest(List<String> query, byte[] payload) {
        List<String> broken = new ArrayList<>();
        if (query.size() != 1 || !query.get(0).startsWith("ep=") || query.get(0).length() == 3) {
            broken.add("query " + query + " is not ep=<name> alone");
        }
        if (payload != null && payload.length > 0) {
            broken.add("a payload on Bootstrap-Request");
        }
        return broken;
    }
}
