package org.miplhil.suite.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miplhil.report.ResultsWriter;
import org.miplhil.sim.profile.FirmwareProfile;

/**
 * The firmware profile(s) a run uses, as the report's environment shows them: the file, its revision
 * ({@code identity.revision}) and the SHA-256 of its content (first 12 hex digits), so a report read later says which
 * profile the module imitated even when the file changed since. {@code --profile} names one for every suite;
 * otherwise each suite's {@code fixtures: profile} (or the default the plan fell back to) counts.
 *
 * @param files     the distinct profile files, in the suites' order
 * @param revisions each file's {@code identity.revision}, empty when the profile was not loaded
 */
record RunProfile(List<Path> files, Map<Path, String> revisions) {

    static final RunProfile NONE = new RunProfile(List.of(), Map.of());

    RunProfile {
        files = List.copyOf(files);
        revisions = Map.copyOf(revisions);
    }

    /** The profiles of a plan's suites; {@code forced} (the --profile option) replaces them all. */
    static RunProfile of(List<RunPlan.SuitePlan> suites, Optional<Path> forced) {
        List<Path> files = new ArrayList<>();
        Map<Path, String> revisions = new LinkedHashMap<>();
        for (RunPlan.SuitePlan s : suites) {
            Optional<Path> file = forced.or(s::profileFile);
            if (file.isEmpty()) {
                continue;
            }
            if (!files.contains(file.get())) {
                files.add(file.get());
            }
            s.profile().map(FirmwareProfile::identity).map(FirmwareProfile.Identity::revision)
                    .filter(r -> !r.isBlank()).ifPresent(r -> revisions.putIfAbsent(file.get(), r));
        }
        if (files.isEmpty()) {
            forced.ifPresent(files::add);
        }
        return new RunProfile(files, revisions);
    }

    /** The environment's {@code profile}: the file, or the files comma-separated when suites differ. */
    String describe() {
        return String.join(", ", files.stream().map(Path::toString).toList());
    }

    /** {@code profile.revision} and {@code profile.sha256} (one value per file, in order), none when no profile. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (files.isEmpty()) {
            return env;
        }
        List<String> revs = new ArrayList<>();
        List<String> shas = new ArrayList<>();
        for (Path f : files) {
            revs.add(revisions.getOrDefault(f, "unknown"));
            shas.add(ResultsWriter.sha256(f).map(s -> s.substring(0, 12)).orElse("unreadable"));
        }
        env.put("profile.revision", String.join(", ", revs));
        env.put("profile.sha256", String.join(", ", shas));
        return env;
    }
}
