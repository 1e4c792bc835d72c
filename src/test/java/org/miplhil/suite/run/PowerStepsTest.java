package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.power.PowerSpec;
import org.miplhil.report.CaseResult;
import org.miplhil.report.EventKind;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.Lane;
import org.miplhil.report.Status;
import org.miplhil.report.TimelineEvent;

/**
 * The power family on the virtual module's supply (a real pseudo-terminal, the platform on loopback): what off and
 * on do to the module, a cut at a URC, the recovery as seen in the journal, and a target without a working switch.
 * (Cuts at FOTA states and progress are in PowerRecoveryTest.)
 */
class PowerStepsTest {

    @TempDir
    Path dir;

    static final String SWITCHING = """
            suite: switching the supply
            fixtures:
              profile: PROFILE
            cases:
              - name: off - the module answers nothing
                steps:
                  - power: off
                  - send: AT
                    within: 1s
              - name: on after off - RDY and the power-up lines, then commands
                steps:
                  - power: off
                  - power: on
                  - expect-urcs: [RDY, "+CFUN: 1", "+CPIN: READY", 're:^\\+IP: ']
                    within: 10s
                  - send: AT
              - name: on while powered - nothing restarts
                steps:
                  - power: on
                  - expect-no-urc: RDY
                    during: 1s
                  - send: AT
            """;

    @Test
    void offSilencesTheModuleAndOnRestartsIt() throws Exception {
        Recorded r = Recorded.run(dir, Recorded.sim(), SWITCHING);

        CaseResult off = r.caseNamed("off - the module answers nothing");
        assertThat(off.status()).isEqualTo(Status.FAILED);
        assertThat(off.failure().category()).isEqualTo(FailureCategory.MODULE);
        assertThat(off.failure().message())
                .isEqualTo("AT: no final result within 1000 ms; received since it was sent (ms):\n    (nothing)");
        assertThat(off.transcript()).contains("TX AT");
        // nothing came until the runner powered the module up again after the case
        String afterAt = off.transcript().substring(off.transcript().lastIndexOf("TX AT"));
        assertThat(afterAt.indexOf("RX ")).isEqualTo(afterAt.indexOf("RX RDY")).isPositive();
        assertThat(off.timeline().events(Lane.POWER)).extracting(TimelineEvent::kind)
                .containsExactly(EventKind.POWER_OFF);

        CaseResult on = r.caseNamed("on after off - RDY and the power-up lines, then commands");
        assertThat(on.status()).as("%s", on.failure()).isEqualTo(Status.PASSED);
        assertThat(on.timeline().events(Lane.POWER)).extracting(TimelineEvent::kind)
                .containsExactly(EventKind.POWER_OFF, EventKind.POWER_ON);
        // the lines come after the switch, not from an earlier start
        String t = on.transcript();
        assertThat(t.indexOf("RX RDY")).isPositive();
        assertThat(t.indexOf("RX +IP: ")).isGreaterThan(t.indexOf("RX RDY"));

        CaseResult still = r.caseNamed("on while powered - nothing restarts");
        assertThat(still.status()).as("%s", still.failure()).isEqualTo(Status.PASSED);
        assertThat(still.transcript()).doesNotContain("RX RDY");
    }

    static final String CUT_AT_URC = """
            suite: a cut at a URC
            fixtures:
              profile: PROFILE
            teardown:
              - send: AT+MIPLCLOSE=0
                expect: any
              - send: AT+MIPLDELETE=0
                expect: any
            cases:
              - name: a cut at event 6, after a pause, keeps the line's capture
                steps:
                  - mcu: never
                  - send: AT+MIPLCREATE
                  - send: AT+MIPLADDOBJ=0,3303,1,"1",4,1
                  - send: AT+MIPLOPEN=0,3600,30
                  - power: cycle
                    cut-at: 're:^\\+MIPLEVENT: (?<ref>\\d),6$'
                    within: 30s
                    after: 300ms
                    for: 200ms
                    recover: ready
                    ready-within: 30s
                  - send: AT+MIPLCREATE
                    lines: ["+MIPLCREATE: ${ref}"]
              - name: a line matched before the step is no trigger
                steps:
                  - mcu: never
                  - send: AT+MIPLCREATE
                  - send: AT+MIPLADDOBJ=0,3303,1,"1",4,1
                  - send: AT+MIPLOPEN=0,3600,30
                  - expect-urc: "+MIPLEVENT: 0,6"
                    within: 30s
                  - power: off
                    cut-at: "+MIPLEVENT: 0,6"
                    within: 500ms
            """;

    @Test
    void aCutAtAUrcWaitsForTheLineAndThePause() throws Exception {
        Recorded r = Recorded.run(dir, Recorded.sim(), CUT_AT_URC);

        CaseResult cut = r.caseNamed("a cut at event 6, after a pause, keeps the line's capture");
        assertThat(cut.status()).as("%s", cut.failure()).isEqualTo(Status.PASSED);
        assertThat(Recorded.measurements(cut))
                .anyMatch(m -> m.startsWith("step start -> cut trigger +MIPLEVENT: 0,6 | limit 30 s | met"));
        List<TimelineEvent> power = cut.timeline().events(Lane.POWER);
        assertThat(power).extracting(TimelineEvent::kind).containsExactly(EventKind.POWER_OFF, EventKind.POWER_ON);
        assertThat(power.get(0).detail()).isEqualTo("re:^\\+MIPLEVENT: (?<ref>\\d),6$ (+MIPLEVENT: 0,6)");
        TimelineEvent trigger = cut.timeline().events().stream()
                .filter(e -> e.text().equals("cut trigger +MIPLEVENT: 0,6")).findFirst().orElseThrow();
        assertThat(power.get(0).offsetNanos() - trigger.offsetNanos()).as("'after: 300ms' from the trigger")
                .isGreaterThanOrEqualTo(300_000_000L);
        // the cut came after the registration, and the instance went with the power (3.3.x: not in NVRAM)
        String t = cut.transcript();
        assertThat(t.indexOf("RX RDY")).isGreaterThan(t.indexOf("RX +MIPLEVENT: 0,6"));

        CaseResult stale = r.caseNamed("a line matched before the step is no trigger");
        assertThat(stale.status()).isEqualTo(Status.FAILED);
        assertThat(stale.failure().category()).isEqualTo(FailureCategory.MODULE);
        assertThat(stale.failure().message()).startsWith("cut-at +MIPLEVENT: 0,6: ").contains("500");
        assertThat(Recorded.measurements(stale))
                .contains("step start -> cut trigger +MIPLEVENT: 0,6 | limit 500 ms | not measured");
        assertThat(stale.timeline().events(Lane.POWER)).as("no cut without its trigger").isEmpty();
    }

    static final String REGISTER = """
              - mcu: never
              - send: AT+MIPLCREATE
              - send: AT+MIPLADDOBJ=0,3303,1,"1",4,1
              - send: AT+MIPLOPEN=0,3600,30
              - expect-urc: "+MIPLEVENT: 0,6"
                within: 30s
            """;

    static final String TEARDOWN = """
            teardown:
              - send: AT+MIPLCLOSE=0
                expect: any
              - send: AT+MIPLDELETE=0
                expect: any
            """;

    @Test
    void recoverSetupRegistersTheModuleAgain() throws Exception {
        Recorded r = Recorded.run(dir, Recorded.sim(), """
                suite: recovery with the setup
                fixtures:
                  profile: PROFILE
                setup:
                """ + REGISTER + TEARDOWN + """
                cases:
                  - name: after recover setup the module is registered again
                    steps:
                      - power: cycle
                        for: 200ms
                        recover: setup
                        ready-within: 30s
                      - expect-urc: "+MIPLEVENT: 0,6"
                        within: 1s
                      - expect-platform: registered
                        within: 10s
                """, """
                suite: recovery with the recover steps
                fixtures:
                  profile: PROFILE
                setup:
                  - send: AT
                recover:
                """ + REGISTER + TEARDOWN + """
                cases:
                  - name: the suite's recover steps replace its setup
                    steps:
                      - power: cycle
                        for: 200ms
                        recover: setup
                        ready-within: 30s
                      - expect-urc: "+MIPLEVENT: 0,6"
                        within: 1s
                """, """
                suite: nothing to recover with
                fixtures:
                  profile: PROFILE
                cases:
                  - name: recover setup without setup or recover steps
                    steps:
                      - power: cycle
                        for: 200ms
                        recover: setup
                        ready-within: 30s
                """);

        CaseResult again = r.caseNamed("after recover setup the module is registered again");
        assertThat(again.status()).as("%s", again.failure()).isEqualTo(Status.PASSED);
        String t = again.transcript();
        assertThat(t.indexOf("RX +MIPLEVENT: 0,6", t.indexOf("RX RDY"))).as("event 6 after the restart").isPositive();

        CaseResult own = r.caseNamed("the suite's recover steps replace its setup");
        assertThat(own.status()).as("%s", own.failure()).isEqualTo(Status.PASSED);
        assertThat(Recorded.step(own, "recover: setup").orElseThrow().steps()).extracting(s -> s.name())
                .startsWith("mcu never", "send AT+MIPLCREATE").doesNotContain("send AT");

        CaseResult none = r.caseNamed("recover setup without setup or recover steps");
        assertThat(none.status()).isEqualTo(Status.BROKEN);
        assertThat(none.failure().category()).isEqualTo(FailureCategory.HARNESS);
        assertThat(none.failure().message())
                .isEqualTo("recover: setup, and the suite has neither recover nor setup steps");
    }

    static final String ON_HARDWARE = """
            suite: power on a module behind a port
            fixtures:
              profile: PROFILE
            cases:
              - name: a power step
                steps:
                  - send: AT
                  - power: cycle
                    for: 100ms
            """;

    @Test
    void withoutASwitchTheStepIsSkippedAndAFailingSwitchIsTheInfrastructures() throws Exception {
        try (ModuleBehindPort port = ModuleBehindPort.start(Recorded.PROFILE)) {
            Recorded none = Recorded.run(dir.resolve(mkdir("none")), RunOptions.builder().target(port.target())
                    .build(), ON_HARDWARE);
            CaseResult skipped = none.caseNamed("a power step");
            assertThat(skipped.status()).isEqualTo(Status.SKIPPED);
            assertThat(skipped.failure().category()).isEqualTo(FailureCategory.HARNESS);
            // the run finds out before the case starts: none of its steps runs
            assertThat(skipped.failure().message()).startsWith("power is not available for this target (no power"
                    + " switch): power at ").endsWith("suite-1.yaml:8:9");
            assertThat(Recorded.step(skipped, "send AT")).isEmpty();
            assertThat(port.module().isPowered()).isTrue();

            PowerSpec failing = PowerSpec.Command.builder(PowerSpec.Invocation.shell("echo relay jammed >&2; exit 3"),
                    PowerSpec.Invocation.shell("echo relay jammed >&2; exit 3")).build();
            Recorded broken = Recorded.run(dir.resolve(mkdir("failing")), RunOptions.builder()
                    .target(port.target()).power(failing).build(), ON_HARDWARE);
            CaseResult c = broken.caseNamed("a power step");
            assertThat(c.status()).isEqualTo(Status.BROKEN);
            assertThat(c.failure().category()).isEqualTo(FailureCategory.INFRASTRUCTURE);
            assertThat(c.failure().message()).startsWith("the rack's power switch (command) failed: ")
                    .contains("relay jammed");
            assertThat(c.timeline().events(Lane.POWER)).isEmpty();
        }
    }

    private Path mkdir(String name) throws java.io.IOException {
        return java.nio.file.Files.createDirectories(dir.resolve(name));
    }
}
