package org.miplhil.suite.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miplhil.objects.ObjectDef;
import org.miplhil.objects.ObjectFixtures;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;
import org.miplhil.suite.Case;
import org.miplhil.suite.FixtureFiles;
import org.miplhil.suite.Suite;
import org.miplhil.suite.SuiteLoader;
import org.miplhil.yaml.LoadResult;
import org.miplhil.yaml.Problem;

/**
 * What a run will do, checked before anything touches a module: the suites (every problem of every file as a
 * {@link Problem}), the cases the tag expression selects, and per suite the files it needs read
 * and valid — its object models (for the MCU application) and its firmware profile (the virtual module's behaviour
 * and {@code ${profile.*}}).
 */
public final class RunPlan {

    /** One suite to run: the cases selected and what they need. */
    public record SuitePlan(Suite suite, List<Case> cases, Optional<Path> profileFile,
                            Optional<FirmwareProfile> profile, Map<String, String> profileValues,
                            List<ObjectDef> objects) {
        public SuitePlan {
            cases = List.copyOf(cases);
            profileValues = Map.copyOf(profileValues);
            objects = List.copyOf(objects);
        }
    }

    private final List<SuitePlan> suites;
    private final List<Problem> errors;
    private final int filesRead;

    private RunPlan(List<SuitePlan> suites, List<Problem> errors, int filesRead) {
        this.suites = List.copyOf(suites);
        this.errors = List.copyOf(errors);
        this.filesRead = filesRead;
    }

    /** Suites already loaded and their cases selected (the JUnit engine's, after its filters): no problems. */
    public static RunPlan of(List<SuitePlan> suites) {
        return new RunPlan(suites, List.of(), suites.size());
    }

    /** Loads and checks the suites under {@code paths} and selects cases; never throws on bad input. */
    public static RunPlan load(List<Path> paths, RunOptions options, TagSelection tags) {
        SuiteLoader.Loaded loaded = SuiteLoader.loadAll(paths);
        List<Problem> errors = new ArrayList<>(loaded.problems());
        if (loaded.files().isEmpty() && errors.isEmpty()) {
            for (Path p : paths) {
                errors.add(Problem.inFile(p, "no suite files (*.yaml, *.yml) in the directory"));
            }
        }
        Map<Path, LoadResult<FirmwareProfile>> profiles = new HashMap<>();
        Optional<Path> forced = options.profile();
        if (forced.isPresent()) {
            LoadResult<FirmwareProfile> p = loadProfile(profiles, forced.get());
            errors.addAll(p.problems());
        }
        List<SuitePlan> plans = new ArrayList<>();
        for (Suite suite : loaded.suites()) {
            List<Case> selected = suite.cases().stream().filter(c -> tags.matches(c.tags())).toList();
            LoadResult<List<ObjectDef>> objects = suite.fixtures().objects().isEmpty()
                    ? new LoadResult.Ok<>(List.of()) : ObjectFixtures.loadAll(suite.fixtures().objects());
            errors.addAll(objects.problems());
            Optional<Path> profileFile = forced.or(() -> suite.fixtures().profile());
            if (profileFile.isEmpty() && options.target().isSim()) {
                Path fallback = Path.of(FixtureFiles.DEFAULT_PROFILE);
                if (Files.isRegularFile(fallback)) {
                    profileFile = Optional.of(fallback);
                } else {
                    errors.add(Problem.inFile(suite.position().file(), "the virtual module needs a firmware profile:"
                            + " name one under fixtures: profile or with --profile (" + FixtureFiles.DEFAULT_PROFILE
                            + " is not here)"));
                }
            }
            Optional<FirmwareProfile> profile = Optional.empty();
            if (profileFile.isPresent() && (options.target().isSim() || forced.isPresent())) {
                LoadResult<FirmwareProfile> p = loadProfile(profiles, profileFile.get());
                if (!forced.isPresent()) {
                    errors.addAll(p.problems());
                }
                if (p instanceof LoadResult.Ok<FirmwareProfile> ok) {
                    profile = Optional.of(ok.value());
                }
            }
            Map<String, String> values = profile.filter(x -> forced.isPresent()).map(RunPlan::entries)
                    .orElse(suite.fixtures().profileValues());
            if (!selected.isEmpty() && objects instanceof LoadResult.Ok<List<ObjectDef>> ok) {
                plans.add(new SuitePlan(suite, selected, profileFile, profile, values, ok.value()));
            }
        }
        return new RunPlan(plans, dedupe(errors), loaded.files().size());
    }

    private static LoadResult<FirmwareProfile> loadProfile(Map<Path, LoadResult<FirmwareProfile>> cache, Path file) {
        return cache.computeIfAbsent(file.toAbsolutePath().normalize(), k -> ProfileLoader.load(file));
    }

    /** {@code section.key} → value of every entry of a profile, as {@code ${profile.section.key}} reads them. */
    static Map<String, String> entries(FirmwareProfile profile) {
        Map<String, String> values = new LinkedHashMap<>();
        for (FirmwareProfile.ProfileEntry e : profile.entries()) {
            values.put(e.path(), e.value());
        }
        return values;
    }

    private static List<Problem> dedupe(List<Problem> errors) {
        return List.copyOf(new java.util.LinkedHashSet<>(errors));
    }

    public List<SuitePlan> suites() {
        return suites;
    }

    /** Every problem found; a run does not start when there is an error. */
    public List<Problem> problems() {
        return errors;
    }

    /** The problems as printed, {@code file:line:column: message}. */
    public List<String> errors() {
        return errors.stream().map(Problem::toString).toList();
    }

    public boolean ok() {
        return errors.stream().noneMatch(Problem::isError);
    }

    public int filesRead() {
        return filesRead;
    }

    /** Cases selected, over all suites (one repetition). */
    public int caseCount() {
        return suites.stream().mapToInt(s -> s.cases().size()).sum();
    }
}
