package org.miplhil.suite;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.miplhil.network.Impairment;
import org.miplhil.network.NetworkConditions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The one place the suite format reads a {@code network:} value into {@link NetworkConditions}: a profile name
 * ({@code fixtures/network/<name>.yaml}) or the map form. TEMPORARY: until the network package's own reader
 * ({@code org.miplhil.network.NetworkSpecs}) is on this branch, a minimal reader of the same language stands here;
 * the parser, lint and the run call only {@link #read}, so replacing the body is the whole change.
 */
public final class NetworkSpecsBridge {

    /** The keys of the map form (both directions) besides {@link #DIRECTIONS}. */
    public static final List<String> FIGURES = List.of("delay", "jitter", "loss", "duplicate", "reorder", "rate");
    /** Module → platform, platform → module. */
    public static final List<String> DIRECTIONS = List.of("uplink", "downlink");
    /** The expected form, for messages. */
    public static final String EXPECTED = "a profile name (nbiot-good, nbiot-edge, nbiot-lossy: fixtures/network/"
            + "<name>.yaml) or a map {delay: 2s, jitter: 500ms, loss: 15%, duplicate: 5%, reorder: 2%, rate: 20kbit}"
            + " with optional uplink: / downlink: maps";

    /** A problem of the value, at a key path such as {@code network.uplink.loss}. */
    public record KeyProblem(String key, String message) {}

    /** The conditions, or what is wrong with the value. */
    public sealed interface Result {
        record Ok(NetworkConditions conditions) implements Result {}

        record Bad(List<KeyProblem> problems) implements Result {}
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,9})?)(ms|s|m)");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,9})?)%");
    private static final Pattern RATE = Pattern.compile("(\\d{1,12}(?:\\.\\d{1,9})?)(bit|kbit|mbit)");

    private NetworkSpecsBridge() {
    }

    /**
     * {@code value}: a String (profile name) or a Map of String to String/Map as the suite wrote it;
     * {@code profilesDir}: {@code fixtures/network}. Never throws on bad input.
     */
    public static Result read(Object value, Path profilesDir) {
        List<KeyProblem> problems = new ArrayList<>();
        if (value instanceof String name) {
            return profile(name.trim(), profilesDir);
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(new KeyProblem("network", "expected " + EXPECTED));
            return new Result.Bad(problems);
        }
        Optional<NetworkConditions> c = conditions(map, "network", NetworkConditions.INLINE, Optional.empty(), problems);
        return c.isPresent() && problems.isEmpty() ? new Result.Ok(c.get()) : new Result.Bad(problems);
    }

    private static Result profile(String name, Path dir) {
        if (!NAME.matcher(name).matches()) {
            return new Result.Bad(List.of(new KeyProblem("network", "'" + name + "' is not a profile name; expected "
                    + EXPECTED)));
        }
        Path file = dir.resolve(name + ".yaml");
        if (!Files.isRegularFile(file)) {
            return new Result.Bad(List.of(new KeyProblem("network", "no network profile '" + name + "' (looked for "
                    + file + "); known: " + String.join(", ", known(dir)))));
        }
        Object doc;
        try {
            doc = new Yaml(new LoaderOptions()).load(Files.readString(file));
        } catch (Exception e) {
            return new Result.Bad(List.of(new KeyProblem("network", "the profile " + file + " cannot be read: "
                    + e.getMessage())));
        }
        if (!(doc instanceof Map<?, ?> m)) {
            return new Result.Bad(List.of(new KeyProblem("network", "the profile " + file + " is not a mapping")));
        }
        Map<Object, Object> figures = new LinkedHashMap<>(m);
        Object source = figures.remove("source");
        figures.remove("sources");
        figures.remove("description");
        figures.remove("name");
        List<KeyProblem> problems = new ArrayList<>();
        Optional<NetworkConditions> c = conditions(figures, name, name,
                Optional.ofNullable(source).map(String::valueOf), problems);
        return c.isPresent() && problems.isEmpty() ? new Result.Ok(c.get()) : new Result.Bad(problems);
    }

    /** The profiles in {@code dir}, by name. */
    public static List<String> known(Path dir) {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                    .map(f -> f.substring(0, f.length() - 5)).sorted().toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static Optional<NetworkConditions> conditions(Map<?, ?> map, String at, String name,
                                                          Optional<String> source, List<KeyProblem> problems) {
        Map<String, Object> both = new LinkedHashMap<>();
        Map<?, ?> up = Map.of();
        Map<?, ?> down = Map.of();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (DIRECTIONS.contains(key)) {
                if (e.getValue() instanceof Map<?, ?> d) {
                    if (key.equals("uplink")) {
                        up = d;
                    } else {
                        down = d;
                    }
                } else {
                    problems.add(new KeyProblem(at + "." + key, "expected a map of " + String.join(", ", FIGURES)));
                }
            } else if (FIGURES.contains(key)) {
                both.put(key, e.getValue());
            } else {
                problems.add(new KeyProblem(at + "." + key, "unknown key '" + key + "' (known: "
                        + String.join(", ", FIGURES) + ", " + String.join(", ", DIRECTIONS) + ")"));
            }
        }
        Impairment uplink = impairment(overlay(both, up, at + ".uplink", problems), at, at + ".uplink", problems);
        Impairment downlink = impairment(overlay(both, down, at + ".downlink", problems), at, at + ".downlink",
                problems);
        if (uplink == null || downlink == null) {
            return Optional.empty();
        }
        return Optional.of(new NetworkConditions(name, uplink, downlink, source));
    }

    /** The figures for both directions with one direction's own over them; each value tagged with its key path. */
    private static Map<String, Object[]> overlay(Map<String, Object> both, Map<?, ?> own, String at,
                                                 List<KeyProblem> problems) {
        Map<String, Object[]> out = new LinkedHashMap<>();
        both.forEach((k, v) -> out.put(k, new Object[] {v, null}));
        for (Map.Entry<?, ?> e : own.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (FIGURES.contains(key)) {
                out.put(key, new Object[] {e.getValue(), at});
            } else {
                problems.add(new KeyProblem(at + "." + key, "unknown key '" + key + "' (known: "
                        + String.join(", ", FIGURES) + ")"));
            }
        }
        return out;
    }

    private static Impairment impairment(Map<String, Object[]> figures, String bothAt, String ownAt,
                                         List<KeyProblem> problems) {
        int before = problems.size();
        Duration delay = Duration.ZERO;
        Duration jitter = Duration.ZERO;
        double loss = 0;
        double duplicate = 0;
        double reorder = 0;
        long rate = 0;
        for (Map.Entry<String, Object[]> e : figures.entrySet()) {
            String key = (e.getValue()[1] == null ? bothAt : (String) e.getValue()[1]) + "." + e.getKey();
            if (e.getValue()[1] == null && problems.stream().anyMatch(p -> p.key().equals(key))) {
                continue; // the shared figure was reported once already (for the uplink)
            }
            String text = String.valueOf(e.getValue()[0]).trim();
            switch (e.getKey()) {
                case "delay", "jitter" -> {
                    Matcher m = DURATION.matcher(text);
                    if (!m.matches()) {
                        problems.add(new KeyProblem(key, "expected a duration such as 2s, 500ms or 1.5s (units ms,"
                                + " s, m), found '" + text + "'"));
                    } else {
                        BigDecimal n = new BigDecimal(m.group(1));
                        long ms = n.multiply(BigDecimal.valueOf(switch (m.group(2)) {
                            case "ms" -> 1;
                            case "s" -> 1000;
                            default -> 60_000;
                        })).longValue();
                        if (e.getKey().equals("delay")) {
                            delay = Duration.ofMillis(ms);
                        } else {
                            jitter = Duration.ofMillis(ms);
                        }
                    }
                }
                case "rate" -> {
                    Matcher m = RATE.matcher(text);
                    if (!m.matches()) {
                        problems.add(new KeyProblem(key, "expected a rate such as 20kbit, 1mbit or 9600bit (bits per"
                                + " second), found '" + text + "'"));
                    } else {
                        rate = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(switch (m.group(2)) {
                            case "bit" -> 1;
                            case "kbit" -> 1000;
                            default -> 1_000_000;
                        })).longValue();
                    }
                }
                default -> {
                    Matcher m = PERCENT.matcher(text);
                    double f = m.matches() ? Double.parseDouble(m.group(1)) / 100 : -1;
                    if (f < 0 || f > 1) {
                        problems.add(new KeyProblem(key, "expected a percentage from 0% to 100% such as 15% or 2.5%,"
                                + " found '" + text + "'"));
                    } else if (e.getKey().equals("loss")) {
                        loss = f;
                    } else if (e.getKey().equals("duplicate")) {
                        duplicate = f;
                    } else {
                        reorder = f;
                    }
                }
            }
        }
        return problems.size() > before ? null : new Impairment(delay, jitter, loss, duplicate, reorder, rate);
    }
}
