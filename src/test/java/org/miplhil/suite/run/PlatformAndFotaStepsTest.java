package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.report.CaseResult;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.Status;

/**
 * The platform and FOTA families refuse expectations of things the case never started, as the harness's problem,
 * and a request to a device that is not registered is the module's. (Codes, values, events and campaigns that run
 * are in SuiteRunnerTest, DfotaSoakTest and suites/dfota.)
 */
class PlatformAndFotaStepsTest {

    @TempDir
    Path dir;

    @Test
    void expectationsOfNothingStartedAndRequestsToAnUnregisteredDevice() throws Exception {
        Recorded r = Recorded.run(dir, Recorded.sim(), """
                suite: nothing started
                fixtures:
                  profile: PROFILE
                cases:
                  - name: a response to a request never sent
                    steps:
                      - expect-platform: response
                        to: nothing
                        within: 1s
                  - name: a request to a device that is not registered
                    steps:
                      - platform: read
                        path: /3303/0/5700
                      - expect-platform: response
                        within: 5s
                  - name: a FOTA outcome without a campaign
                    steps:
                      - expect-fota: succeeded
                        within: 1s
                """);
        CaseResult response = r.caseNamed("a response to a request never sent");
        assertThat(response.status()).isEqualTo(Status.BROKEN);
        assertThat(response.failure().category()).isEqualTo(FailureCategory.HARNESS);
        assertThat(response.failure().message()).isEqualTo("no platform request named 'nothing' was sent in this case");

        CaseResult offline = r.caseNamed("a request to a device that is not registered");
        assertThat(offline.status()).isEqualTo(Status.FAILED);
        assertThat(offline.failure().message()).startsWith("platform read /3303/0/5700: the device (")
                .endsWith(") was not registered at the platform when the request was made");

        CaseResult fota = r.caseNamed("a FOTA outcome without a campaign");
        assertThat(fota.status()).isEqualTo(Status.BROKEN);
        assertThat(fota.failure().message()).isEqualTo("expect-fota: no FOTA campaign was started in this case");
    }
}
