package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.report.Attachment;
import org.miplhil.report.CaseResult;
import org.miplhil.report.Status;

/**
 * A cut at {@code fota:downloaded} against the embedded platform's campaign, with the harness slowed on purpose: the
 * cut lands 1.5 s after {@code +MIPLEVENT: 0,42}, far longer than the platform needs for its next requests of 6.1.2
 * (read the battery, execute /5/0/2). A harness thread scheduled late under load did the same in a parallel build:
 * the module began its update before the cut and the case saw the update go on (6.2). The campaign now holds once
 * downloaded until the case's cut has landed, so the module is cut with the package downloaded and not executed.
 */
class DfotaCutHoldTest {

    static final Path OBJECTS = Path.of("fixtures/objects/temperature-3303.yaml").toAbsolutePath();
    static final Path PACKAGE = Path.of("fixtures/firmware/packages/BC260YCNAAR01A03-to-BETA0721.delta")
            .toAbsolutePath();

    @TempDir
    Path dir;

    static final String SUITE = """
            suite: a late cut once downloaded
            requires: local-platform
            fixtures:
              profile: PROFILE
              objects: OBJECTS
            setup:
              - send: AT+MIPLCONFIG=0,1,1,"${platform.bootstrap-host}",${platform.bootstrap-port}
              - send: AT+MIPLCREATE
                lines: ["+MIPLCREATE: 0"]
              - send: AT+MIPLADDOBJ=0,3303,1,"1",4,1
              - send: AT+MIPLOPEN=0,86400,30
              - expect-urcs: ["+MIPLEVENT: 0,1", "+MIPLEVENT: 0,2", "+MIPLEVENT: 0,4", "+MIPLEVENT: 0,6"]
                within: 30s
            teardown:
              - send: AT+MIPLCLOSE=0
                expect: any
              - send: AT+MIPLDELETE=0
                expect: any
            cases:
              - name: a cut 1.5 s after downloaded still finds the update not begun
                steps:
                  - fota:
                      package: PACKAGE
                      version: BC260YCNAAR01A03_BETA0721
                      phase-timeout: 8s
                  - power: cycle
                    cut-at: fota:downloaded
                    within: 30s
                    after: 1500ms
                    for: 500ms
                    recover: setup
                    ready-within: 30s
                  - expect-no-urc: 're:^(\\+MIPLEVENT: 0,4[0-9]|\\+QIND: "FOTA")'
                    during: 2s
                  - expect-fota: [timed-out, failed]
                    within: 30s
                  - send: ATI
                    lines: [Quectel_Ltd, Quectel_BC260Y-CN, "Revision: BC260YCNAAR01A03"]
            """;

    @Test
    void theCampaignHoldsOnceDownloadedUntilTheCutHasLanded() throws Exception {
        Recorded r = Recorded.run(dir, Recorded.sim(), SUITE.replace("OBJECTS", OBJECTS.toString())
                .replace("PACKAGE", PACKAGE.toString()));

        CaseResult c = r.caseNamed("a cut 1.5 s after downloaded still finds the update not begun");
        assertThat(c.status()).as("%s\n%s", c.failure(), c.transcript()).isEqualTo(Status.PASSED);
        // the module never heard the update command: no 43, no START, no progress, before or after the cut
        assertThat(c.transcript()).contains("RX +MIPLEVENT: 0,42").doesNotContain("+MIPLEVENT: 0,43")
                .doesNotContain("\"FOTA\",\"START\"").doesNotContain("\"FOTA\",\"UPDATING\"");
        String steps = c.attachments().stream().filter(a -> a.name().equals("FOTA campaign steps")).findFirst()
                .map(Attachment::contentAsString).orElseThrow();
        assertThat(steps).contains("hold", "held until released");
        assertThat(steps.indexOf("held until released")).isLessThan(steps.indexOf("read battery") < 0
                ? Integer.MAX_VALUE : steps.indexOf("read battery"));
    }
}
