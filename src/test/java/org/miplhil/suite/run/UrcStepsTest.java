package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.report.CaseResult;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.Status;

/** The URC-expectation family on the virtual module: any order, in order, absence, and the match floor. */
class UrcStepsTest {

    @TempDir
    Path dir;

    static final String SUITE = """
            suite: URC expectations
            fixtures:
              profile: PROFILE
            setup:
              - mcu: never
              - send: AT+MIPLCREATE
              - send: AT+MIPLADDOBJ=0,3311,1,"1",4,2
            teardown:
              - send: AT+MIPLCLOSE=0
                expect: any
              - send: AT+MIPLDELETE=0
                expect: any
            cases:
              - name: any order takes each URC once and its captures become variables
                steps:
                  - send: AT+MIPLOPEN=0,3600,30
                  - expect-urcs: ["+MIPLEVENT: 0,6", 're:^\\+MIPLEVENT: 0,(?<connected>4)$']
                    order: any-order
                    within: 30s
                  - expect-no-urc: "+MIPLEVENT: 0,${connected}"
                    during: 300ms
              - name: any order that misses one names what matched and what is missing
                steps:
                  - send: AT+MIPLOPEN=0,3600,30
                  - expect-urcs: ["+MIPLEVENT: 0,99", "+MIPLEVENT: 0,4"]
                    order: any-order
                    within: 5s
              - name: in order fails at once when a later URC comes first
                steps:
                  - send: AT+MIPLOPEN=0,3600,30
                  - expect-urcs: ["+MIPLEVENT: 0,6", "+MIPLEVENT: 0,4"]
                    within: 30s
            """;

    @Test
    void anyOrderInOrderAndAbsence() throws Exception {
        Recorded r = Recorded.run(dir, Recorded.sim(), SUITE);

        CaseResult any = r.caseNamed("any order takes each URC once and its captures become variables");
        assertThat(any.status()).as("%s", any.failure()).isEqualTo(Status.PASSED);
        assertThat(Recorded.measurements(any)).contains("AT+MIPLOPEN -> +MIPLEVENT: 0,4 | limit 30 s | met",
                "AT+MIPLOPEN -> +MIPLEVENT: 0,6 | limit 30 s | met");

        CaseResult missing = r.caseNamed("any order that misses one names what matched and what is missing");
        assertThat(missing.status()).isEqualTo(Status.FAILED);
        assertThat(missing.failure().category()).isEqualTo(FailureCategory.MODULE);
        assertThat(missing.failure().message()).startsWith("awaited in any order within 5s: +MIPLEVENT: 0,99 |"
                + " +MIPLEVENT: 0,4; still missing +MIPLEVENT: 0,99; matched +MIPLEVENT: 0,4");
        assertThat(Recorded.measurements(missing)).contains("AT+MIPLOPEN -> +MIPLEVENT: 0,4 | limit 5 s | met",
                "AT+MIPLOPEN -> +MIPLEVENT: 0,99 | limit 5 s | not measured");

        CaseResult order = r.caseNamed("in order fails at once when a later URC comes first");
        assertThat(order.status()).isEqualTo(Status.FAILED);
        assertThat(order.failure().message()).contains("+MIPLEVENT: 0,4", "arrived before +MIPLEVENT: 0,6");
    }
}
