package org.miplhil.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.miplhil.suite.run.RunOptions;
import org.opentest4j.AssertionFailedError;

/** The engine against a module that never says it registered: one failing health check, every case skipped. */
class FailFastEngineTest {

    @TempDir
    Path dir;

    @Test
    void aFailedHealthCheckIsOneFailingTestAndEveryCaseIsSkippedWithTheVerdict() throws IOException {
        Path plan = dir.resolve("drop-event-6.yaml");
        Files.writeString(plan, """
                faults:
                  - on: urc
                    match: '^\\+MIPLEVENT: 0,6$'
                    action: drop
                """);
        Path suite = Path.of("suites/catalogue/chapter7.yaml");

        Events tests = EngineTestKit.engine(MiplHilTestEngine.ID)
                .configurationParameter("mipl-hil.parallel", "0") // one module: one health check
                .configurationParameter("mipl-hil.sim-faults", plan.toString())
                .configurationParameter("mipl-hil.report", dir.resolve("reports").toString())
                .selectors(selectFile(suite.toFile())).execute().testEvents();

        String verdict = "[MODULE] health check failed: registration: awaited +MIPLEVENT: 0,6 within 30 s after"
                + " AT+MIPLOPEN; arrived: +MIPLEVENT: 0,4";
        tests.assertThatEvents().haveExactly(1, event(test("health-check"), finishedWithFailure(
                instanceOf(AssertionFailedError.class), message(m -> m.startsWith(verdict)))));
        long cases = tests.started().count() - 1;
        assertThat(cases).isGreaterThan(10);
        tests.assertStatistics(s -> s.failed(1).succeeded(0).aborted(cases));
        tests.assertThatEvents().haveExactly((int) cases, event(abortedWithReason(message(m ->
                m.startsWith("not run: health check failed: registration: awaited +MIPLEVENT: 0,6")))));
    }

    @Test
    void theParametersTurnTheCheckOffAndSetTheBreakerAndTheBudget() {
        assertThat(EngineSettings.failFast(params(Map.of()))).isEqualTo(RunOptions.FailFast.DEFAULT);
        assertThat(EngineSettings.from(params(Map.of("mipl-hil.health-check", "false", "mipl-hil.breaker", "0",
                "mipl-hil.max-failures", "5")), Map.of()).options().failFast())
                .isEqualTo(new RunOptions.FailFast(false, 0, 5));
        assertThatThrownBy(() -> EngineSettings.failFast(params(Map.of("mipl-hil.breaker", "-1"))))
                .hasMessage("mipl-hil.breaker: expected a whole number, 0 or more, found '-1'");
        assertThatThrownBy(() -> EngineSettings.failFast(params(Map.of("mipl-hil.health-check", "off"))))
                .hasMessage("mipl-hil.health-check: expected true or false, found 'off'");
    }

    private static ConfigurationParameters params(Map<String, String> values) {
        return new ConfigurationParameters() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public Optional<Boolean> getBoolean(String key) {
                return get(key).map(Boolean::parseBoolean);
            }

            @Override
            @SuppressWarnings("deprecation")
            public int size() {
                return values.size();
            }

            @Override
            public Set<String> keySet() {
                return values.keySet();
            }
        };
    }
}
