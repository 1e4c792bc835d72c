package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./mipl-hil run} against a dead module: the virtual module on its pseudo-terminal, the embedded platform, and
 * a fault plan that drops every {@code +MIPLEVENT: 0,6} (the module registers but never says so).
 */
class FailFastRunTest {

    static final String CHAPTER7 = "suites/catalogue/chapter7.yaml";
    /** Three cases of chapter 7, each registering in the suite's setup (30 s for event 6). */
    static final String THREE = "doc:7.3.1 | doc:7.3.2 | doc:7.4.1";

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

    private Path dropEvent6() throws IOException {
        Path plan = dir.resolve("drop-event-6.yaml");
        Files.writeString(plan, """
                faults:
                  - on: urc
                    match: '^\\+MIPLEVENT: 0,6$'
                    action: drop
                """);
        return plan;
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void theHealthCheckPassesOnTheCleanVirtualModuleAndIsNoCaseOfTheRun() {
        int code = run(CHAPTER7, "--tags", "doc:7.3.1", "--report", dir.resolve("r").toString());

        assertThat(code).as(out() + err).isZero();
        assertThat(out()).contains("mipl-hil run: health check: AT, attach, registration against the embedded"
                        + " platform at 127.0.0.1:")
                .containsPattern("mipl-hil run: health check passed in [0-9.]+ s: AT: passed \\(OK\\), attach: passed"
                        + " \\(AT\\+CEREG\\? -> \\+CEREG: 0,1\\), registration: passed \\(\\+MIPLEVENT: 0,6 after")
                .contains("RESULT: all 1 cases passed");
        assertThat(dir.resolve("r/junit/TEST-health_check.xml")).doesNotExist();
    }

    @Test
    void aModuleThatNeverSaysRegisteredEndsTheRunAfterTheHealthCheckWithTheReason() throws IOException {
        int code = run(CHAPTER7, "--tags", THREE, "--sim-faults", dropEvent6().toString(),
                "--report", dir.resolve("r").toString());

        assertThat(code).isEqualTo(1);
        String verdict = "health check failed: registration: awaited +MIPLEVENT: 0,6 within 30 s after AT+MIPLOPEN;"
                + " arrived: +MIPLEVENT: 0,4";
        assertThat(out()).contains("mipl-hil run: " + verdict)
                .contains("FAIL    health check / health check")
                .contains("[MODULE] " + verdict)
                .contains("RESULT: 1 of 4 cases did not pass");
        // no case ran: each is reported skipped with the verdict, none waited for its registration
        assertThat(count(out(), "SKIP    Chapter 7.3-7.9")).isEqualTo(3);
        assertThat(count(out(), "not run: " + verdict)).isEqualTo(3);
        assertThat(out()).doesNotContain("FAIL    Chapter 7.3-7.9");
        assertThat(dir.resolve("r/junit/TEST-health_check.xml")).content().contains("<failure message=\"[MODULE] "
                + verdict);
        assertThat(dir.resolve("r/junit/TEST-Chapter_7.3-7.9_operation_transcripts.xml")).content()
                .contains("skipped=\"3\"");
        assertThat(dir.resolve("r/transcripts/health_check/health-check.txt")).content()
                .contains("TX AT+CEREG?").contains("TX AT+MIPLOPEN=0,86400,30").contains("RX +MIPLEVENT: 0,4")
                .doesNotContain("RX +MIPLEVENT: 0,6").contains("TX AT+MIPLDELETE=0");
    }

    @Test
    void theBreakerOpensAfterKSetupFailuresWithTheSameCauseAndTheRestAreNotRun() throws IOException {
        int code = run(CHAPTER7, "--tags", THREE, "--sim-faults", dropEvent6().toString(), "--no-health-check",
                "--breaker", "2", "--report", dir.resolve("r").toString());

        assertThat(code).isEqualTo(1);
        assertThat(out()).doesNotContain("health check")
                .contains("FAIL    Chapter 7.3-7.9: operation transcripts / 7.3.1")
                .contains("FAIL    Chapter 7.3-7.9: operation transcripts / 7.3.2")
                .contains("mipl-hil run: the circuit breaker opened after case '7.3.2: an instance read is answered in"
                        + " four messages, index 3 down to 0': 2 cases in a row failed before their first own step with"
                        + " the same cause: [MODULE] state registered")
                .contains("; the remaining cases are not run")
                .contains("SKIP    Chapter 7.3-7.9: operation transcripts / 7.4.1")
                .contains("not run: the circuit breaker opened after case '7.3.2")
                .contains("RESULT: 2 of 3 cases did not pass");
    }

    @Test
    void maxFailuresOneStopsAfterTheFirstFailure() throws IOException {
        Path suite = dir.resolve("versions.yaml");
        Files.writeString(suite, """
                suite: versions
                fixtures:
                  profile: %s
                cases:
                  - name: first
                    steps:
                      - send: AT+MIPLVER?
                  - name: second
                    steps:
                      - send: AT+MIPLVER?
                  - name: third
                    steps:
                      - send: AT+MIPLVER?
                """.formatted(RunCommandTest.PROFILE));
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                faults:
                  - on: command
                    match: '^AT\\+MIPLVER\\?$'
                    action: reply
                    value: ERROR
                """);

        int code = run(suite.toString(), "--sim-faults", plan.toString(), "--max-failures", "1",
                "--report", dir.resolve("r").toString());

        assertThat(code).isEqualTo(1);
        assertThat(out()).contains("registration skipped: no suite of the run has object models")
                .contains("FAIL    versions / first")
                .contains("mipl-hil run: --max-failures 1 reached after case 'first': 1 case failed or broke;"
                        + " the remaining cases are not run")
                .contains("SKIP    versions / second").contains("SKIP    versions / third")
                .contains("not run: --max-failures 1 reached after case 'first'")
                .contains("RESULT: 1 of 3 cases did not pass");
    }

    @Test
    void negativeCountsAreUsageErrors() {
        assertThat(run(CHAPTER7, "--breaker", "-1")).isEqualTo(2);
        assertThat(run(CHAPTER7, "--max-failures", "-2")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--breaker must be 0 (off) or more, found -1")
                .contains("--max-failures must be 0 (no limit) or more, found -2");
    }
}
