package org.miplhil.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;

/** How reply times become {@code response-delay} keys: the default, and a command's own only where it stands out. */
class LearnedTimingTest {

    private static final Path SHIPPED = Path.of("fixtures/firmware/bc260y-cn.yaml");

    private static ProbeRunner.Learnt learnt(Map<String, List<Long>> millis) {
        Map<String, List<Duration>> per = new TreeMap<>();
        List<Duration> all = new ArrayList<>();
        millis.forEach((c, ms) -> {
            List<Duration> d = ms.stream().map(Duration::ofMillis).toList();
            per.put(c, d);
            all.addAll(d);
        });
        return new ProbeRunner.Learnt(List.of(), all, per, List.of(), Map.of());
    }

    private static Map<String, String> timing(LearnedProfile l) {
        Map<String, String> m = new TreeMap<>();
        l.values().forEach(v -> m.put(v.key(), v.value()));
        return m;
    }

    @Test
    void a_command_slower_than_the_default_by_more_than_the_tolerance_gets_its_own_delay() {
        FirmwareProfile shipped = ProfileLoader.load(SHIPPED).orElseThrow();
        LearnedProfile l = LearnedProfile.of(learnt(Map.of(
                "AT", List.of(147L),                               // one reply: no command's delay
                "ATI", List.of(5L, 6L, 90L),                       // within 100 ms of the default
                "AT+CMEE", List.of(4L, 5L, 6L, 5L, 5L, 7L),
                "AT+MIPLCREATE", List.of(400L, 410L, 420L))), shipped, "R", LocalDate.of(2026, 12, 7));
        assertThat(timing(l)).containsExactly(
                Map.entry("response-delay.AT+MIPLCREATE", "410ms"),
                Map.entry("response-delay.default", "0ms"));
        assertThat(l.differences()).extracting(LearnedProfile.Value::key).containsExactly("response-delay.AT+MIPLCREATE");
    }

    @Test
    void a_command_the_profile_has_a_delay_for_is_confirmed_within_the_tolerance_or_corrected(@TempDir Path dir)
            throws IOException {
        Path p = dir.resolve("slow-open.yaml");
        Files.writeString(p, "extends: " + SHIPPED.toAbsolutePath() + "\n\nresponse-delay:\n"
                + "  AT+MIPLOPEN: {value: 500ms, source: assumed}\n  AT+MIPLCLOSE: {value: 300ms, source: assumed}\n");
        FirmwareProfile slow = ProfileLoader.load(p).orElseThrow();
        LearnedProfile l = LearnedProfile.of(learnt(Map.of(
                "AT+CMEE", List.of(4L, 5L, 6L, 5L, 5L, 7L, 5L, 5L),
                "AT+MIPLOPEN", List.of(530L, 560L, 540L),          // confirms 500ms
                "AT+MIPLCLOSE", List.of(5L, 6L, 5L))), slow, "R", LocalDate.of(2026, 12, 7));
        assertThat(timing(l)).containsExactly(
                Map.entry("response-delay.AT+MIPLCLOSE", "5ms"),
                Map.entry("response-delay.AT+MIPLOPEN", "500ms"),
                Map.entry("response-delay.default", "0ms"));
    }
}
