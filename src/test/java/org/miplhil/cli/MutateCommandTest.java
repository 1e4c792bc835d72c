package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.mutate.MutateReport;
import org.miplhil.selfcheck.SelfCheckReport;
import picocli.CommandLine;

/**
 * {@code ./mipl-hil mutate} in-process: usage and file errors (2), {@code --list}, no {@code qualify} alias, a run
 * on a one-suite catalogue with one plan (0, the report files, the document's tables) and a catalogue that fails
 * on the clean module (1, before any mutant).
 */
class MutateCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(MutateCommand command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.getCommandSpec().exitCodeOnInvalidInput(2);
        cli.setExitCodeExceptionMapper(t -> 2);
        return cli.execute(args);
    }

    private int mutate(String... args) {
        return run(new MutateCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), args);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path suite(String expectedVersion) throws Exception {
        Path s = Files.createDirectories(dir.resolve("suites")).resolve("version.yaml");
        Files.writeString(s, """
                suite: "Version"
                setup:
                  - state: attached
                    cmee: 1
                cases:
                  - name: AT+MIPLVER? reports the SDK version
                    tags: [AT+MIPLVER]
                    steps:
                      - send: AT+MIPLVER?
                        lines: ["+MIPLVER: %s"]
                        within: 5s
                """.formatted(expectedVersion), StandardCharsets.UTF_8);
        return s;
    }

    private Path onePlan() throws Exception {
        Path faults = Files.createDirectories(dir.resolve("faults"));
        Files.copy(Path.of("fixtures/faults/ver-wrong.yaml"), faults.resolve("ver-wrong.yaml"));
        return faults;
    }

    @Test
    void mutateIsRegisteredAndQualifyIsNoLongerItsAlias() {
        assertThat(Main.commandLine().getSubcommands()).containsKey("mutate");
        // qualify now qualifies a firmware release: none of mutate's options
        CommandLine qualify = Main.commandLine().getSubcommands().get("qualify");
        if (qualify != null) {
            assertThat((Object) qualify.getCommand()).isNotInstanceOf(MutateCommand.class);
        }
    }

    @Test
    void listPrintsTheSpaceAndRunsNothing() {
        int code = mutate("--list", "--report", dir.resolve("r").toString());
        assertThat(code).as(errors()).isZero();
        assertThat(printed()).contains("plan: 25", "  plan/ver-wrong", "  plan/drop-reg-success", "total: ")
                .doesNotContain("equivalent");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void familiesAndGlobsNarrowTheList() throws Exception {
        int code = mutate("--list", "--faults", "fixtures/faults", "--mutants", "plan/notify-*");
        assertThat(code).isZero();
        assertThat(printed()).contains("plan: 5", "plan/notify-ack-missing").doesNotContain("plan/ver-wrong");
        out.reset();
        assertThat(mutate("--list", "--families", "drop")).isZero();
        assertThat(printed()).doesNotContain("plan/");
    }

    @Test
    void usageAndFileErrorsExitWith2() throws Exception {
        assertThat(mutate("--families", "drop,nope", "--list")).isEqualTo(2);
        assertThat(errors()).contains("mipl-hil mutate: --families: no family 'nope' (families: drop, duplicate,");
        assertThat(mutate("--budget", "soon")).isEqualTo(2);
        assertThat(errors()).contains("--budget must be a duration such as 60m");
        assertThat(mutate("--mutant-timeout", "-1s")).isEqualTo(2);
        assertThat(mutate("--control-cases", "-1")).isEqualTo(2);
        assertThat(errors()).contains("--control-cases must be 0 or more, found -1");
        assertThat(mutate("--repeat", "-1")).isEqualTo(2);
        assertThat(errors()).contains("mipl-hil mutate: --repeat must be 0 or more");

        Path faults = onePlan();
        Files.writeString(faults.resolve("equivalent.yaml"), "- mutant: 'drop/*'\n  section: '5.7'\n");
        assertThat(mutate("--faults", faults.toString(), "--list")).isEqualTo(2);
        assertThat(errors()).contains("equivalent.yaml:1:3: entry 0 is missing the key 'reason'");

        Path doc = Files.writeString(dir.resolve("d.md"), "no markers\n");
        Files.delete(faults.resolve("equivalent.yaml"));
        assertThat(mutate(suite("2.3.0").toString(), "--faults", faults.toString(), "--update-doc", doc.toString(),
                "--report", dir.resolve("r").toString())).isEqualTo(2);
        assertThat(errors()).contains("needs one line " + MutateReport.BEGIN);
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void theCleanRepeatsCanRunShardedOverSeveralVirtualModules() throws Exception {
        Path report = dir.resolve("parallel");
        Path faults = onePlan();
        int code = mutate(suite("2.3.0").toString(), "--faults", faults.toString(), "--families", "plan",
                "--mutants", "plan/none", "--repeat", "2", "--parallel", "2", "--report", report.toString());
        assertThat(code).as(printed() + errors()).isZero();
        assertThat(printed()).contains("repeat 1/2 CLEAN  1 cases", "repeat 2/2 CLEAN  1 cases", "clean runs: 2 of 2");
        // each round sharded over the fleet: its report per module
        assertThat(report.resolve("repeats/run-1/junit")).isDirectoryContaining(p -> p.getFileName().toString()
                .startsWith("sim-"));
        assertThat(mutate("--parallel", "-1", "--list")).isEqualTo(2);
    }

    @Test
    void aRunWritesTheReportAndTheDocumentsTables() throws Exception {
        Path report = dir.resolve("report");
        Path doc = dir.resolve("detection.md");
        Files.writeString(doc, "# t\n" + MutateReport.BEGIN + "\nold score\n" + MutateReport.END + "\nmiddle\n"
                + SelfCheckReport.BEGIN + "\nold plans\n" + SelfCheckReport.END + "\nThe generated mutants\n");
        int code = mutate(suite("2.3.0").toString(), "--faults", onePlan().toString(), "--families", "plan",
                "--repeat", "1", "--tags", "AT+MIPLVER", "--report", report.toString(), "--update-doc", doc.toString());
        assertThat(code).as(printed() + errors()).isZero();
        assertThat(printed()).contains("mipl-hil mutate: a clean run, 0 generated mutants, 1 fault plans",
                "clean run: 1 cases passed", "DETECTED ver-wrong", "repeat 1/1 CLEAN", "plans detected: 1 of 1",
                "RESULT: every mutant killed");
        assertThat(Files.readString(report.resolve("mutate.json"))).contains("\"ok\":true",
                "\"clean_run\":{\"cases\":1", "\"plan\":{\"generated\":1,\"killed\":1", "\"name\":\"ver-wrong\"");
        assertThat(report.resolve("selfcheck.json")).exists();
        assertThat(report.resolve("qualify.json")).doesNotExist();
        assertThat(Files.readString(report.resolve("detection.md"))).contains("mutation score **100.0 %**",
                "| `plan` | 1 | 1 | 0 |", "1 of 1 plans detected");
        String updated = Files.readString(doc);
        assertThat(updated).contains(MutateReport.BEGIN + "\nGenerated by `./mipl-hil mutate ",
                SelfCheckReport.BEGIN + "\nGenerated by `./mipl-hil mutate ").doesNotContain("old score", "old plans")
                .endsWith(SelfCheckReport.END + "\nThe generated mutants\n");
    }

    @Test
    void aCatalogueThatFailsOnTheCleanModuleEndsTheRunAtOnce() throws Exception {
        int code = mutate(suite("9.9.9").toString(), "--faults", onePlan().toString(), "--repeat", "3",
                "--tags", "AT+MIPLVER", "--report", dir.resolve("r").toString());
        assertThat(code).isEqualTo(1);
        assertThat(printed()).contains("the clean run failed: 1 case(s)", "Version / AT+MIPLVER? reports the SDK"
                + " version", "RESULT: FAILED (clean run)").doesNotContain("DETECTED", "repeat 1/3");
        assertThat(Files.readString(dir.resolve("r/mutate.json"))).contains("\"passed\":false");
    }
}
