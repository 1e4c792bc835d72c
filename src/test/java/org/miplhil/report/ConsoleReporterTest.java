package org.miplhil.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleReporterTest {

    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final TestClock clock = new TestClock();

    private List<String> run(ConsoleReporter console) {
        RunRecorder rec = RunRecorder.builder().clock(clock).sink(console).build();
        Samples.registrationRun(rec, clock);
        return buf.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private ConsoleReporter.Builder console() {
        return ConsoleReporter.builder(new PrintStream(buf, true, StandardCharsets.UTF_8)).clock(clock);
    }

    @Test
    void aLinePerCaseWithTheFirstFailureLine() {
        List<String> lines = run(console().build());
        assertThat(lines).contains(
                "[1/4] PASS    registration / " + Samples.PASSING_CASE + "  (412 ms)",
                "[2/4] FAIL    registration / " + Samples.FAILING_CASE + "  (9 ms)",
                "        [MODULE] expected +CIS ERROR: 652 (doc 3.3.15: no observation yet), got OK",
                "[3/4] BROKEN  registration / " + Samples.BROKEN_CASE + "  (3 ms)",
                "        [INFRASTRUCTURE] platform did not answer: connection refused 127.0.0.1:5683",
                "[4/4] SKIP    registration / " + Samples.SKIPPED_CASE + "  (0 ms)",
                "        the profile gives no way to provoke 651");
        assertThat(lines).doesNotContain("transcript tail: > AT+MIPLNOTIFY=... < OK"); // only the first line
        assertThat(lines.get(0)).isEqualTo("mipl-hil run on sim, profile fixtures/firmware/bc260y-cn.yaml, 4 cases");
    }

    @Test
    void aSummaryTableAtTheEnd() {
        List<String> lines = run(console().build());
        int at = lines.indexOf("Summary");
        assertThat(at).isPositive();
        List<String> table = lines.subList(at + 1, lines.size());
        assertThat(table.get(0)).matches("suite\\s+passed\\s+failed\\s+broken\\s+skipped\\s+duration");
        assertThat(table.get(2)).matches("registration\\s+1\\s+1\\s+1\\s+1\\s+\\S+ ms");
        assertThat(table.get(4)).matches("total\\s+1\\s+1\\s+1\\s+1\\s+\\S+ ms");
        // columns line up: every row as wide as the header
        assertThat(table.get(1).length()).isEqualTo(table.get(0).length());
        assertThat(table.get(2).length()).isEqualTo(table.get(0).length());
        assertThat(table).contains("problems by category: MODULE 1 INFRASTRUCTURE 1", "RESULT: 2 of 4 cases did not pass");
    }

    @Test
    void plainAsciiWithoutColourWhenNotATerminal() {
        RunRecorder rec = RunRecorder.builder().clock(clock).sink(console().build()).build();
        rec.runStarted(RunInfo.builder().build());
        rec.caseStarted(CaseInfo.builder("上报数据 → ok").build());
        rec.stepStarted("s");
        rec.stepFinished(Status.FAILED, "got \u0000garbage\u001b[2J");
        rec.caseFinished();
        rec.runFinished();
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f)))
                .as("only printable ASCII:\n" + out).isTrue();
        assertThat(out).contains("\\u4E0A\\u62A5\\u6570\\u636E \\u2192 ok").contains("got \\x00garbage");
    }

    @Test
    void colourOnlyWhenAsked() {
        run(console().color(true).build());
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("\u001b[32mPASS   \u001b[0m", "\u001b[31mFAIL   \u001b[0m");
    }

    @Test
    void aLongCaseSaysItIsStillRunning() {
        ConsoleReporter c = console().progressEvery(Duration.ofSeconds(10)).build();
        RunRecorder rec = RunRecorder.builder().clock(clock).sink(c).build();
        rec.runStarted(RunInfo.builder().build());
        rec.caseStarted(CaseInfo.builder("lifetime x 0.9 triggers an update").build());
        rec.stepStarted("send AT+MIPLOPEN=0,60,30");
        rec.stepPassed();
        clock.advance(Duration.ofSeconds(54));
        rec.stepStarted("expect +MIPLEVENT: 0,11 within 60 s");
        clock.advance(Duration.ofSeconds(3));
        rec.stepStarted("expect nothing else"); // too soon after the last line: quiet
        rec.stepPassed();
        rec.stepPassed();
        rec.caseFinished();
        rec.runFinished();
        List<String> progress = buf.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("still running")).toList();
        assertThat(progress).containsExactly(
                "   ... still running: lifetime x 0.9 triggers an update (54 s), step: expect +MIPLEVENT: 0,11 within 60 s");
    }
}
