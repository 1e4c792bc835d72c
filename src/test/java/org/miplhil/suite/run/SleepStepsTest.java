package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.report.CaseResult;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.Status;
import org.miplhil.sim.sleep.SleepState;

/**
 * The sleep family with the quick-sleep profile (light sleep 4 s after the last data, deep 2 s later), as
 * suites/catalogue/sleep.yaml uses it: on the virtual module its sleep state is the evidence, behind a serial port
 * the module's lines are.
 */
class SleepStepsTest {

    @TempDir
    Path dir;

    static final Path QUICK = Path.of("fixtures/firmware/bc260y-cn-quick-sleep.yaml").toAbsolutePath();

    static final String SLEEP = """
            suite: sleep and wake
            fixtures:
              profile: QUICK
            setup:
              - power: cycle
                for: 200ms
                recover: ready
            cases:
              - name: deep sleep, then PSM_EINT wakes the module with its line
                steps:
                  - send: AT
                  - sleep: deep
                    within: 20s
                  - wake: psm-eint
                    within: 5s
                  - send: AT+QSCLK?
                    lines: ["+QSCLK: 1"]
              - name: a wake with nothing to wake
                steps:
                  - send: AT
                  - wake: psm-eint
                    within: 1s
              - name: AT+QSCLK=0 keeps the module awake past the sleep deadline
                steps:
                  - send: AT+QSCLK=0
                  - sleep: deep
                    within: 8s
              - name: light sleep, left silently on PSM_EINT
                steps:
                  - send: AT+QSCLK=2
                  - sleep: light
                    within: 10s
                  - wake: psm-eint
                    within: 2s
                  - send: AT+QSCLK?
                    lines: ["+QSCLK: 2"]
            """.replace("QUICK", QUICK.toString());

    @Test
    void sleepAwaitsTheStateAndWakeLeavesItOrSaysWhyNot() throws Exception {
        Recorded r = Recorded.run(dir, Recorded.sim(), SLEEP);

        CaseResult deep = r.caseNamed("deep sleep, then PSM_EINT wakes the module with its line");
        assertThat(deep.status()).as("%s", deep.failure()).isEqualTo(Status.PASSED);
        assertThat(Recorded.measurements(deep)).contains("sleep: deep | limit 20 s | met",
                "PSM_EINT -> awake | limit 5 s | met");
        assertThat(Recorded.measurements(deep))
                .anyMatch(m -> m.equals("PSM_EINT -> +QNBIOTEVENT: \"EXIT DEEPSLEEP\" | limit 5 s | met"));
        String t = deep.transcript();
        assertThat(t.indexOf("RX +QNBIOTEVENT: \"EXIT DEEPSLEEP\""))
                .isGreaterThan(t.indexOf("RX +QNBIOTEVENT: \"ENTER DEEPSLEEP\"")).isPositive();
        assertThat(t.indexOf("TX AT+QSCLK?")).isGreaterThan(t.indexOf("RX +QNBIOTEVENT: \"EXIT DEEPSLEEP\""));

        CaseResult awake = r.caseNamed("a wake with nothing to wake");
        assertThat(awake.status()).isEqualTo(Status.FAILED);
        assertThat(awake.failure().category()).isEqualTo(FailureCategory.MODULE);
        assertThat(awake.failure().message()).startsWith("PSM_EINT was pulled but the module was awake: no sleep to"
                + " leave (").endsWith("suite-1.yaml:21:9)");

        CaseResult kept = r.caseNamed("AT+QSCLK=0 keeps the module awake past the sleep deadline");
        assertThat(kept.status()).isEqualTo(Status.FAILED);
        assertThat(kept.failure().category()).isEqualTo(FailureCategory.MODULE);
        assertThat(kept.failure().message()).startsWith("the module was not in deep sleep within 8000 ms (")
                .endsWith("; it is awake (AT+QSCLK, the profile's network.rrc-release-after and the T3324 of"
                        + " network.psm)");
        assertThat(Recorded.measurements(kept)).contains("sleep: deep | limit 8 s | not measured");
        assertThat(kept.transcript()).doesNotContain("ENTER DEEPSLEEP");

        CaseResult light = r.caseNamed("light sleep, left silently on PSM_EINT");
        assertThat(light.status()).as("%s", light.failure()).isEqualTo(Status.PASSED);
        assertThat(Recorded.measurements(light)).contains("sleep: light | limit 10 s | met",
                "PSM_EINT -> awake | limit 2 s | met");
        assertThat(light.transcript()).doesNotContain("DEEPSLEEP");
    }

    static final String BEHIND_A_PORT = """
            suite: sleep behind a serial port
            fixtures:
              profile: QUICK
            cases:
              - name: light sleep needs the virtual module
                steps:
                  - sleep: light
                    within: 1s
              - name: a wake needs a PSM_EINT switch
                steps:
                  - wake: psm-eint
                    within: 1s
              - name: deep sleep is the module's line
                steps:
                  - send: AT
                  - sleep: deep
                    within: 20s
            """.replace("QUICK", QUICK.toString());

    @Test
    void onAModuleBehindAPortTheLinesAreTheEvidence() throws Exception {
        try (ModuleBehindPort port = ModuleBehindPort.start(QUICK)) {
            Path d = Files.createDirectories(dir.resolve("port"));
            Recorded r = Recorded.run(d, RunOptions.builder().target(port.target()).build(), BEHIND_A_PORT);

            CaseResult light = r.caseNamed("light sleep needs the virtual module");
            assertThat(light.status()).isEqualTo(Status.SKIPPED);
            assertThat(light.failure().category()).isEqualTo(FailureCategory.HARNESS);
            assertThat(light.failure().message()).startsWith("light sleep writes nothing on the UART: 'sleep: light'"
                    + " needs the virtual module (");

            CaseResult wake = r.caseNamed("a wake needs a PSM_EINT switch");
            assertThat(wake.status()).isEqualTo(Status.SKIPPED);
            assertThat(wake.failure().category()).isEqualTo(FailureCategory.HARNESS);
            assertThat(wake.failure().message()).startsWith("wake needs the module's PSM_EINT: the virtual module, or"
                    + " a rack file with a wake: channel (").endsWith("suite-1.yaml:11:9)");

            CaseResult deep = r.caseNamed("deep sleep is the module's line");
            assertThat(deep.status()).as("%s", deep.failure()).isEqualTo(Status.PASSED);
            assertThat(Recorded.measurements(deep))
                    .contains("sleep: deep -> +QNBIOTEVENT: \"ENTER DEEPSLEEP\" | limit 20 s | met");
            assertThat(port.module().sleepState()).isEqualTo(SleepState.DEEP_SLEEP);
        }
    }
}
