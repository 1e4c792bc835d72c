package org.miplhil.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.report.CaseResult;
import org.miplhil.report.ConsoleReporter;
import org.miplhil.report.ReportLayout;
import org.miplhil.report.Status;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.RunPlan;
import org.miplhil.suite.run.TagSelection;

/**
 * Two virtual modules on one embedded platform, each on its own pseudo-terminal with its own IMEI, running the cases
 * of {@code suites/fleet/isolation.yaml} that would collide if a module saw the other's URCs or platform traffic:
 * through the real {@link FleetRunner}, real pseudo-terminals and real UDP on loopback.
 */
class FleetIsolationTest {

    static final Path SUITE = Path.of("suites/fleet/isolation.yaml");
    static final Pattern CONFIG_PORT = Pattern.compile("TX AT\\+MIPLCONFIG=0,\\d,0,\"127\\.0\\.0\\.1\",(\\d+)");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private FleetRunner.Result run(FleetMode mode, String tags) {
        return run(SUITE, mode, tags);
    }

    private FleetRunner.Result run(Path suite, FleetMode mode, String tags) {
        RunOptions options = RunOptions.builder().build();
        RunPlan plan = RunPlan.load(List.of(suite), options, TagSelection.parse(tags).selection().orElseThrow());
        assertThat(plan.caseCount()).as("cases selected by '%s'", tags).isPositive();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        FleetRunner fleet = new FleetRunner(VirtualFleet.of(2, "866971050123456"), mode, options,
                new ReportLayout(dir.resolve("reports")), out, ConsoleReporter.builder(out).build(),
                CaseEstimates.none());
        assertThat(fleet.sharesPlatform()).isTrue();
        return fleet.run(plan);
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    /** Every case each module ran, by module. */
    private static Map<String, List<CaseResult>> cases(FleetRunner.Result r) {
        Map<String, List<CaseResult>> out = new LinkedHashMap<>();
        r.byModule().forEach((module, run) -> out.put(module, run.suites().stream()
                .flatMap(s -> s.cases().stream()).toList()));
        return out;
    }

    /** The platform port each case's module was configured with: one platform, the same port everywhere. */
    private static List<Integer> configuredPorts(Map<String, List<CaseResult>> byModule) {
        List<Integer> ports = new ArrayList<>();
        byModule.values().forEach(list -> list.forEach(c -> {
            Matcher m = CONFIG_PORT.matcher(c.transcript());
            while (m.find()) {
                ports.add(Integer.parseInt(m.group(1)));
            }
        }));
        return ports;
    }

    private static long count(String transcript, String regex) {
        return Pattern.compile(regex, Pattern.MULTILINE).matcher(transcript).results().count();
    }

    @Test
    void replicatedOnTwoModulesEachCountsItsOwnNotificationsAndGetsItsOwnReadOnly() {
        FleetRunner.Result r = run(FleetMode.REPLICATE, "pair:notify | pair:read");

        Map<String, List<CaseResult>> byModule = cases(r);
        assertThat(byModule.keySet()).containsExactly("sim-1", "sim-2");
        byModule.forEach((module, list) -> assertThat(list).as("cases of %s", module).hasSize(4));
        assertThat(notPassed(byModule)).isEmpty();
        assertThat(r.exitCode()).isZero();

        // one platform: the console says so and every module was configured with its port
        Matcher shared = Pattern.compile("one embedded platform for the modules at coap://127\\.0\\.0\\.1:(\\d+)")
                .matcher(console());
        assertThat(shared.find()).as("the fleet's platform line in:%n%s", console()).isTrue();
        assertThat(configuredPorts(byModule)).isNotEmpty().containsOnly(Integer.parseInt(shared.group(1)));

        // the same case at the same time on both modules: each module's read came to it once, its notifications
        // were its own count (the cases assert count: 3 and count: 5; a leak would make them 6 and 10)
        for (List<CaseResult> list : byModule.values()) {
            CaseResult read = named(list, "A read of this module");
            assertThat(count(read.transcript(), "RX \\+MIPLREAD: ")).as("reads in:%n%s", read.transcript())
                    .isEqualTo(1);
            CaseResult unread = named(list, "A module the platform does not read");
            assertThat(count(unread.transcript(), "RX \\+MIPLREAD: ")).isZero();
        }
        assertThat(overlap(named(byModule.get("sim-1"), "Three notifications"),
                named(byModule.get("sim-2"), "Three notifications"))).as("the same case at the same time")
                .isGreaterThan(Duration.ofSeconds(2));
    }

    @Test
    void shardedOverTwoModulesEachPairRanAtOnceOnBothAndNeitherSawTheOther() {
        FleetRunner.Result r = run(FleetMode.SHARD, "isolation");

        Map<String, List<CaseResult>> byModule = cases(r);
        List<CaseResult> all = byModule.values().stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(8);
        assertThat(notPassed(byModule)).isEmpty();
        assertThat(configuredPorts(byModule)).isNotEmpty().containsOnly(configuredPorts(byModule).get(0));

        // each pair ran on both modules at the same time: the case acting 3 s in acted while the other watched
        for (String[] pair : new String[][] {
                {"Three notifications", "Five notifications"},
                {"A read of this module", "A module the platform does not read"},
                {"A deregistration at the platform", "A module stays registered"},
                {"A power cut restarts this module", "A module keeps its power"}}) {
            String moduleA = moduleOf(byModule, pair[0]);
            String moduleB = moduleOf(byModule, pair[1]);
            assertThat(moduleA).as("the modules of '%s' and '%s'", pair[0], pair[1]).isNotEqualTo(moduleB);
            assertThat(overlap(named(byModule.get(moduleA), pair[0]), named(byModule.get(moduleB), pair[1])))
                    .as("'%s' and '%s' at the same time", pair[0], pair[1]).isGreaterThan(Duration.ofSeconds(3));
        }
        CaseResult unread = named(byModule.get(moduleOf(byModule, "A module the platform does not read")),
                "A module the platform does not read");
        assertThat(count(unread.transcript(), "RX \\+MIPLREAD: ")).isZero();
        CaseResult powered = named(byModule.get(moduleOf(byModule, "A module keeps its power")),
                "A module keeps its power");
        assertThat(count(powered.transcript(), "RX (RDY|\\+CFUN: 1)$")).as("in:%n%s", powered.transcript()).isZero();
        CaseResult cut = named(byModule.get(moduleOf(byModule, "A power cut restarts")), "A power cut restarts");
        assertThat(count(cut.transcript(), "RX RDY$")).as("the cut module restarted").isPositive();
    }

    @Test
    void twoModulesUpdateFromTheSamePackageAtOnceEachCampaignItsOwn() {
        // both bootstrap at the shared bootstrap server, download the same package from the shared package server
        // (each at its own URI, /fota/<IMEI>/<file>) and update; each campaign follows its own device's download
        FleetRunner.Result r = run(Path.of("suites/dfota/dfota.yaml"), FleetMode.REPLICATE, "doc:7.10.6");

        Map<String, List<CaseResult>> byModule = cases(r);
        byModule.forEach((module, list) -> assertThat(list).as("cases of %s", module).hasSize(1));
        assertThat(notPassed(byModule)).isEmpty();
        assertThat(overlap(byModule.get("sim-1").get(0), byModule.get("sim-2").get(0)))
                .as("the two campaigns at the same time").isGreaterThan(Duration.ofSeconds(2));
    }

    /** The cases that did not pass, each with its module and failure. */
    private static List<String> notPassed(Map<String, List<CaseResult>> byModule) {
        List<String> out = new ArrayList<>();
        byModule.forEach((module, list) -> list.stream().filter(c -> c.status() != Status.PASSED)
                .forEach(c -> out.add(module + ": " + c.info().name() + ": " + c.status() + ": "
                        + (c.failure() == null ? "" : c.failure().message()))));
        return out;
    }

    private static CaseResult named(List<CaseResult> list, String prefix) {
        return list.stream().filter(c -> c.info().name().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no case '" + prefix + "...' among " + list.stream()
                        .map(c -> c.info().name()).toList()));
    }

    private static String moduleOf(Map<String, List<CaseResult>> byModule, String prefix) {
        return byModule.entrySet().stream().filter(e -> e.getValue().stream()
                        .anyMatch(c -> c.info().name().startsWith(prefix))).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no module ran '" + prefix + "...'"));
    }

    /** How long two cases ran at the same time (zero when they did not). */
    private static Duration overlap(CaseResult a, CaseResult b) {
        Instant from = a.start().isAfter(b.start()) ? a.start() : b.start();
        Instant to = a.stop().isBefore(b.stop()) ? a.stop() : b.stop();
        return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
    }
}
