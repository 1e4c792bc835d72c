package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.report.CaseResult;
import org.miplhil.report.Status;

/**
 * The platform family on the virtual module: a request to a device that is not registered is the module's problem,
 * and a device event of an earlier case is not this case's. (Codes, typed values, named requests and timeouts are in
 * SuiteRunnerTest.)
 */
class PlatformStepsTest {

    @TempDir
    Path dir;

    @Test
    void requestsToAnUnregisteredDeviceAndEventsOfEarlierCases() throws Exception {
        Recorded r = Recorded.run(dir, Recorded.sim(), """
                suite: the platform's view
                fixtures:
                  profile: PROFILE
                teardown:
                  - send: AT+MIPLCLOSE=0
                    expect: any
                  - send: AT+MIPLDELETE=0
                    expect: any
                cases:
                  - name: a request to a device that is not registered
                    steps:
                      - platform: read
                        path: /3303/0/5700
                      - expect-platform: response
                        within: 5s
                  - name: a registration and deregistration
                    steps:
                      - mcu: never
                      - send: AT+MIPLCREATE
                      - send: AT+MIPLADDOBJ=0,3303,1,"1",4,1
                      - send: AT+MIPLOPEN=0,3600,30
                      - expect-platform: registered
                        within: 30s
                      # the platform records a registration when its 2.01 leaves, the module at event 6: this case
                      # closes a registered module (a close that overtakes the 2.01 is another case, and a race)
                      - expect-urc: "+MIPLEVENT: 0,6"
                        within: 10s
                      - send: AT+MIPLCLOSE=0
                      - expect-platform: deregistered
                        within: 10s
                  - name: the earlier case's registration is not this case's
                    steps:
                      - expect-platform: registered
                        within: 500ms
                """);
        CaseResult offline = r.caseNamed("a request to a device that is not registered");
        assertThat(offline.status()).isEqualTo(Status.FAILED);
        assertThat(offline.failure().message()).startsWith("platform read /3303/0/5700: the device (")
                .endsWith(") was not registered at the platform when the request was made");
        assertThat(Recorded.measurements(offline)).anyMatch(m -> m.startsWith("platform read /3303/0/5700 -> "));

        CaseResult registered = r.caseNamed("a registration and deregistration");
        assertThat(registered.status()).as("%s", registered.failure()).isEqualTo(Status.PASSED);
        assertThat(Recorded.measurements(registered)).anyMatch(m -> m.startsWith("AT+MIPLOPEN -> registered |"))
                .anyMatch(m -> m.startsWith("AT+MIPLCLOSE -> deregistered |"));

        CaseResult earlier = r.caseNamed("the earlier case's registration is not this case's");
        assertThat(earlier.status()).isEqualTo(Status.FAILED);
        assertThat(earlier.failure().message()).startsWith("awaited the device ").contains("registered at the platform"
                + " within 500ms; its events since then: none");
    }

    @Test
    void aNotificationCountIsExactOverTheWholeWindow() throws Exception {
        String notifyTwice = """
                      - mcu: never
                      - send: AT+MIPLCREATE
                      - send: AT+MIPLADDOBJ=0,3303,1,"1",4,1
                      - send: AT+MIPLOPEN=0,3600,30
                      - expect-urc: "+MIPLEVENT: 0,6"
                        within: 30s
                      - platform: observe
                        path: /3303/0/5700
                      - expect-urc: 're:^\\+MIPLOBSERVE: 0,(?<obs>\\d+),1,3303,0,5700$'
                        within: 5s
                      - send: AT+MIPLOBSERVERSP=0,${obs},1
                      - expect-platform: response
                        code: 2.05
                        within: 5s
                      - send: AT+MIPLNOTIFY=0,${obs},3303,0,5700,4,4,7.5,0,0
                      - send: AT+MIPLNOTIFY=0,${obs},3303,0,5700,4,4,7.5,0,0
                """;
        Recorded r = Recorded.run(dir, Recorded.sim(), """
                suite: counted notifications
                fixtures:
                  profile: PROFILE
                teardown:
                  - send: AT+MIPLCLOSE=0
                    expect: any
                  - send: AT+MIPLDELETE=0
                    expect: any
                cases:
                  - name: two notifications counted as two
                    steps:
                """ + notifyTwice + """
                      - expect-platform: notification
                        path: /3303/0/5700
                        value: {float: 7.5}
                        count: 2
                        within: 2s
                  - name: two notifications are not one
                    steps:
                """ + notifyTwice + """
                      - expect-platform: notification
                        path: /3303/0/5700
                        value: {float: 7.5}
                        count: 1
                        within: 2s
                """);
        CaseResult two = r.caseNamed("two notifications counted as two");
        assertThat(two.status()).as("%s", two.failure()).isEqualTo(Status.PASSED);
        CaseResult one = r.caseNamed("two notifications are not one");
        assertThat(one.status()).isEqualTo(Status.FAILED);
        assertThat(one.failure().message()).startsWith("awaited exactly 1 of a notification of /3303/0/5700 with")
                .contains("matching: 2");
    }
}
