package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.report.CaseResult;
import org.miplhil.report.Status;

/** The {@code state} step on the virtual module: the commands it sends, event 6, what the clean-up does after it. */
class StateStepTest {

    @TempDir
    Path dir;

    static final String SUITE = """
            suite: state step
            fixtures:
              profile: PROFILE
              objects: [OBJECTS]
            setup: {state: registered, cmee: 1, delete-first: true}
            cases:
              - name: the platform observes after the registration the step awaited
                steps:
                  - expect-urc: 're:^\\+MIPLOBSERVE: 0,\\d+,1,3311,0,-1$'
                    within: 10s
              - name: an instance the case leaves registered is closed and deleted by the clean-up
                steps:
                  - send: AT+MIPLVER?
            """;

    @Test
    void aSetupInTheStateFormRegistersAndTheCleanUpRemovesTheInstance() throws Exception {
        String objects = Path.of("fixtures/objects/light-control-3311.yaml").toAbsolutePath().toString();
        Recorded r = Recorded.run(dir, Recorded.sim(), SUITE.replace("OBJECTS", objects));

        CaseResult first = r.caseNamed("the platform observes after the registration the step awaited");
        assertThat(first.status()).as("%s", first.failure()).isEqualTo(Status.PASSED);
        assertThat(first.transcript()).contains("TX AT+CMEE=1", "TX AT+MIPLDELETE=0", "TX AT+MIPLCONFIG=0,1,0,",
                "TX AT+MIPLCREATE", "RX +MIPLCREATE: 0", "TX AT+MIPLADDOBJ=0,3311,", "TX AT+MIPLOPEN=0,86400,30",
                "RX +MIPLEVENT: 0,6");
        assertThat(first.transcript().indexOf("TX AT+MIPLADDOBJ")).isLessThan(first.transcript().indexOf("TX AT+MIPLOPEN"));
        // no teardown: the strategy knows the module is registered, and the clean-up closes and deletes
        assertThat(Recorded.step(first, "leave the module closed and deleted").orElseThrow().status())
                .isEqualTo(Status.PASSED);
        assertThat(first.transcript()).contains("TX AT+MIPLCLOSE=0", "RX +MIPLEVENT: 0,15");

        CaseResult second = r.caseNamed("an instance the case leaves registered is closed and deleted by the clean-up");
        assertThat(second.status()).as("%s", second.failure()).isEqualTo(Status.PASSED);
    }
}
