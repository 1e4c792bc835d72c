package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.report.CaseResult;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.Status;

/** The module-command family: deadline names from the parsed command, and information lines on the virtual module. */
class CommandStepsTest {

    @TempDir
    Path dir;

    @Test
    void aCommandIsNamedByItsHeadNotByCuttingItsText() {
        assertThat(CommandSteps.commandName("AT+MIPLOPEN=0,86400,30")).isEqualTo("AT+MIPLOPEN");
        assertThat(CommandSteps.commandName("AT+MIPLCONFIG=?")).isEqualTo("AT+MIPLCONFIG");
        assertThat(CommandSteps.commandName("AT+MIPLVER?")).isEqualTo("AT+MIPLVER?");
        assertThat(CommandSteps.commandName("AT+MIPLCREATE")).isEqualTo("AT+MIPLCREATE");
        assertThat(CommandSteps.commandName("ATI")).isEqualTo("ATI");
        assertThat(CommandSteps.commandName("+++")).as("not a command line: whole").isEqualTo("+++");
    }

    @Test
    void informationLinesAreCheckedInOrderAndAnInstanceIsDeletedAtTheEnd() throws Exception {
        Recorded r = Recorded.run(dir, Recorded.sim(), """
                suite: commands
                fixtures:
                  profile: PROFILE
                cases:
                  - name: a wrong information line fails with what came
                    steps:
                      - send: AT+MIPLCREATE
                        lines: ["+MIPLCREATE: 1"]
                  - name: the instance the failed case created was deleted
                    steps:
                      - send: AT+MIPLCREATE
                        lines: ['re:^\\+MIPLCREATE: (?<ref>\\d)$']
                      - send: AT+MIPLDELETE=${ref}
                """);
        CaseResult wrong = r.caseNamed("a wrong information line fails with what came");
        assertThat(wrong.status()).isEqualTo(Status.FAILED);
        assertThat(wrong.failure().category()).isEqualTo(FailureCategory.MODULE);
        assertThat(wrong.failure().message()).isEqualTo("AT+MIPLCREATE: expected the information lines"
                + " +MIPLCREATE: 1, got +MIPLCREATE: 0 (final result OK)");
        assertThat(wrong.transcript()).contains("TX AT+MIPLDELETE=0");
        CaseResult next = r.caseNamed("the instance the failed case created was deleted");
        assertThat(next.status()).as("%s", next.failure()).isEqualTo(Status.PASSED);
        assertThat(next.transcript()).as("deleted by the case itself: nothing left to clean up")
                .doesNotContain("AT+MIPLCLOSE");
    }

    @Test
    void urcsBeforeAFinalResultAreReadInTheTranscriptsOrder() throws Exception {
        String registered = """
                      - send: AT+MIPLCONFIG=0,0,0,"${platform.host}",${platform.port},1
                      - send: AT+MIPLCREATE
                      - send: AT+MIPLADDOBJ=0,3303,1,"1",1,0
                      - send: AT+MIPLOPEN=0,86400,30
                      - expect-urc: "+MIPLEVENT: 0,6"
                        within: 30s
                """;
        Recorded r = Recorded.run(dir, Recorded.sim(), """
                suite: urcs before
                fixtures:
                  profile: PROFILE
                teardown:
                  - send: AT+MIPLDELETE=0
                    expect: any
                cases:
                  - name: the close's OK comes before event 15
                    steps:
                """ + registered + """
                      - send: AT+MIPLCLOSE=0
                        urcs-before: ["+MIPLEVENT: 0,15"]
                  - name: a delete sent at once answers after event 15
                    steps:
                """ + registered + """
                      - send: AT+MIPLCLOSE=0
                      - send: AT+MIPLDELETE=0
                        urcs-before: ["+MIPLEVENT: 0,15"]
                """);
        CaseResult close = r.caseNamed("the close's OK comes before event 15");
        assertThat(close.status()).isEqualTo(Status.FAILED);
        assertThat(close.failure().message()).isEqualTo("AT+MIPLCLOSE=0: expected +MIPLEVENT: 0,15 no later than its"
                + " final result OK, in that order; up to OK came no URC");
        CaseResult delete = r.caseNamed("a delete sent at once answers after event 15");
        assertThat(delete.status()).as("%s", delete.failure()).isEqualTo(Status.PASSED);
    }
}
