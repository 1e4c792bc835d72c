package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
 * {@code suites/network/registration.yaml} with the platform in a container (Docker needed): the virtual module
 * registers with and without bootstrap under nbiot-good within the OPEN timeout, and the report carries the
 * network parameter and the relay's account of each case.
 */
@Tag("docker")
@ExtendWith(DockerRequired.class)
class NetworkRegistrationIT {

    @Test
    void registrationUnderNbiotGoodThroughThePlatformInAContainer() {
        RunOptions options = RunOptions.builder().container(true).build();
        RunPlan plan = RunPlan.load(List.of(Path.of("suites/network/registration.yaml")), options,
                TagSelection.parse(null).selection().orElseThrow());
        assertThat(plan.ok()).as("%s", plan.problems()).isTrue();
        RunResult result;
        try (SuiteRunner runner = new SuiteRunner(options, RunRecorder.builder().build(), ContainerPlatform.defaults())) {
            result = runner.run(plan);
        }
        List<CaseResult> cases = result.suites().stream().flatMap(s -> s.cases().stream()).toList();
        assertThat(cases).hasSize(2);
        Map<String, Status> verdicts = cases.stream().collect(Collectors.toMap(c -> c.info().name(), CaseResult::status));
        assertThat(verdicts).as("%s", cases.stream().map(c -> c.info().name() + ": " + c.failure()).toList())
                .containsOnly(
                Map.entry("Registration without bootstrap completes within the OPEN timeout under nbiot-good",
                        Status.PASSED),
                Map.entry("Registration through the bootstrap server completes within the OPEN timeout under"
                        + " nbiot-good", Status.PASSED));
        for (CaseResult c : cases) {
            List<StepResult> steps = c.steps();
            assertThat(steps).as("the network step of %s", c.info().name()).anySatisfy(s -> assertThat(s.params())
                    .anySatisfy(p -> {
                        assertThat(p.name()).isEqualTo("network");
                        assertThat(p.value()).startsWith("nbiot-good (both ways: delay 400ms");
                    }));
            assertThat(java.util.stream.Stream.concat(c.attachments().stream(),
                    steps.stream().flatMap(s -> s.attachments().stream())).map(Attachment::name))
                    .contains("relay stats");
            assertThat(c.transcript()).startsWith("network: nbiot-good (")
                    .containsPattern("relay: uplink received [1-9]\\d*, delivered [1-9]\\d*, dropped \\d+,"
                            + " duplicated \\d+, reordered \\d+; downlink received [1-9]");
        }
    }
}
