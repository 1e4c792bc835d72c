package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./mipl-hil run} in-process: validation before any module, tag selection, exit codes, report files. */
class RunCommandTest {

    static final String PROFILE = Path.of("fixtures/firmware/bc260y-cn.yaml").toAbsolutePath().toString();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return RunCli.run(out, err, args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path suite(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text.replace("PROFILE", PROFILE), StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void anInvalidSuiteStopsTheRunWithExit2BeforeTheModuleIsTouched() throws Exception {
        Path bad = suite("bad.yaml", """
                suite: broken
                cases:
                  - name: a step with a typo
                    steps:
                      - send: AT
                        whithin: 5s
                """);
        // a "module" behind a TCP serial server: the run must not even connect to it
        try (ServerSocket module = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = run(bad.toString(), "--target", "tcp:127.0.0.1:" + module.getLocalPort(),
                    "--report", dir.resolve("reports").toString());

            assertThat(code).isEqualTo(2);
            assertThat(err()).contains(bad + ":6:9: unknown key 'whithin'");
            module.setSoTimeout(300);
            boolean connected;
            try (var s = module.accept()) {
                connected = true;
            } catch (SocketTimeoutException e) {
                connected = false;
            }
            assertThat(connected).as("the run connected to the module").isFalse();
            assertThat(dir.resolve("reports")).doesNotExist();
        }
    }

    @Test
    void tagsSelectTheCasesAndTheRunLeavesItsReports() throws Exception {
        Path s = suite("tags.yaml", """
                suite: tag selection
                fixtures:
                  profile: PROFILE
                cases:
                  - name: the version is asked
                    tags: [doc:3.3.4, AT+MIPLVER]
                    steps:
                      - send: AT+MIPLVER?
                        lines: ['re:^\\+MIPLVER: ']
                  - name: a slow version check
                    tags: [doc:3.3.4, slow]
                    steps:
                      - send: AT+MIPLVER?
                  - name: an instance is created
                    tags: [doc:3.3.2, AT+MIPLCREATE]
                    steps:
                      - send: AT+MIPLCREATE
                      - send: AT+MIPLDELETE=0
                """);
        Path reports = dir.resolve("reports");

        int code = run(s.toString(), "--tags", "doc:3.3.4 & !slow", "--report", reports.toString());

        assertThat(code).as(out() + err()).isZero();
        assertThat(out()).contains("PASS    tag selection / the version is asked")
                .doesNotContain("a slow version check").doesNotContain("an instance is created")
                .contains("RESULT: all 1 cases passed");
        assertThat(reports.resolve("junit/TEST-tag_selection.xml")).content()
                .contains("the version is asked").doesNotContain("an instance is created");
        assertThat(reports.resolve("transcripts/tag_selection/the-version-is-asked.txt")).content()
                .contains("TX AT+MIPLVER?");
        try (Stream<Path> results = Files.list(reports.resolve("allure-results"))) {
            assertThat(results.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith("-result.json"));
        }
        // the machine-readable results for ./mipl-hil compare, and the profile the run used
        var recorded = org.miplhil.compare.ResultsReader.read(reports);
        assertThat(recorded.problems()).isEmpty();
        assertThat(recorded.cases()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("the-version-is-asked");
            assertThat(c.status()).isEqualTo("passed");
            assertThat(c.transcript()).isEqualTo("transcripts/tag_selection/the-version-is-asked.txt");
        });
        assertThat(reports.resolve("profile.yaml")).isRegularFile();
    }

    @Test
    void aFailingCaseGivesExit1AndTheFaultPlanOfTheRunAppliesToEveryCase() throws Exception {
        Path s = suite("faults.yaml", """
                suite: faults from the command line
                fixtures:
                  profile: PROFILE
                cases:
                  - name: the version is asked
                    steps:
                      - send: AT+MIPLVER?
                """);
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                faults:
                  - on: command
                    match: '^AT\\+MIPLVER\\?$'
                    action: reply
                    value: ERROR
                """);

        int code = run(s.toString(), "--sim-faults", plan.toString(), "--report", dir.resolve("r").toString());

        assertThat(code).isEqualTo(1);
        assertThat(out()).contains("FAIL    faults from the command line / the version is asked")
                .contains("[MODULE] AT+MIPLVER?: expected the final result OK, got ERROR");
    }

    @Test
    void aRackFileNamesThePortAndThePowerSwitch() throws Exception {
        Path s = suite("power.yaml", """
                suite: power on a rack
                cases:
                  - name: a power cycle
                    steps:
                      - power: cycle
                """);
        Path rack = dir.resolve("rack.yaml");
        Files.writeString(rack, """
                name: bench-x
                module:
                  port: %s
                  imei: "866971050123999"
                  profile: %s
                platform:
                  address: 192.0.2.10:5683
                power:
                  driver: command
                  on: ["true"]
                  off: ["true"]
                """.formatted(dir.resolve("ttyGONE"), PROFILE));

        int code = run(s.toString(), "--rack", rack.toString(), "--report", dir.resolve("r").toString());

        // not skipped for want of a power switch: the rack has one; broken because its port is not there
        assertThat(code).isEqualTo(1);
        assertThat(out()).contains("mipl-hil run on serial:" + dir.resolve("ttyGONE") + "@115200")
                .contains("BROKEN  power on a rack / a power cycle").contains("[INFRASTRUCTURE] cannot open");
    }

    @Test
    void usageErrorsGiveExit2() throws Exception {
        Path s = suite("ok.yaml", """
                suite: fine
                cases:
                  - name: a case
                    steps:
                      - send: AT
                """);
        assertThat(run(s.toString(), "--tags", "doc:3.3.4 &")).isEqualTo(2);
        assertThat(err()).contains("invalid tag expression 'doc:3.3.4 &'");
        assertThat(run(s.toString(), "--target", "usb:0")).isEqualTo(2);
        assertThat(err()).contains("invalid target 'usb:0'");
        assertThat(run(s.toString(), "--tags", "nothing-has-this-tag")).isEqualTo(2);
        assertThat(err()).contains("no case matches the tag expression 'nothing-has-this-tag'");
        assertThat(run(dir.resolve("missing").toString())).isEqualTo(2);
        assertThat(err()).contains("missing:1:1: no such file or directory");
    }
}
