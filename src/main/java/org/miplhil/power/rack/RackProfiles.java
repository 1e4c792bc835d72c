package org.miplhil.power.rack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miplhil.yaml.Problem;
import org.miplhil.yaml.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Checks that each module's firmware profile loads (the profile loader's own checks: unknown keys, values, its
 * {@code extends:}), so that {@code ./mipl-hil lint} on a rack file finds a broken profile before a run reads it. A
 * profile named by several modules is read once; a problem is reported where the module names the profile (its own
 * entry, or the rack's {@code defaults:}), naming the module.
 */
final class RackProfiles {

    /** How many of a profile's problems a message quotes; the rest are counted. */
    private static final int QUOTED = 3;

    private final YamlDocument doc;
    private final ProfileCheck check;
    private final Map<Path, List<Problem>> loaded = new HashMap<>();

    RackProfiles(YamlDocument doc, ProfileCheck check) {
        this.doc = doc;
        this.check = check;
    }

    /**
     * Whether {@code profile} (an existing file) loads; when not, an error at {@code where} naming {@code module}
     * (empty: the one module of a rack of one).
     */
    boolean check(Node where, String module, Path profile) {
        List<Problem> problems = loaded.computeIfAbsent(profile.toAbsolutePath().normalize(), check::problems);
        List<Problem> errors = problems.stream().filter(Problem::isError).toList();
        if (errors.isEmpty()) {
            return true;
        }
        StringBuilder b = new StringBuilder((module.isEmpty() ? "the module" : "module " + module)
                + ": its firmware profile " + profile.getFileName()
                + " does not load");
        List<Problem> quoted = errors;
        quoted.stream().limit(QUOTED).forEach(p -> b.append("; ").append(p));
        if (quoted.size() > QUOTED) {
            b.append("; and ").append(quoted.size() - QUOTED).append(" more");
        }
        doc.error(where, b.toString());
        return false;
    }

    /** The name a message gives a module: its own, else its place in the file. */
    static String label(Optional<String> name, String place) {
        return name.map(n -> n + " (" + place + ")").orElse(place);
    }
}
