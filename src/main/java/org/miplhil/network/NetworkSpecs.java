package org.miplhil.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.miplhil.yaml.YamlDocument;

/**
 * Reads the {@code network:} key of a suite or a case, and the profiles in {@code fixtures/network/}.
 *
 * <p>A value is either a profile name ({@code nbiot-lossy}: the file {@code <dir>/nbiot-lossy.yaml}; {@code none}:
 * no impairment) or a map of figures applied in both directions, {@code {delay: 2s, jitter: 500ms, loss: 15%,
 * duplicate: 5%, reorder: 2%, rate: 20kbit}}, with optional {@code uplink:} (module → platform) and
 * {@code downlink:} (platform → module) maps whose figures override the shared ones for that direction. Units are
 * those of {@link Units}; a figure left out is nothing (no delay, no loss, no rate limit).
 *
 * <p>Use: {@code NetworkSpecs.read(value, NetworkSpecs.DEFAULT_DIR)} where value is the SnakeYAML {@code Node} of
 * the key (problems then carry its line and column) or a plain value (text, map, list, number, null). The result
 * is a {@link Result.Read} with the conditions or a {@link Result.Invalid} with every problem found, each naming
 * the key path ({@code network.uplink.loss}) and what was expected. Nothing here throws on bad input. Lint and the
 * JSON schema take their words from {@link #KEYS}, {@link #FIGURE_KEYS}, {@link #PROFILE_KEYS} and
 * {@link #profileNames}.
 */
public final class NetworkSpecs {

    /** The figures of one direction, in the order they are documented. */
    public static final List<String> FIGURE_KEYS = List.of("delay", "jitter", "loss", "duplicate", "reorder", "rate");
    /** The maps that override the shared figures for one direction. */
    public static final List<String> DIRECTION_KEYS = List.of("uplink", "downlink");
    /** Every key of an inline {@code network:} map. */
    public static final List<String> KEYS = Stream.concat(FIGURE_KEYS.stream(), DIRECTION_KEYS.stream()).toList();
    /** Every key of a profile file: a description, the sources of its figures, then the figures. */
    public static final List<String> PROFILE_KEYS =
            Stream.concat(Stream.of("description", "source"), KEYS.stream()).toList();
    /** Where profiles live, relative to the project's directory. */
    public static final Path DEFAULT_DIR = Path.of("fixtures", "network");
    /** The name that means no impairment, without a file. */
    public static final String NONE = "none";

    private static final Pattern PROFILE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private NetworkSpecs() {
    }

    /** What reading a value gave. */
    public sealed interface Result {
        /** The value was read. */
        record Read(NetworkConditions conditions) implements Result {
        }

        /** The value was not read: every problem found, none empty. */
        record Invalid(List<NetworkProblem> problems) implements Result {
            public Invalid {
                problems = List.copyOf(problems);
            }
        }

        /** The conditions, or empty when there were problems. */
        default Optional<NetworkConditions> value() {
            return this instanceof Read r ? Optional.of(r.conditions()) : Optional.empty();
        }

        default List<NetworkProblem> problems() {
            return this instanceof Invalid i ? i.problems() : List.of();
        }
    }

    /** Reads the value of a {@code network:} key; problems are named from {@code network}. */
    public static Result read(Object value, Path profileDir) {
        return read(value, profileDir, "network");
    }

    /** As {@link #read(Object, Path)}, problems named from {@code key} (e.g. {@code cases[2].network}). */
    public static Result read(Object value, Path profileDir, String key) {
        SpecTree tree = SpecTree.of(value, key);
        Reader r = new Reader(tree, Optional.empty());
        if (tree.root instanceof String name) {
            return readProfile(name.trim(), profileDir, key, tree);
        }
        if (!(tree.root instanceof Map<?, ?> map)) {
            r.problem(key, "must be a profile name (" + String.join(", ", names(profileDir)) + ") or a map of "
                    + String.join(", ", KEYS) + ", found " + SpecTree.describe(tree.root));
            return r.result(null);
        }
        NetworkConditions c = r.conditions(NetworkConditions.INLINE, map, key, KEYS, Optional.empty());
        return r.result(c);
    }

    /** Reads the profile {@code name} from {@code profileDir}. */
    public static Result readProfile(String name, Path profileDir) {
        return readProfile(name, profileDir, "network", SpecTree.of(name, "network"));
    }

    /** The names of the profiles in {@code dir} ({@code <name>.yaml}), sorted; empty when there is no such dir. */
    public static List<String> profileNames(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                    .map(f -> f.substring(0, f.length() - ".yaml".length()))
                    .filter(n -> PROFILE_NAME.matcher(n).matches()).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static List<String> names(Path dir) {
        List<String> all = new ArrayList<>(profileNames(dir));
        all.add(NONE);
        return all;
    }

    private static Result readProfile(String name, Path dir, String key, SpecTree tree) {
        Reader r = new Reader(tree, Optional.empty());
        if (name.equals(NONE)) {
            return r.result(NetworkConditions.none());
        }
        if (!PROFILE_NAME.matcher(name).matches() || dir == null) {
            r.problem(key, "must name a profile (" + String.join(", ", names(dir)) + ") or be a map of "
                    + String.join(", ", KEYS) + ", found '" + shorten(name) + "'");
            return r.result(null);
        }
        Path file = dir.resolve(name + ".yaml");
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException | RuntimeException e) {
            r.problem(key, "names no profile: there is no readable " + file + " (profiles: "
                    + String.join(", ", names(dir)) + ")");
            return r.result(null);
        }
        YamlDocument doc = YamlDocument.compose(file.toString(), text);
        if (doc.root().isEmpty()) {
            List<NetworkProblem> problems = doc.problems().stream().map(p -> new NetworkProblem(name,
                    p.message(), Optional.of(file.toString()), p.line(), p.column())).toList();
            return new Result.Invalid(problems);
        }
        SpecTree profile = SpecTree.of(doc.root().get(), name);
        Reader pr = new Reader(profile, Optional.of(file.toString()));
        if (!(profile.root instanceof Map<?, ?> map)) {
            pr.problem(name, "a profile must be a map of " + String.join(", ", PROFILE_KEYS) + ", found "
                    + SpecTree.describe(profile.root));
            return pr.result(null);
        }
        Optional<String> description = pr.text(map, name, "description");
        Optional<String> source = pr.sources(map, name);
        NetworkConditions c = pr.conditions(name, map, name, PROFILE_KEYS, source);
        return description.isEmpty() || source.isEmpty() ? pr.result(null) : pr.result(c);
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** One pass over one tree, collecting problems. */
    private static final class Reader {
        private final SpecTree tree;
        private final Optional<String> file;
        private final List<NetworkProblem> problems = new ArrayList<>();

        Reader(SpecTree tree, Optional<String> file) {
            this.tree = tree;
            this.file = file;
        }

        void problem(String key, String message) {
            int[] p = tree.position(key);
            problems.add(new NetworkProblem(key, message, file, p[0], p[1]));
        }

        Result result(NetworkConditions c) {
            if (!problems.isEmpty() || c == null) {
                return new Result.Invalid(problems.isEmpty()
                        ? List.of(NetworkProblem.at("network", "cannot be read")) : problems);
            }
            return new Result.Read(c);
        }

        NetworkConditions conditions(String name, Map<?, ?> map, String key, List<String> known,
                                     Optional<String> source) {
            for (Object k : map.keySet()) {
                if (!known.contains(String.valueOf(k))) {
                    problem(key + "." + k, "is not a key of a network (known: " + String.join(", ", known) + ")");
                }
            }
            Figures shared = figures(map, key);
            Figures up = shared;
            Figures down = shared;
            for (String direction : DIRECTION_KEYS) {
                if (!map.containsKey(direction)) {
                    continue;
                }
                Object d = map.get(direction);
                String dkey = key + "." + direction;
                if (!(d instanceof Map<?, ?> dm)) {
                    problem(dkey, "must be a map of " + String.join(", ", FIGURE_KEYS) + ", found "
                            + SpecTree.describe(d));
                    continue;
                }
                for (Object k : dm.keySet()) {
                    if (!FIGURE_KEYS.contains(String.valueOf(k))) {
                        problem(dkey + "." + k, "is not a figure of a direction (known: "
                                + String.join(", ", FIGURE_KEYS) + ")");
                    }
                }
                Figures over = shared.with(figures(dm, dkey));
                if (direction.equals("uplink")) {
                    up = over;
                } else {
                    down = over;
                }
            }
            if (!problems.isEmpty()) {
                return null;
            }
            return new NetworkConditions(name, up.impairment(), down.impairment(), source);
        }

        private Figures figures(Map<?, ?> map, String key) {
            Figures f = new Figures();
            f.delay = figure(map, key, "delay", Units.DURATION_FORM, Units::duration);
            f.jitter = figure(map, key, "jitter", Units.DURATION_FORM, Units::duration);
            f.loss = fraction(map, key, "loss");
            f.duplicate = fraction(map, key, "duplicate");
            f.reorder = fraction(map, key, "reorder");
            f.rate = figure(map, key, "rate", Units.RATE_FORM, t -> {
                OptionalLong l = Units.bitsPerSecond(t);
                return l.isPresent() ? Optional.of(l.getAsLong()) : Optional.empty();
            });
            return f;
        }

        private Double fraction(Map<?, ?> map, String key, String name) {
            return figure(map, key, name, Units.PERCENT_FORM, t -> {
                OptionalDouble d = Units.fraction(t);
                return d.isPresent() ? Optional.of(d.getAsDouble()) : Optional.empty();
            });
        }

        private <T> T figure(Map<?, ?> map, String key, String name, String form,
                             java.util.function.Function<String, Optional<T>> parse) {
            if (!map.containsKey(name)) {
                return null;
            }
            Object v = map.get(name);
            Optional<T> value = v instanceof String s ? parse.apply(s) : Optional.empty();
            if (value.isEmpty()) {
                problem(key + "." + name, "must be " + form + ", found " + SpecTree.describe(v));
                return null;
            }
            return value.get();
        }

        Optional<String> text(Map<?, ?> map, String key, String name) {
            Object v = map.get(name);
            if (v instanceof String s && !s.isBlank()) {
                return Optional.of(s.trim());
            }
            problem(key + "." + name, "must be a text, found " + SpecTree.describe(v));
            return Optional.empty();
        }

        /** {@code source:} a text, or a map from figure to where it comes from; joined for the report. */
        Optional<String> sources(Map<?, ?> map, String key) {
            Object v = map.get("source");
            if (v instanceof String s && !s.isBlank()) {
                return Optional.of(s.trim());
            }
            if (v instanceof Map<?, ?> m && !m.isEmpty()) {
                List<String> parts = new ArrayList<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (e.getValue() instanceof String s && !s.isBlank()) {
                        parts.add(e.getKey() + ": " + s.trim());
                    } else {
                        problem(key + ".source." + e.getKey(), "must be a text saying where the figure comes "
                                + "from, found " + SpecTree.describe(e.getValue()));
                    }
                }
                return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
            }
            problem(key + ".source", "must say where the figures come from: a text, or a map from figure to "
                    + "source, found " + SpecTree.describe(v));
            return Optional.empty();
        }
    }

    /** Figures given for one map; null where not given. */
    private static final class Figures {
        Duration delay;
        Duration jitter;
        Double loss;
        Double duplicate;
        Double reorder;
        Long rate;

        Figures with(Figures over) {
            Figures f = new Figures();
            f.delay = over.delay != null ? over.delay : delay;
            f.jitter = over.jitter != null ? over.jitter : jitter;
            f.loss = over.loss != null ? over.loss : loss;
            f.duplicate = over.duplicate != null ? over.duplicate : duplicate;
            f.reorder = over.reorder != null ? over.reorder : reorder;
            f.rate = over.rate != null ? over.rate : rate;
            return f;
        }

        Impairment impairment() {
            return new Impairment(delay == null ? Duration.ZERO : delay, jitter == null ? Duration.ZERO : jitter,
                    loss == null ? 0 : loss, duplicate == null ? 0 : duplicate, reorder == null ? 0 : reorder,
                    rate == null ? 0 : rate);
        }
    }
}
