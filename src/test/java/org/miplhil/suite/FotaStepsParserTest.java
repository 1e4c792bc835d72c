package org.miplhil.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Power steps with cut triggers and recovery, FOTA campaigns and their expected outcome, as the loader reads them. */
class FotaStepsParserTest {

    @TempDir
    java.nio.file.Path tmp;

    SuiteFixture fx;

    @BeforeEach
    void setUp() {
        fx = new SuiteFixture(tmp);
        fx.write("fixtures/firmware/packages/a03-to-beta.bin", "delta");
    }

    @Test
    void triggersRecoveryCampaignAndOutcomeLoadIntoTheModel() {
        Suite s = fx.valid("""
                suite: DFOTA
                setup:
                  - send: AT+MIPLCREATE
                recover:
                  - send: AT+MIPLCREATE
                  - send: AT+MIPLOPEN=0,86400
                cases:
                  - name: N
                    steps:
                      - fota:
                          package: fixtures/firmware/packages/a03-to-beta.bin
                          version: BC260YCNAAR01A03_BETA0721
                          trigger: next-uplink
                          phase-timeout: 20s
                      - power: cycle
                        cut-at: fota:downloading
                        within: 1m
                        after: 300ms
                        for: 1s
                        recover: setup
                        ready-within: 30s
                      - power: off
                        cut-at: fota:updating:30%
                        within: 1m
                      - power: on
                        recover: ready
                      - power: cycle
                        cut-at: 're:^\\+QIND: "FOTA","END",(?<err>\\d+)$'
                        within: 1m
                      - send: AT+MIPLVER?
                        expect: re:${err}
                      - expect-fota: succeeded
                        within: 2m
                        steps: ['re:^execute /5/0/2', 're:^read /5/0/5']
                      - expect-fota: failed
                        result: 5
                        within: 2m
                      - expect-fota: timed-out
                        phase: re:download
                        within: 2m
                      - expect-fota: [timed-out, failed]
                        result: 4
                        within: 2m
                """);
        assertThat(s.recover()).hasSize(2);
        List<Step> steps = s.cases().get(0).steps();
        Step.Fota fota = (Step.Fota) steps.get(0);
        assertThat(fota.startedBy()).isEqualTo(Step.FotaStarter.PLATFORM);
        assertThat(fota.packageFile()).contains(tmp.resolve("fixtures/firmware/packages/a03-to-beta.bin"));
        assertThat(fota.within()).isEmpty();
        assertThat(fota.version().source()).isEqualTo("BC260YCNAAR01A03_BETA0721");
        assertThat(fota.trigger()).isEqualTo(Step.FotaTrigger.NEXT_UPLINK);
        assertThat(fota.phaseTimeout()).contains(Duration.ofSeconds(20));
        assertThat(fota.stepTimeout()).isEmpty();

        Step.Power cut = (Step.Power) steps.get(1);
        assertThat(cut.cutAt()).contains(new CutTrigger.AtFotaState(CutTrigger.FotaState.DOWNLOADING));
        assertThat(cut.after()).isEqualTo(Duration.ofMillis(300));
        assertThat(cut.offFor()).isEqualTo(Duration.ofSeconds(1));
        assertThat(cut.recover()).isEqualTo(Recovery.SETUP);
        assertThat(cut.readyWithin()).isEqualTo(Duration.ofSeconds(30));
        assertThat(((Step.Power) steps.get(2)).cutAt()).contains(new CutTrigger.AtProgress(30));
        assertThat(((Step.Power) steps.get(2)).recover()).isEqualTo(Recovery.NONE);
        assertThat(((Step.Power) steps.get(3)).recover()).isEqualTo(Recovery.READY);
        assertThat(((Step.Power) steps.get(3)).readyWithin()).isEqualTo(Step.Power.DEFAULT_READY_TIME);
        CutTrigger.AtUrc end = (CutTrigger.AtUrc) ((Step.Power) steps.get(4)).cutAt().orElseThrow();
        assertThat(end.urc().match("+QIND: \"FOTA\",\"END\",0", Map.of())).contains(Map.of("err", "0"));

        FotaExpectation.Succeeded ok = (FotaExpectation.Succeeded) ((Step.ExpectFota) steps.get(6)).expectation();
        assertThat(ok.version()).isEmpty();
        assertThat(ok.steps()).extracting(TextMatch::source).containsExactly("re:^execute /5/0/2", "re:^read /5/0/5");
        assertThat(((Step.ExpectFota) steps.get(6)).within()).isEqualTo(Duration.ofMinutes(2));
        assertThat(((FotaExpectation.Failed) ((Step.ExpectFota) steps.get(7)).expectation()).result())
                .isEqualTo(OptionalInt.of(5));
        assertThat(((FotaExpectation.TimedOut) ((Step.ExpectFota) steps.get(8)).expectation()).phase())
                .hasValueSatisfying(p -> assertThat(p.match("download", Map.of())).isPresent());
        FotaExpectation.AnyOf any = (FotaExpectation.AnyOf) ((Step.ExpectFota) steps.get(9)).expectation();
        assertThat(any.word()).isEqualTo("timed-out or failed");
        assertThat(any.alternatives()).hasSize(2).element(1).isEqualTo(new FotaExpectation.Failed(OptionalInt.of(4),
                List.of()));
    }

    @Test
    void mistakesAreReportedWithTheirPositions() {
        assertThat(fx.parse("""
                suite: S
                recover:
                  - power: cycle
                    recover: setup
                cases:
                  - name: N
                    steps:
                      - expect-fota: succeeded
                        within: 1m
                      - power: off
                        recover: setup
                      - power: cycle
                        cut-at: fota:updating:130%
                        within: 1m
                      - power: cycle
                        cut-at: fota:flashing
                        within: 1m
                      - power: on
                        ready-within: 5s
                      - fota:
                          package: fixtures/firmware/packages/missing.bin
                          version: X
                          trigger: later
                          retries: 3
                      - fota: {version: X}
                      - fota: a package
                      - expect-fota: failed
                        version: X
                        result: 300
                        within: 0s
                      - expect-fota: exploded
                        within: 1m
                """).errors()).containsExactly(
                "s.yaml:3:3: the 'recover' steps cannot recover themselves: the power step at s.yaml:3:5 has"
                        + " 'recover: setup'",
                "s.yaml:8:9: 'expect-fota' with no FOTA campaign before it: start one with a 'fota' step",
                "s.yaml:11:9: 'recover' applies to 'power: on' and 'power: cycle': after 'power: off' the module"
                        + " stays unpowered",
                "s.yaml:13:17: 'cut-at: fota:updating:130%': the state is one of idle, downloading, downloaded,"
                        + " updating, or a progress of the update such as updating:30% (0..100)",
                "s.yaml:16:17: 'cut-at: fota:flashing': the state is one of idle, downloading, downloaded, updating,"
                        + " or a progress of the update such as updating:30% (0..100)",
                "s.yaml:19:9: 'ready-within' applies to a power step with 'recover: ready' or 'recover: setup'",
                "s.yaml:21:20: firmware package file 'fixtures/firmware/packages/missing.bin' not found (looked for"
                        + " fixtures/firmware/packages/missing.bin; names starting with ./ or ../ are relative to the"
                        + " suite's directory, others to the project root '.')",
                "s.yaml:23:20: 'trigger' must be one of now, next-uplink, found 'later'",
                "s.yaml:24:11: unknown key 'retries' in 'fota' (the campaign: package, version, trigger) (known:"
                        + " started-by, package, version, trigger, step-timeout, phase-timeout, within)",
                "s.yaml:25:15: 'fota' (the campaign: package, version, trigger) is missing the key 'package'",
                "s.yaml:25:15: a FOTA campaign was started by an earlier step already: one campaign per case",
                "s.yaml:26:15: 'fota' (the campaign: package, version, trigger) must be a mapping (key: value), found"
                        + " 'a package'",
                "s.yaml:28:9: 'version' applies to succeeded, not to failed",
                "s.yaml:29:17: 'result' must be in 0..255, found 300",
                "s.yaml:30:17: 'within' must be longer than 0",
                "s.yaml:31:22: 'expect-fota' must be one of succeeded, failed, timed-out, found 'exploded'");
    }

    @Test
    void aTaskStartedInOneNetsConsoleNeedsNoPackageButADeadline() {
        Suite s = fx.valid("""
                suite: DFOTA from the console
                cases:
                  - name: N
                    steps:
                      - fota:
                          started-by: console
                          version: BC260YCNAAR01A03_BETA0721
                          within: 30m
                          phase-timeout: 15m
                      - expect-fota: succeeded
                        within: 45m
                        steps: ['re:^download started', 're:^result reported']
                """);
        Step.Fota fota = (Step.Fota) s.cases().get(0).steps().get(0);
        assertThat(fota.startedBy()).isEqualTo(Step.FotaStarter.CONSOLE);
        assertThat(fota.packageFile()).isEmpty();
        assertThat(fota.within()).contains(Duration.ofMinutes(30));
        assertThat(fota.phaseTimeout()).contains(Duration.ofMinutes(15));
        assertThat(fota.version().source()).isEqualTo("BC260YCNAAR01A03_BETA0721");
    }

    @Test
    void theKeysOfEachStarterAreCheckedWithTheirPositions() {
        assertThat(fx.parse("""
                suite: S
                cases:
                  - name: console without a deadline, with the platform's keys
                    steps:
                      - fota:
                          started-by: console
                          version: X
                          package: fixtures/firmware/packages/a03-to-beta.bin
                          trigger: next-uplink
                      - expect-fota: succeeded
                        version: X
                        within: 1m
                  - name: the platform's campaign with a console deadline
                    steps:
                      - fota:
                          started-by: platform
                          package: fixtures/firmware/packages/a03-to-beta.bin
                          version: X
                          within: 30m
                  - name: an unknown starter
                    steps:
                      - fota:
                          started-by: operator
                          version: X
                          within: 1m
                """).errors()).containsExactly(
                "s.yaml:6:11: 'started-by: console' needs 'within': how long to wait for the task started in the"
                        + " console to reach the module (+MIPLEVENT: 0,40)",
                "s.yaml:8:11: 'package' applies to 'started-by: platform': with 'started-by: console' the console's"
                        + " task holds the package and the platform's requests",
                "s.yaml:9:11: 'trigger' applies to 'started-by: platform': with 'started-by: console' the console's"
                        + " task holds the package and the platform's requests",
                "s.yaml:11:9: 'version' is what the platform reads (/3/0/3, /5/0/5): after 'started-by: console' only"
                        + " the module's side is seen; check the revision with 'send: ATI' (7.10.6)",
                "s.yaml:19:11: 'within' applies to 'started-by: console' (how long to wait for the console's task):"
                        + " the platform's campaign has 'step-timeout' and 'phase-timeout'",
                // an unknown starter is read as the platform's campaign, whose keys it then lacks or has too many
                "s.yaml:23:11: 'fota' (the campaign: package, version, trigger) is missing the key 'package'",
                "s.yaml:23:23: 'started-by' must be one of platform, console, found 'operator'",
                "s.yaml:25:11: 'within' applies to 'started-by: console' (how long to wait for the console's task):"
                        + " the platform's campaign has 'step-timeout' and 'phase-timeout'");
    }
}
