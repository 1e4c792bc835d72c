package org.miplhil.power.rack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;
import org.miplhil.yaml.LoadResult;
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
    private final Map<Path, LoadResult<FirmwareProfile>> loaded = new HashMap<>();

    RackProfiles(YamlDocument doc) {
        this.doc = doc;
    }

    /**
     * Whether {@code profile} (an existing file) loads; when not, an error at {@code where} naming {@code module}
     * (empty: the one module of a rack of one).
     */
    boolean check(Node where, String module, Path profile) {
        LoadResult<FirmwareProfile> r = loaded.computeIfAbsent(profile.toAbsolutePath().normalize(),
                ProfileLoader::load);
        List<Problem> errors = r.problems().stream().filter(Problem::isError).toList();
        if (r instanceof LoadResult.Ok<FirmwareProfile> && errors.isEmpty()) {
            return true;
        }
        StringBuilder b = new StringBuilder((module.isEmpty() ? "the module" : "module " + module)
                + ": its firmware profile " + profile.getFileName()
                + " does not load");
        List<Problem> quoted = errors.isEmpty() ? r.problems() : errors;
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
