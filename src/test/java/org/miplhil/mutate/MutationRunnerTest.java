package org.miplhil.mutate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.suite.run.TagSelection;

/**
 * The mutation run on a small hand-made catalogue (two tiny suites, three cases) against the virtual module, with
 * hand-made mutants whose fate is known: one killed, one killed through its reply trigger, one surviving, one
 * equivalent, one not covered, one control that passes and one control that raises a false alarm.
 */
class MutationRunnerTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Path catalogue() throws Exception {
        Path suites = Files.createDirectories(dir.resolve("suites"));
        String profile = Path.of("fixtures/firmware/bc260y-cn.yaml").toAbsolutePath().toString();
        Files.writeString(suites.resolve("a-version.yaml"), """
                suite: "Version"
                fixtures:
                  profile: %s
                setup:
                  - state: attached
                    cmee: 1
                cases:
                  - name: AT+MIPLVER? reports 2.3.0
                    steps:
                      - send: AT+MIPLVER?
                        lines: ["+MIPLVER: 2.3.0"]
                        within: 1s
                  - name: AT+MIPLVER=1 is refused
                    steps:
                      - send: AT+MIPLVER=1
                        expect: "+CIS ERROR: ${profile.errors.any.unsupported-form}"
                """.formatted(profile), StandardCharsets.UTF_8);
        Files.writeString(suites.resolve("b-create.yaml"), """
                suite: "Create"
                fixtures:
                  profile: %s
                setup:
                  - state: attached
                    cmee: 1
                cases:
                  - name: AT+MIPLCREATE gives instance 0
                    steps:
                      - send: AT+MIPLCREATE
                        lines: ["+MIPLCREATE: 0"]
                        within: 5s
                      - send: AT+MIPLDELETE=0
                        expect: OK
                """.formatted(profile), StandardCharsets.UTF_8);
        return suites;
    }

    private MutationRunner.Builder runner(Path suites) {
        return MutationRunner.builder().suites(List.of(suites)).tags(TagSelection.all()).report(dir.resolve("r"))
                .out(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void knownKillsSurvivorsAndControlsGiveTheExpectedStatusesAndCounts() throws Exception {
        List<Mutant> mutants = List.of(
                HandMadeMutants.command("other-result-code/cmd-MIPLVER-query", Family.RESULT_CODE, "^AT\\+MIPLVER\\?$",
                        HandMadeMutants.plan("command", "^AT\\+MIPLVER\\?$", "reply", "\"+MIPLVER: 2.2.0\\nOK\"")),
                HandMadeMutants.refused("accept-refused/cmd-MIPLVER-set", "^AT\\+MIPLVER=", "CIS ERROR",
                        HandMadeMutants.plan("command", "^AT\\+MIPLVER=", "reply", "OK")),
                HandMadeMutants.command("delay-past-deadline/cmd-MIPLCREATE", Family.DELAY_PAST, "^AT\\+MIPLCREATE$",
                        HandMadeMutants.plan("command", "^AT\\+MIPLCREATE$", "delay", "10ms")),
                HandMadeMutants.command("duplicate/cmd-MIPLDELETE", Family.DUPLICATE, "^AT\\+MIPLDELETE=",
                        HandMadeMutants.plan("command", "^AT\\+MIPLDELETE=", "delay", "5ms")),
                HandMadeMutants.command("drop/cmd-CGMR", Family.DROP, "^AT\\+CGMR$",
                        HandMadeMutants.plan("command", "^AT\\+CGMR$", "drop", null)),
                HandMadeMutants.command("delay-within-deadline/cmd-MIPLCREATE", Family.DELAY_WITHIN, "^AT\\+MIPLCREATE$",
                        HandMadeMutants.plan("command", "^AT\\+MIPLCREATE$", "delay", "20ms")),
                HandMadeMutants.command("delay-within-deadline/cmd-MIPLVER-query", Family.DELAY_WITHIN,
                        "^AT\\+MIPLVER\\?$", HandMadeMutants.plan("command", "^AT\\+MIPLVER\\?$", "delay", "1500ms")));
        Equivalents eq = Equivalents.parse("equivalent.yaml", """
                - mutant: 'duplicate/cmd-MIPLDELETE'
                  reason: "a gloss"
                  section: "3.3.3"
                """, Optional.of(mutants.stream().map(Mutant::id).toList())).orElseThrow();
        MutationResult r = runner(catalogue()).mutants(mutants).equivalents(eq).build().run();
        String printed = out.toString(StandardCharsets.UTF_8);

        assertThat(r.cleanFailures()).as(printed).isEmpty();
        assertThat(r.clean()).hasSize(3);
        Map<String, String> words = r.verdicts().stream()
                .collect(Collectors.toMap(v -> v.mutant().id(), MutantVerdict::word));
        assertThat(words).as(printed).containsExactlyInAnyOrderEntriesOf(Map.of(
                "other-result-code/cmd-MIPLVER-query", "KILLED",
                "accept-refused/cmd-MIPLVER-set", "KILLED",
                "delay-past-deadline/cmd-MIPLCREATE", "SURVIVED",
                "duplicate/cmd-MIPLDELETE", "EQUIVALENT",
                "drop/cmd-CGMR", "NOT_COVERED",
                "delay-within-deadline/cmd-MIPLCREATE", "PASSED",
                "delay-within-deadline/cmd-MIPLVER-query", "FALSE_ALARM"));
        Function<String, MutantVerdict> by = id -> r.verdicts().stream().filter(v -> v.mutant().id().equals(id))
                .findFirst().orElseThrow();
        MutantVerdict killed = by.apply("other-result-code/cmd-MIPLVER-query");
        assertThat(killed.killedBy().orElseThrow().title()).isEqualTo("Version / AT+MIPLVER? reports 2.3.0");
        assertThat(killed.killedBy().get().message()).startsWith("[MODULE]").contains("2.2.0");
        assertThat(killed.casesRun()).containsExactly("Version / AT+MIPLVER? reports 2.3.0");
        assertThat(by.apply("accept-refused/cmd-MIPLVER-set").casesRun())
                .as("only the case whose clean answer was refused").containsExactly("Version / AT+MIPLVER=1 is refused");
        assertThat(by.apply("drop/cmd-CGMR").casesRun()).isEmpty();
        assertThat(by.apply("duplicate/cmd-MIPLDELETE").equivalent().orElseThrow().section()).isEqualTo("3.3.3");

        Score s = r.score();
        assertThat(s.total()).isEqualTo(new Score.Counts(5, 2, 1, 1, 1, 0, 0));
        assertThat(s.total().score()).isEqualTo(50.0); // 2 / (5 - 1)
        assertThat(s.controlsPassed()).isEqualTo(1);
        assertThat(s.falseAlarms()).isEqualTo(1);
        assertThat(r.ok()).isFalse();
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(printed).contains("clean run: 3 cases passed",
                "KILLED      other-result-code/cmd-MIPLVER-query (",
                "1 of 1 impacted cases run) Version / AT+MIPLVER? reports 2.3.0: [MODULE]",
                "NOT_COVERED drop/cmd-CGMR  (no line of the clean run matches /^AT\\+CGMR$/)",
                "FALSE_ALARM delay-within-deadline/cmd-MIPLVER-query");

        MutateReport.write(r, dir.resolve("r"), "./mipl-hil mutate test");
        assertThat(dir.resolve("r/mutants/drop/cmd-CGMR.yaml")).content().contains("action: drop");
        String json = Files.readString(dir.resolve("r/mutate.json"));
        assertThat(json).contains("\"ok\":false", "\"status\":\"SURVIVED\"", "\"status\":\"FALSE_ALARM\"",
                "\"false_alarms\":1", "\"score_percent\":50.0", "\"mutant\":\"duplicate/cmd-MIPLDELETE\"");
        String md = Files.readString(dir.resolve("r/detection.md"));
        assertThat(md).contains("mutation score **50.0 %**", "| `other-result-code` | 1 | 1 |",
                "**False alarms**", "`delay-past-deadline/cmd-MIPLCREATE`", "plan `mutants/delay-past-deadline/",
                "| `duplicate/cmd-MIPLDELETE` | 3.3.3 | a gloss |", "Not covered");
    }

    @Test
    void aFailingCleanRunEndsTheRunAndASpentBudgetLeavesMutantsNotRun() throws Exception {
        Path suites = catalogue();
        Mutant m = HandMadeMutants.command("other-result-code/cmd-MIPLVER-query", Family.RESULT_CODE, "^AT\\+MIPLVER\\?$",
                HandMadeMutants.plan("command", "^AT\\+MIPLVER\\?$", "reply", "\"+MIPLVER: 2.2.0\\nOK\""));
        MutationResult spent = runner(suites).mutants(List.of(m)).budget(Duration.ZERO).build().run();
        assertThat(spent.verdicts()).singleElement().satisfies(v -> {
            assertThat(v.ran()).isFalse();
            assertThat(v.note()).contains("budget");
        });
        assertThat(spent.score().total().notRun()).isEqualTo(1);
        assertThat(spent.exitCode()).isEqualTo(1);

        Files.writeString(suites.resolve("c-wrong.yaml"), """
                suite: "Wrong"
                cases:
                  - name: expects a version no module has
                    steps:
                      - send: AT+MIPLVER?
                        lines: ["+MIPLVER: 9.9.9"]
                """, StandardCharsets.UTF_8);
        MutationResult failed = runner(suites).mutants(List.of(m)).build().run();
        assertThat(failed.cleanRunFailed()).isTrue();
        assertThat(failed.cleanFailures()).singleElement().satisfies(p ->
                assertThat(p.title()).isEqualTo("Wrong / expects a version no module has"));
        assertThat(failed.verdicts()).isEmpty();
        assertThat(failed.plans()).isEmpty();
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("the clean run failed: 1 case(s)");
    }

    @Test
    void mutantsRunSideBySideEachOnItsOwnBenchAndComeBackInTheirOrder() throws Exception {
        List<Mutant> mutants = List.of(
                HandMadeMutants.command("other-result-code/cmd-MIPLVER-query", Family.RESULT_CODE,
                        "^AT\\+MIPLVER\\?$", HandMadeMutants.plan("command", "^AT\\+MIPLVER\\?$", "reply",
                                "\"+MIPLVER: 2.2.0\\nOK\"")),
                HandMadeMutants.command("delay-past-deadline/cmd-MIPLCREATE", Family.DELAY_PAST, "^AT\\+MIPLCREATE$",
                        HandMadeMutants.plan("command", "^AT\\+MIPLCREATE$", "delay", "10ms")),
                HandMadeMutants.command("drop/cmd-CGMR", Family.DROP, "^AT\\+CGMR$",
                        HandMadeMutants.plan("command", "^AT\\+CGMR$", "drop", null)),
                HandMadeMutants.refused("accept-refused/cmd-MIPLVER-set", "^AT\\+MIPLVER=", "CIS ERROR",
                        HandMadeMutants.plan("command", "^AT\\+MIPLVER=", "reply", "OK")));
        MutationResult r = runner(catalogue()).mutants(mutants).jobs(2).build().run();
        assertThat(r.verdicts()).extracting(MutantVerdict::word).as(out.toString(StandardCharsets.UTF_8))
                .containsExactly("KILLED", "SURVIVED", "NOT_COVERED", "KILLED");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[1/4]", "[2/4]", "[3/4]", "[4/4]");
    }

    @Test
    void aGeneralCommandOnlyTheBenchStartUpSendsIsCoveredThereAndKilledThroughTheHealthCheck() throws Exception {
        List<Mutant> mutants = List.of(
                HandMadeMutants.command("drop/cmd-AT", Family.DROP, "^AT$",
                        HandMadeMutants.plan("command", "^AT$", "drop", null)),
                HandMadeMutants.command("delay-within-deadline/cmd-AT", Family.DELAY_WITHIN, "^AT$",
                        HandMadeMutants.plan("command", "^AT$", "delay", "20ms")));
        MutationResult r = runner(catalogue()).mutants(mutants).build().run();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(r.cleanFailures()).as(printed).isEmpty();
        assertThat(r.clean()).as("the start-up is no case of the catalogue").hasSize(3);
        assertThat(r.verdicts()).extracting(MutantVerdict::word).as(printed).containsExactly("KILLED", "PASSED");
        MutantVerdict dropped = r.verdicts().get(0);
        assertThat(dropped.killedBy().orElseThrow().title())
                .isEqualTo(MutationRunner.STARTUP_SUITE + " / " + MutationRunner.STARTUP_CASE);
        assertThat(dropped.killedBy().get().message()).startsWith("[MODULE]");
        assertThat(dropped.benchStart()).as("the platform and the power-up, measured").isPositive();
        assertThat(dropped.casesRun()).containsExactly(MutationRunner.STARTUP_SUITE + " / "
                + MutationRunner.STARTUP_CASE);
    }
}
