package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./mipl-hil qualify}: release qualification. Two report directories go to {@code compare} with the rules;
 * a release file runs the candidate (and the baseline) first, replicated on the modules, then compares; usage
 * errors exit 2; the exit is compare's.
 */
class QualifyCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    /** Every ./mipl-hil command the qualification ran, as typed. */
    private final List<String> ran = new ArrayList<>();

    private int qualify(Function<String[], Integer> cli, Boolean compareKnown, String... args) {
        QualifyCommand command = new QualifyCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), cli, compareKnown);
        // the modules run what the release names (ReleaseDfotaTest asks real modules)
        command.revisions = (place, side) -> List.of(new org.miplhil.release.RevisionCheck.ModuleRevision(
                "m", side.revision(), side.revision(), ""));
        CommandLine c = new CommandLine(command);
        c.getCommandSpec().exitCodeOnInvalidInput(2);
        c.setExitCodeExceptionMapper(t -> 2);
        return c.execute(args);
    }

    /** A command line that records each command and answers run with {@code runCode}, compare with compareCode. */
    private Function<String[], Integer> recording(int runCode, int compareCode) {
        return args -> {
            ran.add(String.join(" ", args));
            return args[0].equals("compare") ? compareCode : runCode;
        };
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path rules() throws Exception {
        return Files.writeString(dir.resolve("rules.yaml"), "qualification: test\n");
    }

    @Test
    void qualifyIsReleaseQualificationNotTheSelfCheck() {
        CommandLine q = Main.commandLine().getSubcommands().get("qualify");
        assertThat((Object) q.getCommand()).isInstanceOf(QualifyCommand.class);
        assertThat(q.getCommandSpec().optionsMap()).containsKeys("--baseline", "--candidate", "--rules", "--out")
                .doesNotContainKeys("--faults", "--families");
    }

    @Test
    void usageErrorsExitWith2AndRunNothing() throws Exception {
        assertThat(qualify(recording(0, 0), true)).isEqualTo(2);
        assertThat(errors()).contains("name two report directories");
        assertThat(qualify(recording(0, 0), true, "--baseline", dir.toString(), "--candidate", "nope",
                "--rules", rules().toString())).isEqualTo(2);
        assertThat(errors()).contains("no report directory nope");
        assertThat(qualify(recording(0, 0), true, "--baseline", dir.toString(), "--candidate", dir.toString(),
                "--rules", "none.yaml")).isEqualTo(2);
        assertThat(errors()).contains("no rules file none.yaml");
        assertThat(qualify(recording(0, 0), true, "x.yaml", "--baseline", dir.toString())).isEqualTo(2);
        assertThat(errors()).contains("give it alone");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "release: R\nfirmware: 3\n");
        assertThat(qualify(recording(0, 0), true, bad.toString())).isEqualTo(2);
        assertThat(errors()).contains("bad.yaml:2:11: firmware must be a mapping");
        assertThat(ran).isEmpty();
    }

    @Test
    void twoReportDirectoriesGoToCompareWithTheRulesAndItsExitIsTheVerdict() throws Exception {
        Path b = Files.createDirectories(dir.resolve("b"));
        Path c = Files.createDirectories(dir.resolve("c"));
        Path o = dir.resolve("o");
        int code = qualify(recording(0, 1), true, "--baseline", b.toString(), "--candidate", c.toString(),
                "--rules", rules().toString(), "--out", o.toString(), "--threshold", "25%");
        assertThat(code).isEqualTo(1);
        assertThat(ran).containsExactly("compare " + b + " " + c + " --rules " + rules() + " --out " + o
                + " --threshold 25%");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("NOT QUALIFIED", o.resolve("verdict.md").toString());
    }

    @Test
    void aReleaseFileRunsBothFirmwaresReplicatedThenCompares() throws Exception {
        Path o = dir.resolve("rel");
        Path release = Files.writeString(dir.resolve("release.yaml"), """
                release: "virtual test"
                firmware:
                  baseline: {revision: R01}
                  candidate: {revision: R02, faults: fixtures/faults/wrong-error-code.yaml}
                parallel: 2
                suites: [suites/catalogue]
                tags: "AT+MIPLVER"
                repeat: 3
                rules: %s
                out: %s
                dfota: false
                """.formatted(rules(), o));
        // the candidate's cases fail (run exits 1): evidence for compare, not the end
        int code = qualify(recording(1, 0), true, release.toString());
        assertThat(code).as(errors()).isZero();
        String common = "run suites/catalogue --tags AT+MIPLVER --repeat 3 --report ";
        assertThat(ran).containsExactly(
                common + o.resolve("baseline") + " --parallel 2 --replicate",
                common + o.resolve("candidate") + " --parallel 2 --replicate --sim-faults"
                        + " fixtures/faults/wrong-error-code.yaml",
                "compare " + o.resolve("baseline") + " " + o.resolve("candidate") + " --rules " + rules() + " --out "
                        + o.resolve("compare"));
        String md = Files.readString(o.resolve("qualification.md"));
        assertThat(md).contains("# Release qualification: virtual test", "Candidate `R02` against baseline `R01`",
                "fault plan `fixtures/faults/wrong-error-code.yaml`", "**QUALIFIED**",
                "candidate on virtual: cases failed (compare judges them)", "[verdict](compare/verdict.md)");
    }

    @Test
    void aBaselineReportIsComparedAsItIsAndARunThatCannotStartEndsIt() throws Exception {
        Path o = dir.resolve("rel");
        Path baseline = Files.createDirectories(dir.resolve("base-report"));
        Path release = Files.writeString(dir.resolve("release.yaml"), """
                release: R
                firmware:
                  baseline: {revision: R01, report: %s}
                  candidate: {revision: R02}
                suites: [suites/catalogue]
                rules: %s
                out: %s
                dfota: false
                """.formatted(baseline, rules(), o));
        assertThat(qualify(recording(2, 0), true, release.toString())).isEqualTo(2);
        assertThat(ran).singleElement().asString().startsWith("run suites/catalogue --tags !slow --repeat 1")
                .doesNotContain("--parallel");
        assertThat(errors()).contains("the candidate's run on virtual could not start");
        assertThat(Files.readString(o.resolve("qualification.md"))).contains("no verdict (compare exited with 2)");
    }

    /**
     * Through the real command line on two real runs of one case: compare's verdict when this build has
     * {@code compare}, else a clear usage error (exit 2) naming the missing command.
     */
    @Test
    void twoRealRunsQualifyThroughTheRealCompare() throws Exception {
        Path suite = Files.writeString(dir.resolve("version.yaml"), """
                suite: "Version"
                setup:
                  - state: attached
                    cmee: 1
                cases:
                  - name: AT+MIPLVER? reports the SDK version
                    tags: [AT+MIPLVER]
                    steps:
                      - send: AT+MIPLVER?
                        lines: ["+MIPLVER: 2.3.0"]
                        within: 5s
                """);
        for (String side : new String[] {"baseline", "candidate"}) {
            int code = RunCli.run(out, err, suite.toString(), "--report", dir.resolve(side).toString());
            assertThat(code).as(errors()).isZero();
        }
        Path rules = Files.writeString(dir.resolve("rules.yaml"), """
                qualification: 1
                description: the version case must pass in both
                required-tags: [AT+MIPLVER]
                regressions:
                  allowed: false
                """);
        Path o = dir.resolve("verdict");
        int code = qualify(args -> Main.commandLine().execute(args), null, "--baseline",
                dir.resolve("baseline").toString(), "--candidate", dir.resolve("candidate").toString(), "--rules",
                rules.toString(), "--out", o.toString());
        assertThat(code).as(() -> out.toString(StandardCharsets.UTF_8) + errors() + readOrEmpty(o.resolve("verdict.md"))
                + readOrEmpty(o.resolve("compare.md"))).isZero();
        assertThat(o.resolve("verdict.md")).isRegularFile();
        assertThat(o.resolve("index.html")).isRegularFile();
        assertThat(Files.readString(o.resolve("verdict.md"))).contains("QUALIFIED").doesNotContain("NOT QUALIFIED");

        // the default rules ask for the catalogue's tags, which one case does not carry: not qualified, and why
        Path d = dir.resolve("verdict-default");
        int byDefault = qualify(args -> Main.commandLine().execute(args), null, "--baseline",
                dir.resolve("baseline").toString(), "--candidate", dir.resolve("candidate").toString(), "--rules",
                QualifyCommand.DEFAULT_RULES.toString(), "--out", d.toString());
        assertThat(byDefault).isEqualTo(1);
        assertThat(Files.readString(d.resolve("verdict.md"))).contains("NOT QUALIFIED").contains("doc:3.3.7");
    }

    private static String readOrEmpty(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
