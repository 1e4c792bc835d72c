package org.miplhil.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.sim.fault.FaultPlanLoader;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;

/**
 * The probes that need the UART alone (error texts, the line limit), bisections (lifetime, timeout, object limits),
 * a power cycle (power-up lines, AT+CMEE kept) and a deep-sleep cycle (the sleep lines, the wake time), against the
 * virtual module on a real pseudo-terminal with its own power input and PSM_EINT: a module as profiled differs in
 * nothing, a variant exactly where it was changed.
 */
class ProfileLearnModuleTest {

    private static final Path SHIPPED = Path.of("fixtures/firmware/bc260y-cn.yaml");
    private static final Path QUICK_SLEEP = Path.of("fixtures/firmware/bc260y-cn-quick-sleep.yaml");
    private static final Path VARIANT = Path.of("src/test/resources/learn/bc260y-cn-module-variant.yaml");
    private static final List<String> KEYS = List.of("general.cme-parameter-error-text", "general.cis-error-texts",
            "at.max-line-length", "mipl.lifetime-min", "mipl.lifetime-max", "mipl.timeout-min", "mipl.timeout-max",
            "limits.max-objects", "limits.ins-count-max", "errors.any.no-pdn", "general.cmee-saved",
            "mipl.config-at-power-up", "power-up[0]", "power-up[3]", "sleep.wake-time", "sleep.enter-deep-line",
            "sleep.exit-deep-line");

    private static FirmwareProfile load(Path p) {
        return ProfileLoader.load(p).orElseThrow();
    }

    private record Run(LearnedProfile learnt, Map<String, String> notRun) {}

    private static Run learn(FirmwareProfile runs, FaultPlan faults, FirmwareProfile current, boolean switches)
            throws IOException {
        // no platform: these probes need none, and the registered ones are ProfileLearnTest's
        try (ProbedModule m = ProbedModule.virtual(runs, faults, Duration.ofSeconds(30), Optional.empty())) {
            ProbeRunner runner = switches ? new ProbeRunner(m) : new ProbeRunner(m.session());
            ProbeRunner.Learnt learnt = runner.runAll(current);
            return new Run(LearnedProfile.of(learnt, current, "R1", LocalDate.of(2026, 12, 8)), learnt.notRun());
        }
    }

    private static Map<String, String> differences(LearnedProfile l) {
        return l.differences().stream().collect(Collectors.toMap(LearnedProfile.Value::key,
                v -> v.current() + " -> " + (v.representable() ? v.value() : "(" + v.answer() + ")"), (a, b) -> a,
                TreeMap::new));
    }

    private static Map<String, LearnedProfile.Value> byKey(LearnedProfile l) {
        return l.values().stream().collect(Collectors.toMap(LearnedProfile.Value::key, v -> v, (a, b) -> a, TreeMap::new));
    }

    @Test
    void the_module_as_profiled_differs_in_nothing_and_every_key_is_learnt() throws IOException {
        FirmwareProfile shipped = load(SHIPPED);
        Run run = learn(shipped, FaultPlan.none(), shipped, true);
        assertThat(differences(run.learnt())).isEmpty();
        Map<String, LearnedProfile.Value> v = byKey(run.learnt());
        assertThat(v).containsKeys(KEYS.toArray(String[]::new));
        assertThat(v.get("at.max-line-length").value()).isEqualTo("4000");
        assertThat(v.get("mipl.lifetime-max").value()).isEqualTo("268435455");
        assertThat(v.get("mipl.timeout-max").value()).isEqualTo("65535");
        assertThat(v.get("general.cis-error-texts").answer()).contains("654: AT+MIPLADDOBJ").contains("(null)");
        // the firmware has a default configuration: create.no-config is not reachable, and said so
        assertThat(run.notRun()).containsKey("errors.create.no-config")
                .doesNotContainKeys(PowerCycleProbes.KEYS, SleepProbes.KEYS);
    }

    @Test
    void a_variant_is_learnt_exactly_where_it_differs_and_reads_back(@TempDir Path dir) throws IOException {
        FirmwareProfile shipped = load(SHIPPED);
        Run run = learn(load(VARIANT), FaultPlan.none(), shipped, true);
        Map<String, String> diff = differences(run.learnt());
        assertThat(diff.keySet()).containsExactly("general.cis-error-texts", "limits.max-objects", "mipl.lifetime-min",
                "power-up[0]", "sleep.enter-deep-line");
        assertThat(diff).containsEntry("limits.max-objects", "8 -> 6")
                .containsEntry("mipl.lifetime-min", "15 -> 120")
                .containsEntry("sleep.enter-deep-line", "+QNBIOTEVENT: \"ENTER DEEPSLEEP\" -> +QNBIOTEVENT: \"ENTER PSM\"")
                .containsEntry("general.cis-error-texts", "652=CIS_PARAM_ERROR,653=CIS_STATUS_ERROR,655=CIS_UNKNOWN_ERROR"
                        + " -> 651=CIS_MEMORY_ERROR,652=CIS_PARAM_ERROR,653=CIS_STATUS_ERROR,655=CIS_UNKNOWN_ERROR");
        assertThat(diff.get("power-up[0]")).startsWith("RDY after 200ms -> RDY after ").doesNotEndWith("after 200ms");

        // written and read back by the loader: the learnt power-up list and sleep line are the profile's now
        Path file = dir.resolve("learned.yaml");
        Files.writeString(file, LearnedProfileText.yaml(run.learnt(), LearnedProfileText.relativeBase(file, SHIPPED),
                "sim", SHIPPED.toString()), StandardCharsets.UTF_8);
        var loaded = ProfileLoader.load(file);
        assertThat(loaded.errors()).as(Files.readString(file)).isEmpty();
        FirmwareProfile back = loaded.orElseThrow();
        assertThat(back.powerUp()).hasSize(4);
        assertThat(back.powerUp().get(0).after()).isBetween(Duration.ofMillis(400), Duration.ofMillis(1500));
        assertThat(back.powerUp().get(3).attach()).isTrue();
        assertThat(back.sleep().enterDeepLine()).isEqualTo("+QNBIOTEVENT: \"ENTER PSM\"");
        assertThat(back.limits().maxObjects()).isEqualTo(6);
        assertThat(back.mipl().lifetimeMin()).isEqualTo(120);
    }

    @Test
    void a_fault_plan_line_at_power_up_is_learnt_as_one_more_power_up_line() throws IOException {
        FaultPlan plan = FaultPlanLoader.load(Path.of("src/test/resources/learn/power-up-line.yaml")).orElseThrow();
        Run run = learn(load(QUICK_SLEEP), plan, load(SHIPPED), true);
        Map<String, String> diff = differences(run.learnt());
        assertThat(diff.keySet()).containsExactly("power-up[4]");
        assertThat(diff.get("power-up[4]")).startsWith(" -> +QIND: \"HIL\" after ");
    }

    @Test
    void without_a_power_switch_or_a_wake_pin_those_probes_are_reported_as_not_run() throws IOException {
        FirmwareProfile shipped = load(SHIPPED);
        Run run = learn(shipped, FaultPlan.none(), shipped, false);
        assertThat(differences(run.learnt())).isEmpty();
        assertThat(run.notRun()).containsKeys(PowerCycleProbes.KEYS, SleepProbes.KEYS);
        assertThat(run.notRun().get(PowerCycleProbes.KEYS)).contains("no power switch");
        assertThat(byKey(run.learnt())).containsKeys("errors.any.no-pdn", "limits.max-objects", "at.max-line-length")
                .doesNotContainKeys("general.cmee-saved", "power-up[0]", "sleep.wake-time");
    }
}
