package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.report.CaseResult;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.Status;
import org.miplhil.report.StepResult;

/**
 * The FOTA family on the virtual module and the embedded platform: {@code fota} starts the platform's campaign with
 * the DFOTA fixtures of {@code fixtures/firmware/packages/}, {@code expect-fota} checks its outcome, update result,
 * version and steps, and every mismatch says what was awaited and what the campaign did.
 */
class FotaStepsTest {

    @TempDir
    Path dir;

    /** The DFOTA fixtures (absolute: the test's suites are written outside the project). */
    static final String PACKAGES = Path.of("fixtures/firmware/packages").toAbsolutePath() + "/";
    static final String OBJECTS = Path.of("fixtures/objects/temperature-3303.yaml").toAbsolutePath().toString();

    static final String CAMPAIGNS = """
            suite: campaigns
            fixtures:
              profile: PROFILE
              objects: OBJECTS
            variables:
              target: BC260YCNAAR01A03_BETA0721
            setup:
              - send: AT+MIPLCREATE
              - send: AT+MIPLADDOBJ=0,3303,1,"1",4,1
              - send: AT+MIPLOPEN=0,86400,30
              - expect-urc: "+MIPLEVENT: 0,6"
                within: 30s
            teardown:
              - send: AT+MIPLCLOSE=0
                expect: any
              - send: AT+MIPLDELETE=0
                expect: any
            cases:
              - name: a campaign that succeeds, then a version it did not bring
                steps:
                  - fota:
                      package: PKG/BC260YCNAAR01A03-to-BETA0721.delta
                      version: ${target}
                  - expect-urc: '+QIND: "FOTA","END",0'
                    within: 30s
                  - expect-urc: 're:^\\+IP: '
                    within: 30s
                  - send: AT+MIPLCREATE
                  - send: AT+MIPLADDOBJ=0,3303,1,"1",4,1
                  - send: AT+MIPLOPEN=0,86400,30
                  - expect-urcs: ["+MIPLEVENT: 0,6", "+MIPLEVENT: 0,48"]
                    within: 30s
                  - expect-fota: succeeded
                    within: 30s
                    steps: ['re:^send package', 're:^downloaded', 're:^execute update', 're:^registered again']
                  - expect-fota: succeeded
                    version: BC260YCNAAR01A04
                    within: 1s
              - name: a damaged package fails with result 5, not as succeeded or timed out
                steps:
                  - fota:
                      package: PKG/BC260YCNAAR01A03-to-BETA0721-damaged.delta
                      version: ${target}
                  - expect-fota: failed
                    result: 5
                    within: 30s
                  - expect-fota: [succeeded, timed-out]
                    within: 1s
              - name: a package for another base fails with the profile's result, not 5
                steps:
                  - fota:
                      package: PKG/BC260YCNAAR01A02-to-BETA0721-wrong-base.delta
                      version: ${target}
                  - expect-fota: failed
                    result: 5
                    within: 30s
              - name: a failed campaign has no update step
                steps:
                  - fota:
                      package: PKG/BC260YCNAAR01A03-to-BETA0721-damaged.delta
                      version: ${target}
                  - expect-fota: failed
                    steps: ['re:^send package', 're:^execute update']
                    within: 30s
            """.replace("PKG/", PACKAGES).replace("OBJECTS", OBJECTS);

    @Test
    void outcomesResultsVersionsAndStepsAreCheckedWithTheCampaignAsEvidence() throws Exception {
        Recorded r = Recorded.run(dir, Recorded.sim(), CAMPAIGNS);

        CaseResult ok = r.caseNamed("a campaign that succeeds, then a version it did not bring");
        assertThat(ok.status()).isEqualTo(Status.FAILED);
        assertThat(Recorded.allSteps(ok)).filteredOn(s -> s.name().startsWith("expect-fota"))
                .extracting(StepResult::status).containsExactly(Status.PASSED, Status.FAILED);
        assertThat(ok.failure().category()).isEqualTo(FailureCategory.MODULE);
        assertThat(ok.failure().message()).startsWith("FOTA campaign: the campaign succeeded with version"
                + " BC260YCNAAR01A03_BETA0721, expected BC260YCNAAR01A04; campaign steps: ")
                .contains("send package", "execute update");
        // expect-fota's clock starts at the latest action: the MCU's registration after the update
        assertThat(Recorded.measurements(ok)).contains("AT+MIPLOPEN -> fota succeeded | limit 30 s | met");

        CaseResult damaged = r.caseNamed("a damaged package fails with result 5, not as succeeded or timed out");
        assertThat(damaged.status()).isEqualTo(Status.FAILED);
        assertThat(Recorded.allSteps(damaged)).filteredOn(s -> s.name().startsWith("expect-fota"))
                .extracting(StepResult::status).containsExactly(Status.PASSED, Status.FAILED);
        assertThat(damaged.failure().message()).startsWith("FOTA campaign: expected it to end succeeded or timed-out:"
                + " expected the campaign to succeed, it ended failed (download failed: update result 5 (integrity"
                + " check failure), update result 5); expected the campaign to time out, it ended failed (")
                .contains("\n    FAILED read update result: read /5/0/5 → 2.05 \"5\"")
                .doesNotContain("execute update");

        CaseResult base = r.caseNamed("a package for another base fails with the profile's result, not 5");
        assertThat(base.status()).isEqualTo(Status.FAILED);
        assertThat(base.failure().category()).isEqualTo(FailureCategory.MODULE);
        assertThat(base.failure().message()).startsWith("FOTA campaign: the campaign failed with update result 8"
                + " (/5/0/5), expected 5 (download failed: update result 8 (firmware update failed)); campaign steps: ")
                .contains("send package: write /5/0/1 coap://127.0.0.1:", "BC260YCNAAR01A02-to-BETA0721-wrong-base.delta");

        CaseResult noUpdate = r.caseNamed("a failed campaign has no update step");
        assertThat(noUpdate.status()).isEqualTo(Status.FAILED);
        assertThat(noUpdate.failure().message())
                .startsWith("FOTA campaign: no campaign step re:^execute update (in order); campaign steps: ");
    }

    static final String OFFLINE = """
            suite: a campaign for a device that is not registered
            fixtures:
              profile: PROFILE
            cases:
              - name: the campaign waits for a registration in vain
                steps:
                  - fota:
                      package: PKG/BC260YCNAAR01A03-to-BETA0721.delta
                      version: BC260YCNAAR01A03_BETA0721
                      phase-timeout: 1s
                  - expect-fota: succeeded
                    within: 10s
              - name: the deadline of expect-fota passes while the campaign runs
                steps:
                  - fota:
                      package: PKG/BC260YCNAAR01A03-to-BETA0721.delta
                      version: BC260YCNAAR01A03_BETA0721
                  - expect-fota: succeeded
                    within: 300ms
            """.replace("PKG/", PACKAGES).replace("OBJECTS", OBJECTS);

    @Test
    void aCampaignForAnUnregisteredDeviceTimesOutInItsTrigger() throws Exception {
        Recorded r = Recorded.run(dir, Recorded.sim(), OFFLINE);
        CaseResult vain = r.caseNamed("the campaign waits for a registration in vain");
        assertThat(vain.status()).isEqualTo(Status.FAILED);
        assertThat(vain.failure().category()).isEqualTo(FailureCategory.MODULE);
        assertThat(vain.failure().message()).isEqualTo("FOTA campaign: expected the campaign to succeed, it ended"
                + " timed out in phase trigger; campaign steps: \n    FAILED timed out: trigger: waiting for a"
                + " registration within 1000 ms");
        assertThat(Recorded.measurements(vain)).contains("fota campaign -> fota succeeded | limit 10 s | met");

        CaseResult running = r.caseNamed("the deadline of expect-fota passes while the campaign runs");
        assertThat(running.status()).isEqualTo(Status.FAILED);
        assertThat(running.failure().category()).isEqualTo(FailureCategory.MODULE);
        assertThat(running.failure().message()).startsWith("awaited the FOTA campaign to end succeeded within 300ms;"
                + " it is still running (").endsWith("); campaign steps: none");
        assertThat(Recorded.measurements(running)).contains("fota campaign -> fota succeeded | limit 300 ms | not measured");
    }
}
