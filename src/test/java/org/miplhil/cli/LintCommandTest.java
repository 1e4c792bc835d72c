package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./mipl-hil lint}, run in-process through the real command line. */
class LintCommandTest {

    @TempDir
    Path tmp;

    private record Run(int exit, String out) {}

    private static Run lint(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        String[] all = new String[args.length + 1];
        all[0] = "lint";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cli.execute(all);
        return new Run(exit, out.toString());
    }

    private Path suite(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void cleanSuitesExitZeroWithTheSummary() throws IOException {
        suite("suites/a.yaml", "suite: A\ncases:\n  - name: One\n    steps: [{send: AT}]\n"
                + "  - name: Two\n    steps: [{send: AT}]\n");
        suite("suites/sub/b.yml", "suite: B\ncases:\n  - name: One\n    steps: [{wait: 1s}]\n");
        suite("suites/.hidden/c.yaml", "not: a suite\n");
        Run r = lint(tmp.resolve("suites").toString());
        assertThat(r.out()).isEqualTo("2 files, 3 cases, 0 errors" + System.lineSeparator());
        assertThat(r.exit()).isZero();
    }

    @Test
    void errorsArePrintedWithPositionsAndExitTwo() throws IOException {
        Path bad = suite("suites/bad.yaml", "suite: Bad\ncases:\n  - name: One\n    steps:\n      - send: AT\n"
                + "        within: soon\n      - wait: 1s\n        extra: 1\n");
        Run r = lint(bad.toString());
        assertThat(r.out().lines().toList()).containsExactly(
                bad + ":6:17: 'within' must be a duration such as 250ms, 6s or 1.5s, found 'soon'",
                bad + ":8:9: unknown key 'extra' in the wait step (known: wait)",
                "1 file, 1 case, 2 errors");
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void aMalformedFileIsAnErrorNotACrash() throws IOException {
        Path bad = suite("x.yaml", "suite: [unclosed\n");
        Run r = lint(bad.toString());
        assertThat(r.out()).startsWith(bad + ":2:1: YAML syntax:");
        assertThat(r.out()).endsWith("1 file, 0 cases, 1 error" + System.lineSeparator());
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void aMissingPathOrNoSuiteFilesExitTwo() throws IOException {
        Run missing = lint(tmp.resolve("nowhere").toString());
        assertThat(missing.out()).contains(tmp.resolve("nowhere") + ":1:1: no such file or directory");
        assertThat(missing.exit()).isEqualTo(2);
        Files.createDirectories(tmp.resolve("empty"));
        Run empty = lint(tmp.resolve("empty").toString());
        assertThat(empty.out()).contains("0 files, 0 cases, 0 errors").contains("no suite files");
        assertThat(empty.exit()).isEqualTo(2);
    }

    @Test
    void withoutPathsItLintsTheRepositorysSuites() {
        Run r = lint();
        assertThat(r.out()).matches("(?s)\\d+ files, \\d+ cases, 0 errors\\R");
        assertThat(r.exit()).isZero();
    }

    @Test
    void rackFilesAreCheckedAsRackFiles() throws IOException {
        Run shipped = lint("fixtures/racks");
        assertThat(shipped.out()).matches("(?s)(\\d+) files \\(\\1 racks\\), 0 cases, 0 errors\\R");
        assertThat(shipped.exit()).isZero();

        // lint loads the module's profile: one that loads (the default, extended unchanged)
        suite("racks/profile.yaml.txt", "extends: " + Path.of("fixtures/firmware/bc260y-cn.yaml").toAbsolutePath()
                + "\n");
        Path bad = suite("racks/bench.yaml", """
                module: {port: /dev/ttyUSB0, imei: "866971050123456", profile: profile.yaml.txt}
                platform: {address: "10.0.0.2:5683"}
                power: {driver: relay, port: /dev/ttyUSB1}
                """);
        suite("suites/a.yaml", "suite: A\ncases:\n  - name: One\n    steps: [{send: AT}]\n");
        Run r = lint(tmp.resolve("racks").toString(), tmp.resolve("suites").toString());
        assertThat(r.out().lines().toList()).containsExactly(
                bad + ":3:17: power.driver must be one of virtual, lcus, numato, http, gpio, command, found 'relay'",
                "2 files (1 rack), 1 case, 1 error");
        assertThat(r.exit()).isEqualTo(2);
    }
    @Test
    void faultPlansAreLintedWithPositionsAndTheEquivalentListIsLeftAlone() throws IOException {
        suite("fixtures/faults/good.yaml", "faults:\n  - {on: power-on, action: emit, value: '+MIPLEVENT: 0,6', after: 30s}\n");
        Path bad = suite("fixtures/faults/bad.yaml", "faults:\n  - {on: urc, match: 'x', reply-matches: OK, action: edit,"
                + " value: '7'}\n");
        suite("fixtures/faults/equivalent.yaml", "equivalent:\n  - mutant: drop/urc-MIPLEVENT-6\n    reason: x\n");
        Run r = lint(tmp.resolve("fixtures/faults").toString());
        assertThat(r.out().lines().toList()).containsExactly(
                bad + ":2:27: faults[0].reply-matches is for command faults only (it reads the module's final result "
                        + "line of the reply); a urc fault has no reply",
                bad + ":2:5: faults[0]: action edit needs field (the parameter's number after ': ', from 1)",
                "3 files (2 fault plans), 0 cases, 2 errors");
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void aFaultPlanElsewhereIsKnownByItsFaultsKey() throws IOException {
        Path plan = suite("plans/late.yaml", "defect: late\nfaults:\n  - {on: urc, match: '^\\+MIPLEVENT: 0,6$',"
                + " action: emit, value: '+MIPLEVENT: 0,6', after: soon}\n");
        Run r = lint(plan.toString());
        assertThat(r.out().lines().toList()).containsExactly(
                plan + ":3:91: faults[0].after must be a duration such as 250ms, 6s or 1.5s, found 'soon'",
                "1 file (1 fault plan), 0 cases, 1 error");
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void theShippedFaultPlansAreClean() {
        Run r = lint("fixtures/faults");
        assertThat(r.out()).as(r.out()).containsPattern("\\d+ files \\(\\d+ fault plans\\), 0 cases, 0 errors");
        assertThat(r.exit()).isZero();
    }

    @Test
    void firmwareProfilesAreCheckedByTheProfileLoader() throws IOException {
        Run shipped = lint("fixtures/firmware");
        assertThat(shipped.out()).as(shipped.out()).containsPattern("\\d+ files \\(\\d+ firmware profiles\\), 0 cases, 0 errors");
        assertThat(shipped.exit()).isZero();
        Path broken = suite("firmware/broken.yaml", "extends: " + Path.of("fixtures/firmware/bc260y-cn.yaml")
                .toAbsolutePath() + "\nmipl:\n  lifetime-min: {value: 15, source: doc:3.3.7}\n  no-such-key: 1\n");
        Run r = lint(broken.toString());
        assertThat(r.out()).as(r.out()).contains("broken.yaml").contains("no-such-key").contains("1 error");
        assertThat(r.exit()).isEqualTo(2);
    }
}
