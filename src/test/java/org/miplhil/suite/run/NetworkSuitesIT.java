package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.miplhil.container.DockerRequired;
import org.miplhil.report.Attachment;
import org.miplhil.report.CaseResult;
import org.miplhil.report.RunRecorder;
import org.miplhil.report.RunResult;
import org.miplhil.report.Status;
import org.miplhil.report.StepResult;

/**
 * Every suite of {@code suites/network/} with the platform in a container (Docker needed), as CI runs them
 * ({@code ./mipl-hil run suites/network --platform container}; docs/network.md, "The network suites"): each case
 * passes, carries its network parameter and the relay's account, and none is skipped or left out.
 */
@Tag("docker")
@ExtendWith(DockerRequired.class)
class NetworkSuitesIT {

    /** The suites and their cases: a case dropped or renamed must be noticed here. */
    private static final Map<String, Integer> CASES = Map.of(
            "registration.yaml", 6,
            "total-loss.yaml", 2,
            "confirmable-notify.yaml", 2,
            "late-read.yaml", 1,
            "duplicates.yaml", 3,
            "update-lifetime.yaml", 2,
            "dfota.yaml", 2);

    @Test
    void everyNetworkSuitePassesThroughThePlatformInAContainer() {
        RunOptions options = RunOptions.builder().container(true).build();
        RunPlan plan = RunPlan.load(List.of(Path.of("suites/network")), options,
                TagSelection.parse(null).selection().orElseThrow());
        assertThat(plan.ok()).as("%s", plan.problems()).isTrue();
        RunResult result;
        try (SuiteRunner runner = new SuiteRunner(options, RunRecorder.builder().build(), ContainerPlatform.defaults())) {
            result = runner.run(plan);
        }
        Map<String, Long> perFile = result.suites().stream().collect(Collectors.toMap(
                s -> Path.of(s.info().sourceFile()).getFileName().toString(), s -> (long) s.cases().size()));
        assertThat(perFile).as("the suites of suites/network and their cases")
                .containsExactlyInAnyOrderEntriesOf(CASES.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> (long) e.getValue())));
        List<CaseResult> cases = result.suites().stream().flatMap(s -> s.cases().stream()).toList();
        assertThat(cases).as("%s", cases.stream().filter(c -> c.status() != Status.PASSED)
                        .map(c -> c.info().name() + ": " + c.status() + " " + c.failure() + "\n" + c.transcript())
                        .toList())
                .allSatisfy(c -> assertThat(c.status()).isEqualTo(Status.PASSED));
        for (CaseResult c : cases) {
            List<StepResult> steps = c.steps();
            assertThat(steps).as("the network step of %s", c.info().name()).anySatisfy(s -> assertThat(s.params())
                    .anySatisfy(p -> assertThat(p.name()).isEqualTo("network")));
            assertThat(Stream.concat(c.attachments().stream(), steps.stream().flatMap(s -> s.attachments().stream()))
                    .map(Attachment::name)).contains("relay stats");
            assertThat(c.transcript()).startsWith("network: ").containsPattern("relay: uplink received \\d+");
        }
        // the network step put uplink loss 100 % on the relay in the middle of the case: every uplink datagram lost
        CaseResult lost = cases.stream().filter(c -> c.info().name().contains("every transmission is lost"))
                .findFirst().orElseThrow();
        assertThat(lost.transcript()).contains("+MIPLEVENT: 0,25,9")
                .containsPattern("relay: uplink received ([1-9]\\d*), delivered 0, dropped \\1,");
    }
}
