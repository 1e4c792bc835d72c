package org.miplhil.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.sim.fault.FaultPlanLoader;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.Mistake;
import org.miplhil.sim.profile.ProfileLoader;
import org.miplhil.sim.profile.Source;

/**
 * {@code profile learn} against the virtual module on a real pseudo-terminal: it learns exactly what a fault plan or
 * another profile changed, and nothing else.
 */
class ProfileLearnTest {

    private static final Path SHIPPED = Path.of("fixtures/firmware/bc260y-cn.yaml");
    private static final Path VARIANT = Path.of("src/test/resources/learn/bc260y-cn-variant.yaml");
    private static final Path REGISTERED_VARIANT = Path.of("src/test/resources/learn/bc260y-cn-registered-variant.yaml");
    private static final LocalDate DAY = LocalDate.of(2026, 12, 7);

    private static FirmwareProfile load(Path p) {
        return ProfileLoader.load(p).orElseThrow();
    }

    private static LearnedProfile learn(FirmwareProfile runs, FaultPlan faults, FirmwareProfile current)
            throws IOException {
        try (ProbedModule m = ProbedModule.virtual(runs, faults, Duration.ofSeconds(30))) {
            ProbeRunner.Learnt learnt = new ProbeRunner(m).withoutPowerCycleOrSleep().runAll(current);
            return LearnedProfile.of(learnt, current, "R1", DAY);
        }
    }

    private static Map<String, String> differences(LearnedProfile l) {
        return l.differences().stream().collect(Collectors.toMap(LearnedProfile.Value::key,
                v -> v.current() + " -> " + (v.representable() ? v.value() : "(" + v.answer() + ")"), (a, b) -> a,
                TreeMap::new));
    }

    @Test
    void the_module_as_profiled_differs_in_nothing() throws IOException {
        FirmwareProfile shipped = load(SHIPPED);
        LearnedProfile l = learn(shipped, FaultPlan.none(), shipped);
        assertThat(differences(l)).as(LearnedProfileText.markdown(l, "shipped")).isEmpty();
        // all learnt but the power cycle and deep sleep, left out here (ProfileLearnModuleTest's)
        assertThat(l.notRun().keySet()).as(LearnedProfileText.markdown(l, "shipped"))
                .containsOnly(PowerCycleProbes.KEYS, SleepProbes.KEYS);
        assertThat(l.values()).extracting(LearnedProfile.Value::key)
                .contains("at.echo", "at.cmee", "mipl.default-bs-mode", "identity.revision", "errors.create.twice",
                        "errors.addobj.too-many", "test-responses.AT+MIPLOPEN", "response-delay.default");
    }

    @Test
    void a_fault_plan_that_changes_an_error_code_is_learnt_as_that_code_alone() throws IOException {
        FirmwareProfile shipped = load(SHIPPED);
        FaultPlan wrongCode = FaultPlanLoader.load(Path.of("fixtures/faults/wrong-error-code.yaml")).orElseThrow();
        LearnedProfile l = learn(shipped, wrongCode, shipped);
        assertThat(differences(l)).containsExactly(Map.entry("errors.open.lifetime-range", "652 -> 651"));
    }

    @Test
    void a_profile_variant_is_learnt_exactly_where_it_differs() throws IOException {
        LearnedProfile l = learn(load(VARIANT), FaultPlan.none(), load(SHIPPED));
        assertThat(differences(l)).containsExactly(
                Map.entry("errors.create.twice", "653 -> 655"),
                Map.entry("identity.revision", "BC260YCNAAR01A03 -> BC260YCNAAR01A04"),
                Map.entry("mipl.default-bs-mode", "1 -> 0"));
    }

    @Test
    void the_strict_parser_is_learnt_as_its_three_parsing_keys() throws IOException {
        // parsing.discover-list-split needs a discover request: the registered probes answer one
        LearnedProfile l = learn(load(Path.of("fixtures/firmware/bc260y-cn-strict.yaml")), FaultPlan.none(), load(SHIPPED));
        assertThat(differences(l)).containsExactly(
                Map.entry("parsing.discover-list-split", "skip-empty -> strict"),
                Map.entry("parsing.hex-integers", "true -> false"),
                Map.entry("parsing.quotes-optional", "true -> false"));
    }

    @Test
    void a_fault_plan_that_changes_a_code_only_a_registered_module_shows_is_learnt_as_that_code_alone()
            throws IOException {
        FirmwareProfile shipped = load(SHIPPED);
        FaultPlan wrongCode = FaultPlanLoader.load(Path.of("src/test/resources/learn/rsp-rai-wrong-code.yaml"))
                .orElseThrow();
        LearnedProfile l = learn(shipped, wrongCode, shipped);
        assertThat(differences(l)).as(LearnedProfileText.markdown(l, "shipped"))
                .containsExactly(Map.entry("errors.rsp.rai-range", "652 -> 651"));
    }

    @Test
    void a_profile_variant_of_registered_behaviour_is_learnt_exactly_where_it_differs() throws IOException {
        LearnedProfile l = learn(load(REGISTERED_VARIANT), FaultPlan.none(), load(SHIPPED));
        assertThat(differences(l)).as(LearnedProfileText.markdown(l, "shipped")).containsExactly(
                Map.entry("mipl.endpoint-name", "${imei};${imsi} -> ${imei}"),
                Map.entry("mipl.lifetime-zero-means", "3600 -> 7200"),
                Map.entry("parsing.notify-match", "msgid -> path"));
        // what no key governs is measured, and reported beside the keys
        assertThat(l.measurements()).extracting(Measurement::name)
                .containsExactly(ProbeRunner.REGISTRATION_TIME, RequestProbes.READ_TIME);
        assertThat(LearnedProfileText.yaml(l, "bc260y-cn.yaml", "sim", "bc260y-cn.yaml"))
                .contains("# Measured (no key of the profile governs these):", ProbeRunner.REGISTRATION_TIME + ": median ");
    }

    @Test
    void without_a_platform_the_probes_that_need_one_are_not_learnt_and_say_why() throws IOException {
        FirmwareProfile shipped = load(SHIPPED);
        try (ProbedModule m = ProbedModule.virtual(shipped, FaultPlan.none(), Duration.ofSeconds(30),
                java.util.Optional.empty())) {
            LearnedProfile l = LearnedProfile.of(new ProbeRunner(m).withoutPowerCycleOrSleep().runAll(shipped),
                    shipped, "R1", DAY);
            assertThat(differences(l)).isEmpty();
            assertThat(l.notRun()).containsKeys("errors.notify.flag-range", "mipl.endpoint-name",
                    "parsing.discover-list-split", "errors.rsp.expired-msgid");
            assertThat(l.notRun().get("mipl.endpoint-name")).contains("needs a platform: no platform was given");
            assertThat(LearnedProfileText.markdown(l, "shipped")).contains("Not learnt (");
        }
    }

    @Test
    void two_learnt_profiles_of_two_behaviours_differ_exactly_where_the_behaviour_does(@TempDir Path dir)
            throws IOException {
        FirmwareProfile shipped = load(SHIPPED);
        LearnedProfile a = learn(shipped, FaultPlan.none(), shipped);
        LearnedProfile b = learn(load(VARIANT), FaultPlan.none(), shipped);
        // written as files and read back by the loader, as a release's learnt profile is kept
        FirmwareProfile fa = write(a, dir.resolve("a/learned.yaml"));
        FirmwareProfile fb = write(b, dir.resolve("b/learned.yaml"));
        Map<String, String> changed = new TreeMap<>();
        for (FirmwareProfile.ProfileEntry e : fa.entries()) {
            String other = fb.entry(e.path()).orElseThrow().value();
            if (!other.equals(e.value())) {
                changed.put(e.path(), e.value() + " -> " + other);
            }
        }
        assertThat(changed).containsExactly(
                Map.entry("errors.create.twice", "653 -> 655"),
                Map.entry("identity.revision", "BC260YCNAAR01A03 -> BC260YCNAAR01A04"),
                Map.entry("mipl.default-bs-mode", "1 -> 0"));
        assertThat(fb.code(Mistake.CREATE_TWICE)).isEqualTo(655);
        assertThat(fb.entry("errors.create.twice").orElseThrow().source())
                .isEqualTo(new Source(Source.Kind.OBSERVED, "R1 2026-12-07"));
        // a key no probe learns keeps the current profile's value and source
        assertThat(fb.entry("mipl.purge-after").orElseThrow().source().kind()).isEqualTo(Source.Kind.OBSERVED_ELSEWHERE);
    }

    private static FirmwareProfile write(LearnedProfile l, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, LearnedProfileText.yaml(l, LearnedProfileText.relativeBase(file, SHIPPED), "sim",
                SHIPPED.toString()), StandardCharsets.UTF_8);
        var loaded = ProfileLoader.load(file);
        assertThat(loaded.errors()).as(Files.readString(file)).isEmpty();
        return loaded.orElseThrow();
    }
}
