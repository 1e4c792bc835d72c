package org.miplhil.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.RunPlan;
import org.miplhil.suite.run.TagSelection;

/** One plan per firmware profile of a fleet, read from the real suites and profiles. */
class ProfilePlansTest {

    private static final Path DEFAULT = Path.of("fixtures/firmware/bc260y-cn.yaml");
    private static final Path QUICK = Path.of("fixtures/firmware/bc260y-cn-quick-sleep.yaml");
    private static final Path SUITE = Path.of("suites/fleet/profiles.yaml");

    @Test
    void theSuitesAreReadOncePerProfileNotOncePerModule() {
        Map<String, Path> modules = new LinkedHashMap<>();
        modules.put("a", DEFAULT);
        modules.put("b", QUICK);
        modules.put("c", DEFAULT);
        modules.put("d", Path.of("fixtures/../fixtures/firmware/bc260y-cn-quick-sleep.yaml"));
        List<Path> loads = new ArrayList<>();
        RunOptions base = RunOptions.builder().build();

        ProfilePlans.Loaded loaded = ProfilePlans.load(modules, p -> {
            loads.add(p);
            return RunPlan.load(List.of(SUITE), base.withProfile(Optional.of(p)), TagSelection.all());
        });

        assertThat(loads).containsExactly(DEFAULT, QUICK);
        assertThat(loaded.problems()).isEmpty();
        ProfilePlans plans = loaded.plans().orElseThrow();
        assertThat(plans.mixed()).isTrue();
        assertThat(plans.planOf("c")).isSameAs(plans.planOf("a"));
        assertThat(plans.planOf("d")).isSameAs(plans.planOf("b")).isNotSameAs(plans.planOf("a"));
        // the profile's values resolved in each plan: T3324 10 s against 2 s
        assertThat(plans.planOf("a").suites().get(0).profileValues()).containsEntry("network.psm",
                "1,,,\"00111000\",\"00000101\"");
        assertThat(plans.planOf("b").suites().get(0).profileValues()).containsEntry("network.psm",
                "1,,,\"00111000\",\"00000001\"");
    }

    @Test
    void oneProfileForEveryModuleIsOnePlan() {
        RunOptions base = RunOptions.builder().build();
        ProfilePlans plans = ProfilePlans.load(Map.of("a", DEFAULT, "b", DEFAULT),
                p -> RunPlan.load(List.of(SUITE), base.withProfile(Optional.of(p)), TagSelection.all()))
                .plans().orElseThrow();
        assertThat(plans.mixed()).isFalse();
        assertThat(plans.byProfile()).hasSize(1);
    }
}
