package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.report.Attachment;
import org.miplhil.report.CaseResult;
import org.miplhil.report.EventKind;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.Lane;
import org.miplhil.report.Status;
import org.miplhil.report.StepResult;
import org.miplhil.report.TimelineEvent;

/**
 * Cut triggers and the recovery after a cut, on the virtual module. The module's FOTA URCs are played by a fault
 * plan that follows the registration's event 6 with the 6.3 URCs in the order of 7.10.6, as a module that starts a
 * DFOTA right after registering prints them.
 */
class PowerRecoveryTest {

    @TempDir
    Path dir;

    static final String SUITE = """
            suite: cuts and recovery
            fixtures:
              profile: PROFILE
            setup:
              - mcu: never
              - send: AT+MIPLCREATE
              - send: AT+MIPLADDOBJ=0,3311,1,"1",4,2
              - send: AT+MIPLOPEN=0,3600,30
              - expect-urcs: ["+MIPLEVENT: 0,4", "+MIPLEVENT: 0,6"]
                within: 30s
            teardown:
              - send: AT+MIPLCLOSE=0
                expect: any
              - send: AT+MIPLDELETE=0
                expect: any
            cases:
              - name: a cut at 30 % of the update, then the suite's setup again
                steps:
                  - sim-faults:
                      - on: urc
                        match: '^\\+MIPLEVENT: 0,6$'
                        action: reply
                        value: |-
                          +MIPLEVENT: 0,6
                          +MIPLEVENT: 0,40
                          +MIPLEVENT: 0,42
                          +MIPLEVENT: 0,43
                          +QIND: "FOTA","START"
                          +QIND: "FOTA","UPDATING",0%,1,1
                          +QIND: "FOTA","UPDATING",20%,1,1
                          +QIND: "FOTA","UPDATING",40%,1,1
                          +QIND: "FOTA","UPDATING",60%,1,1
                        times: 1
                  - send: AT+MIPLCLOSE=0
                  - expect-urc: "+MIPLEVENT: 0,15"
                    within: 10s
                  - send: AT+MIPLOPEN=0,3600,30
                  - power: cycle
                    cut-at: fota:updating:30%
                    within: 30s
                    for: 300ms
                    recover: setup
                    ready-within: 30s
                  - expect-urc: '+QIND: "FOTA","UPDATING",60%,1,1'
                    within: 1s
                  - send: AT+MIPLVER?
              - name: a cut when the download starts, then ready only
                steps:
                  - sim-faults:
                      - on: urc
                        match: '^\\+MIPLEVENT: 0,6$'
                        action: reply
                        value: |-
                          +MIPLEVENT: 0,6
                          +MIPLEVENT: 0,40
                        times: 1
                  - send: AT+MIPLCLOSE=0
                  - expect-urc: "+MIPLEVENT: 0,15"
                    within: 10s
                  - send: AT+MIPLOPEN=0,3600,30
                  - power: cycle
                    cut-at: fota:downloading
                    within: 30s
                    for: 200ms
                    recover: ready
                  - send: AT+MIPLCREATE
                    lines: ["+MIPLCREATE: 0"]
              - name: a module that is not ready in time fails the recovery with the evidence
                steps:
                  - power: cycle
                    for: 100ms
                    recover: ready
                    ready-within: 300ms
              - name: a FOTA state that never comes fails at the trigger's deadline
                steps:
                  - power: off
                    cut-at: fota:downloaded
                    within: 300ms
            """;

    @Test
    void cutsFireAtTheirTriggerAndTheHarnessRecovers() throws Exception {
        Recorded r = Recorded.run(dir, Recorded.sim(), SUITE);

        CaseResult update = r.caseNamed("a cut at 30 % of the update, then the suite's setup again");
        assertThat(update.status()).as("%s", update.failure()).isEqualTo(Status.PASSED);
        StepResult cut = Recorded.step(update, "power cycle at fota:updating:30%").orElseThrow();
        StepResult recovery = cut.steps().stream().filter(s -> s.name().equals("recover: setup")).findFirst()
                .orElseThrow();
        // the suite's setup ran again, nested in the recovery
        assertThat(recovery.steps()).extracting(StepResult::name).startsWith("mcu never", "send AT+MIPLCREATE",
                "send AT+MIPLADDOBJ=0,3311,1,\"1\",4,2", "send AT+MIPLOPEN=0,3600,30");
        assertThat(Recorded.measurements(update)).anyMatch(m -> m.startsWith("step start -> cut trigger +QIND: \"FOTA\","
                + "\"UPDATING\",40%,1,1 | limit 30 s | met")).anyMatch(m -> m.startsWith("power on -> RDY |"))
                .anyMatch(m -> m.startsWith("power on -> +IP: "));
        // recovery consumes nothing the case expects: the 60 % line that came before it is still found
        assertThat(Recorded.step(update, "expect-urc +QIND: \"FOTA\",\"UPDATING\",60%,1,1").orElseThrow().status())
                .isEqualTo(Status.PASSED);
        List<TimelineEvent> power = update.timeline().events(Lane.POWER);
        assertThat(power).extracting(TimelineEvent::kind).containsExactly(EventKind.POWER_OFF, EventKind.POWER_ON);
        assertThat(power.get(0).detail()).startsWith("fota:updating:30% (+QIND: \"FOTA\",\"UPDATING\",40%,1,1)");
        // the transcript: the cut after the 40 % line, the setup's commands after RDY and +IP
        String t = update.transcript();
        assertThat(t.indexOf("RX RDY")).isGreaterThan(t.indexOf("UPDATING\",60%"));
        assertThat(t.lastIndexOf("TX AT+MIPLCREATE")).isGreaterThan(t.indexOf("RX +IP: "));

        Attachment powerTable = attachment(update, "power actions");
        assertThat(powerTable.contentAsString()).contains("off", "on",
                "fota:updating:30% (+QIND: \"FOTA\",\"UPDATING\",40%,1,1), fired at +");
        String svg = attachment(update, "FOTA timeline").contentAsString();
        assertThat(svg).contains("data-phase=\"download\"", "data-phase=\"downloaded\"", "data-phase=\"update\"",
                "data-ending=\"CUT\"", "class=\"mark cut\"", "class=\"mark restore\"", "class=\"mark trigger\"",
                "data-percent=\"40\"");
        assertThat(update.timeline().phases()).extracting(p -> p.name()).contains("FOTA download", "FOTA update");

        CaseResult download = r.caseNamed("a cut when the download starts, then ready only");
        assertThat(download.status()).as("%s", download.failure()).isEqualTo(Status.PASSED);
        assertThat(Recorded.step(download, "recover: ready").orElseThrow().steps()).isEmpty();

        CaseResult notReady = r.caseNamed("a module that is not ready in time fails the recovery with the evidence");
        assertThat(notReady.status()).isEqualTo(Status.FAILED);
        assertThat(notReady.failure().category()).isEqualTo(FailureCategory.MODULE);
        assertThat(notReady.failure().message()).startsWith("recovery: the module was not ready (RDY, then +IP: ...)"
                + " within 300ms of power on").contains("missing +IP: <address>", "RX RDY");

        CaseResult never = r.caseNamed("a FOTA state that never comes fails at the trigger's deadline");
        assertThat(never.status()).isEqualTo(Status.FAILED);
        assertThat(never.failure().message()).startsWith("cut-at fota:downloaded: ")
                .contains("FOTA state downloaded (6.3: +MIPLEVENT: 0,42)");
        assertThat(never.timeline().events(Lane.POWER)).as("no cut without its trigger").isEmpty();
    }

    private static Attachment attachment(CaseResult c, String name) {
        return c.attachments().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no attachment '" + name + "' in " + c.attachments()));
    }
}
