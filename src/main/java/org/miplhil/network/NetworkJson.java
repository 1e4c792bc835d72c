package org.miplhil.network;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.miplhil.json.Json;

/**
 * The relay's control API in JSON. Conditions:
 * <pre>{"name":"nbiot-lossy","uplink":{"delayMs":2000,"jitterMs":500,"loss":0.15,"duplicate":0.05,"reorder":0,
 * "rateBitsPerSecond":0},"downlink":{…},"source":"…"}</pre>
 * (milliseconds may have decimals; fractions from 0 to 1; a figure left out is nothing; {@code source} optional).
 * Stats: {@code {"uplink":{"received":…,"delivered":…,"dropped":…,"duplicated":…,"reordered":…},"downlink":{…}}}.
 * Reading never throws: a {@link Parsed.Error} says what is wrong and where.
 */
public final class NetworkJson {

    private static final List<String> CONDITION_KEYS = List.of("name", "uplink", "downlink", "source");
    private static final List<String> IMPAIRMENT_KEYS =
            List.of("delayMs", "jitterMs", "loss", "duplicate", "reorder", "rateBitsPerSecond");
    private static final List<String> STATS_KEYS = List.of("received", "delivered", "dropped", "duplicated",
            "reordered");
    /** Longer than any network the harness simulates, short of overflowing a Duration in nanoseconds. */
    private static final BigDecimal MAX_MS = BigDecimal.valueOf(86_400_000L);

    private NetworkJson() {
    }

    /** A value read, or why not. */
    public sealed interface Parsed<T> {
        record Ok<T>(T value) implements Parsed<T> {
        }

        record Error<T>(String message) implements Parsed<T> {
        }
    }

    public static String write(NetworkConditions c) {
        ObjectNode o = Json.object();
        o.put("name", c.name());
        o.set("uplink", impairment(c.uplink()));
        o.set("downlink", impairment(c.downlink()));
        c.source().ifPresent(s -> o.put("source", s));
        return Json.write(o);
    }

    public static String write(RelayStats s) {
        ObjectNode o = Json.object();
        o.set("uplink", direction(s.uplink()));
        o.set("downlink", direction(s.downlink()));
        return Json.write(o);
    }

    private static ObjectNode impairment(Impairment i) {
        ObjectNode o = Json.object();
        o.put("delayMs", millis(i.delay()));
        o.put("jitterMs", millis(i.jitter()));
        o.put("loss", i.loss());
        o.put("duplicate", i.duplicate());
        o.put("reorder", i.reorder());
        o.put("rateBitsPerSecond", i.rateBitsPerSecond());
        return o;
    }

    private static BigDecimal millis(Duration d) {
        BigDecimal ms = BigDecimal.valueOf(d.toNanos(), 6).stripTrailingZeros();
        return ms.scale() < 0 ? ms.setScale(0) : ms;
    }

    private static ObjectNode direction(RelayStats.Direction d) {
        ObjectNode o = Json.object();
        o.put("received", d.received());
        o.put("delivered", d.delivered());
        o.put("dropped", d.dropped());
        o.put("duplicated", d.duplicated());
        o.put("reordered", d.reordered());
        return o;
    }

    public static Parsed<NetworkConditions> readConditions(String text) {
        if (!(Json.parse(text) instanceof Json.Parsed.Ok ok)) {
            return new Parsed.Error<>("not JSON: " + Json.parse(text));
        }
        JsonNode root = ok.value();
        List<String> problems = new ArrayList<>();
        if (!root.isObject()) {
            return new Parsed.Error<>("conditions must be a JSON object with " + String.join(", ", CONDITION_KEYS));
        }
        unknown(root, CONDITION_KEYS, "conditions", problems);
        String name = NetworkConditions.INLINE;
        if (root.has("name")) {
            if (root.get("name").isTextual() && !root.get("name").asText().isBlank()) {
                name = root.get("name").asText();
            } else {
                problems.add("name must be a text");
            }
        }
        Optional<String> source = Optional.empty();
        if (root.has("source") && !root.get("source").isNull()) {
            if (root.get("source").isTextual()) {
                source = Optional.of(root.get("source").asText());
            } else {
                problems.add("source must be a text");
            }
        }
        Impairment up = impairment(root.get("uplink"), "uplink", problems);
        Impairment down = impairment(root.get("downlink"), "downlink", problems);
        if (!problems.isEmpty()) {
            return new Parsed.Error<>(String.join("; ", problems));
        }
        return new Parsed.Ok<>(new NetworkConditions(name, up, down, source));
    }

    private static Impairment impairment(JsonNode node, String key, List<String> problems) {
        if (node == null || node.isNull()) {
            return Impairment.NONE;
        }
        if (!node.isObject()) {
            problems.add(key + " must be an object with " + String.join(", ", IMPAIRMENT_KEYS));
            return Impairment.NONE;
        }
        int before = problems.size();
        unknown(node, IMPAIRMENT_KEYS, key, problems);
        Duration delay = duration(node, key, "delayMs", problems);
        Duration jitter = duration(node, key, "jitterMs", problems);
        double loss = fraction(node, key, "loss", problems);
        double duplicate = fraction(node, key, "duplicate", problems);
        double reorder = fraction(node, key, "reorder", problems);
        long rate = 0;
        JsonNode r = node.get("rateBitsPerSecond");
        if (r != null && !r.isNull()) {
            if (r.isIntegralNumber() && r.canConvertToLong() && r.asLong() >= 0) {
                rate = r.asLong();
            } else {
                problems.add(key + ".rateBitsPerSecond must be a whole number of bits per second, 0 or more, found "
                        + r);
            }
        }
        return problems.size() > before ? Impairment.NONE
                : new Impairment(delay, jitter, loss, duplicate, reorder, rate);
    }

    private static Duration duration(JsonNode node, String key, String name, List<String> problems) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Duration.ZERO;
        }
        if (v.isNumber() && v.decimalValue().signum() >= 0 && v.decimalValue().compareTo(MAX_MS) <= 0) {
            return Duration.ofNanos(v.decimalValue().movePointRight(6).longValue());
        }
        problems.add(key + "." + name + " must be milliseconds from 0 to " + MAX_MS + ", found " + v);
        return Duration.ZERO;
    }

    private static double fraction(JsonNode node, String key, String name, List<String> problems) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (v.isNumber() && v.doubleValue() >= 0 && v.doubleValue() <= 1) {
            return v.doubleValue();
        }
        problems.add(key + "." + name + " must be a fraction from 0 to 1, found " + v);
        return 0;
    }

    public static Parsed<RelayStats> readStats(String text) {
        if (!(Json.parse(text) instanceof Json.Parsed.Ok ok) || !ok.value().isObject()) {
            return new Parsed.Error<>("stats must be a JSON object with uplink and downlink, found: "
                    + shorten(text));
        }
        List<String> problems = new ArrayList<>();
        RelayStats.Direction up = direction(ok.value().get("uplink"), "uplink", problems);
        RelayStats.Direction down = direction(ok.value().get("downlink"), "downlink", problems);
        return problems.isEmpty() ? new Parsed.Ok<>(new RelayStats(up, down))
                : new Parsed.Error<>(String.join("; ", problems));
    }

    private static RelayStats.Direction direction(JsonNode node, String key, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add(key + " must be an object with " + String.join(", ", STATS_KEYS));
            return RelayStats.Direction.NONE;
        }
        long[] v = new long[STATS_KEYS.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode n = node.get(STATS_KEYS.get(i));
            if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
                problems.add(key + "." + STATS_KEYS.get(i) + " must be a count, found " + n);
            } else {
                v[i] = n.asLong();
            }
        }
        return new RelayStats.Direction(v[0], v[1], v[2], v[3], v[4]);
    }

    private static void unknown(JsonNode node, List<String> known, String what, List<String> problems) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                problems.add("unknown member '" + f + "' in " + what + " (known: " + String.join(", ", known) + ")");
            }
        }
    }

    private static String shorten(String s) {
        return s == null ? "nothing" : s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
