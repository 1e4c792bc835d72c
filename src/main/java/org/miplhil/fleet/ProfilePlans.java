package org.miplhil.fleet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.miplhil.suite.run.RunPlan;

/**
 * The plan each module of a fleet runs: one {@link RunPlan} per distinct firmware profile (the suites parsed and the
 * {@code ${profile.*}} expectations resolved once per profile, never once per module), and which profile each module
 * runs under. A fleet whose modules share one profile (or name none: the suites' own) has one plan.
 * <p>
 * The plans of one selection have the same suites and cases in the same order (the tags select cases, the profile
 * only gives their expected values), so a case is named across plans by its suite's and its own position: a shard
 * hands a case to whichever module is free, and that module runs its own profile's copy of it.
 */
public final class ProfilePlans {

    /** The key of the plan of the modules that name no profile (the suites' own profiles). */
    private static final Optional<Path> NONE = Optional.empty();

    private final Map<Optional<Path>, RunPlan> plans;
    private final Map<String, Optional<Path>> profileByModule;

    private ProfilePlans(Map<Optional<Path>, RunPlan> plans, Map<String, Optional<Path>> profileByModule) {
        this.plans = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(plans));
        this.profileByModule = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(profileByModule));
    }

    /** One plan for every module, whatever its name. */
    public static ProfilePlans single(RunPlan plan) {
        return new ProfilePlans(Map.of(NONE, Objects.requireNonNull(plan, "plan")), Map.of());
    }

    /** What {@link #load} gives: the plans, or the problems that stop the run (each naming its profile). */
    public record Loaded(Optional<ProfilePlans> plans, List<String> problems) {
        public Loaded {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Loads one plan per distinct profile of {@code profileByModule} (module name → its profile file) with
     * {@code loader}: a profile named by several modules is loaded once. The plans must select the same cases; a
     * plan with errors is not a problem of this method (the caller prints its {@link RunPlan#problems()}).
     */
    public static Loaded load(Map<String, Path> profileByModule, Function<Path, RunPlan> loader) {
        Map<Optional<Path>, RunPlan> plans = new LinkedHashMap<>();
        Map<String, Optional<Path>> keys = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : profileByModule.entrySet()) {
            Path file = e.getValue().toAbsolutePath().normalize();
            Optional<Path> key = Optional.of(file);
            keys.put(e.getKey(), key);
            plans.computeIfAbsent(key, k -> loader.apply(e.getValue()));
        }
        if (plans.isEmpty()) {
            return new Loaded(Optional.empty(), List.of("no module to load a plan for"));
        }
        List<String> problems = new ArrayList<>();
        Map.Entry<Optional<Path>, RunPlan> first = plans.entrySet().iterator().next();
        for (Map.Entry<Optional<Path>, RunPlan> e : plans.entrySet()) {
            if (e.getValue().ok() && first.getValue().ok() && !sameCases(first.getValue(), e.getValue())) {
                problems.add("the plans under " + name(first.getKey()) + " and " + name(e.getKey())
                        + " select different cases (" + first.getValue().caseCount() + " and "
                        + e.getValue().caseCount() + ")");
            }
        }
        return new Loaded(Optional.of(new ProfilePlans(plans, keys)), problems);
    }

    private static boolean sameCases(RunPlan a, RunPlan b) {
        if (a.suites().size() != b.suites().size()) {
            return false;
        }
        for (int i = 0; i < a.suites().size(); i++) {
            RunPlan.SuitePlan x = a.suites().get(i);
            RunPlan.SuitePlan y = b.suites().get(i);
            if (x.cases().size() != y.cases().size()
                    || !x.suite().position().file().equals(y.suite().position().file())) {
                return false;
            }
            for (int j = 0; j < x.cases().size(); j++) {
                if (!x.cases().get(j).name().equals(y.cases().get(j).name())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** How a message names a profile: its file name. */
    public static String name(Optional<Path> profile) {
        return profile.map(p -> p.getFileName().toString()).orElse("the suites' own profiles");
    }

    /** The plan {@code module} runs: its profile's, else the first (a fleet of one plan). */
    public RunPlan planOf(String module) {
        RunPlan p = plans.get(profileOf(module));
        return p != null ? p : reference();
    }

    /** The profile {@code module} runs under; empty: the one the options give (or the suites' own). */
    public Optional<Path> profileOf(String module) {
        return profileByModule.getOrDefault(module, NONE);
    }

    /** The first plan: the fleet's count of cases and the shard's estimates. */
    public RunPlan reference() {
        return plans.values().iterator().next();
    }

    /** Whether the modules run under more than one profile. */
    public boolean mixed() {
        return plans.size() > 1;
    }

    /** Every plan, by profile (empty key: the suites' own), in the order the modules named them. */
    public Map<Optional<Path>, RunPlan> byProfile() {
        return plans;
    }
}
