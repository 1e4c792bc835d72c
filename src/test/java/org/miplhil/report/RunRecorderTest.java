package org.miplhil.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunRecorderTest {

    private final TestClock clock = new TestClock();
    private final List<String> calls = new ArrayList<>();
    private final ReportSink spy = new ReportSink() {
        @Override
        public void caseStarted(SuiteInfo suite, CaseInfo info) {
            calls.add("caseStarted " + info.name());
        }

        @Override
        public void stepStarted(SuiteInfo suite, CaseInfo info, String stepName) {
            calls.add("stepStarted " + (info == null ? "(fixture) " : "") + stepName);
        }

        @Override
        public void caseFinished(SuiteInfo suite, CaseResult result) {
            calls.add("caseFinished " + result.info().name() + " " + result.status());
        }

        @Override
        public void suiteFinished(SuiteResult result) {
            calls.add("suiteFinished " + result.info().name());
        }
    };
    private final RunRecorder rec = RunRecorder.builder().clock(clock).sink(spy).build();

    @Test
    void aSampleRunBecomesRecordsWithStatusesFromTheSteps() {
        RunResult run = Samples.registrationRun(rec, clock);
        assertThat(run.info().firmwareRevision()).isEqualTo("BC260YCNAAR01A03");
        SuiteResult suite = run.suites().get(0);
        assertThat(suite.cases()).extracting(CaseResult::status)
                .containsExactly(Status.PASSED, Status.FAILED, Status.BROKEN, Status.SKIPPED);
        assertThat(run.exitCode()).isEqualTo(1);

        CaseResult passed = suite.cases().get(0);
        assertThat(passed.steps()).extracting(StepResult::name)
                .containsExactly("send AT+MIPLOPEN=0,3600,30", "expect +MIPLEVENT: 0,6 within 30 s");
        assertThat(passed.duration()).isEqualTo(Duration.ofMillis(412));
        assertThat(passed.allMeasurements()).extracting(r -> r.measurement().format()).containsExactly(
                "AT+MIPLOPEN -> OK: 12 ms (limit 5 s)",
                "AT+MIPLOPEN -> +MIPLEVENT: 0,6: 412 ms (limit 30 s)");
        assertThat(passed.timeline().deadlines()).hasSize(2);
        assertThat(passed.timeline().events()).first().satisfies(e -> {
            assertThat(e.offsetNanos()).isZero();
            assertThat(e.kind()).isEqualTo(EventKind.COMMAND);
        });
        assertThat(passed.timeline().events(Lane.PLATFORM)).hasSize(2);
        assertThat(passed.info().sections()).containsExactly("3.3.7", "5.7");
        assertThat(passed.info().commands()).containsExactly("AT+MIPLOPEN");
        assertThat(passed.info().etsIds()).containsExactly("101");
        assertThat(passed.info().tags()).containsExactly("registration");

        CaseResult failed = suite.cases().get(1);
        assertThat(failed.failure().category()).isEqualTo(FailureCategory.MODULE);
        assertThat(failed.failure().message()).startsWith("expected +CIS ERROR: 652");
        CaseResult broken = suite.cases().get(2);
        assertThat(broken.failure().category()).isEqualTo(FailureCategory.INFRASTRUCTURE);
        CaseResult skipped = suite.cases().get(3);
        assertThat(skipped.failure().message()).isEqualTo("the profile gives no way to provoke 651");

        assertThat(suite.setup()).isNotNull();
        assertThat(suite.setup().steps()).extracting(StepResult::name).containsExactly("create instance");
        assertThat(suite.setup().transcript()).contains("+MIPLCREATE: 0");
        assertThat(suite.teardown()).isNotNull();
        assertThat(suite.teardown().steps()).extracting(StepResult::name).containsExactly("close and delete");

        assertThat(calls).containsSubsequence("stepStarted (fixture) create instance",
                "caseStarted " + Samples.PASSING_CASE, "stepStarted send AT+MIPLOPEN=0,3600,30",
                "caseFinished " + Samples.PASSING_CASE + " PASSED", "caseFinished " + Samples.SKIPPED_CASE + " SKIPPED",
                "stepStarted (fixture) close and delete", "suiteFinished registration");
    }

    @Test
    void secretsNeverReachTheRecords() {
        RunResult run = Samples.registrationRun(rec, clock);
        CaseResult passed = run.suites().get(0).cases().get(0);
        assertThat(passed.steps().get(0).params()).contains(new Param("psk", Redactor.MASK));
        assertThat(passed.toString()).doesNotContain(Samples.PSK);

        rec.runStarted(RunInfo.builder().build());
        rec.secret("OneNET-API-key-123456");
        rec.caseStarted(CaseInfo.builder("c").build());
        rec.stepStarted("POST with key OneNET-API-key-123456", Map.of("header", "api-key: OneNET-API-key-123456"));
        rec.event(clock.nanoTime(), EventKind.COAP_REQUEST, "GET ?key=OneNET-API-key-123456");
        rec.attach(Attachment.text("log", "auth OneNET-API-key-123456 ok"));
        rec.stepFinished(Status.FAILED, "[INFRASTRUCTURE] 401 for OneNET-API-key-123456");
        rec.transcript("OneNET-API-key-123456");
        rec.caseFinished();
        RunResult r = rec.runFinished();
        CaseResult c = r.suites().get(0).cases().get(0);
        String all = c.toString() + c.steps().get(0).attachments().get(0).contentAsString() + c.transcript()
                + c.timeline() + c.failure();
        assertThat(all).doesNotContain("OneNET-API-key-123456").contains(Redactor.MASK);
    }

    @Test
    void nestedStepsKeepTheirOrderAndAFailedChildFailsItsParent() {
        rec.runStarted(RunInfo.builder().build());
        rec.suiteStarted(SuiteInfo.of("s"));
        rec.caseStarted(CaseInfo.builder("answers a read").build());
        rec.stepStarted("platform reads /3200/0/5750");
        rec.stepStarted("expect +MIPLREAD within 2 s");
        rec.measurement(Measurement.deadline("read -> +MIPLREAD", Duration.ofMillis(30), Duration.ofSeconds(2)));
        rec.stepPassed();
        rec.stepStarted("platform receives 2.05 within 10 s");
        rec.stepFinished(Status.FAILED, "got 4.04 instead of 2.05");
        rec.stepPassed(); // the executor says passed, the child says otherwise
        rec.caseFinished();
        CaseResult c = rec.runFinished().suites().get(0).cases().get(0);
        StepResult parent = c.steps().get(0);
        assertThat(parent.steps()).extracting(StepResult::name)
                .containsExactly("expect +MIPLREAD within 2 s", "platform receives 2.05 within 10 s");
        assertThat(parent.status()).isEqualTo(Status.FAILED);
        assertThat(parent.failure().markedMessage()).isEqualTo("[MODULE] got 4.04 instead of 2.05");
        assertThat(c.status()).isEqualTo(Status.FAILED);
        assertThat(c.allMeasurements()).singleElement()
                .satisfies(r -> assertThat(r.stepPath()).isEqualTo("platform reads /3200/0/5750 > expect +MIPLREAD within 2 s"));
    }

    @Test
    void anExecutorThatThrowsMidStepStillLeavesACompleteCase() {
        rec.runStarted(RunInfo.builder().build());
        rec.caseStarted(CaseInfo.builder("crashes").build());
        rec.stepStarted("outer");
        rec.stepStarted("inner");
        rec.caseFinished(Status.BROKEN, Failure.of(FailureCategory.HARNESS, new IllegalStateException("boom")));
        rec.stepFinished(Status.PASSED, (String) null); // late, with no case: ignored
        CaseResult c = rec.runFinished().suites().get(0).cases().get(0);
        assertThat(c.status()).isEqualTo(Status.BROKEN);
        assertThat(c.failure().trace()).contains("IllegalStateException: boom");
        assertThat(c.steps()).singleElement().satisfies(outer -> {
            assertThat(outer.status()).isEqualTo(Status.BROKEN);
            assertThat(outer.steps()).singleElement().satisfies(inner -> assertThat(inner.failure().message()).isEqualTo("boom"));
        });
    }

    @Test
    void aCaseStartedBeforeTheLastFinishedBreaksTheLast() {
        rec.runStarted(RunInfo.builder().build());
        rec.suiteStarted(SuiteInfo.of("s"));
        rec.caseStarted(CaseInfo.builder("first").build());
        rec.caseStarted(CaseInfo.builder("second").build());
        rec.caseFinished();
        List<CaseResult> cases = rec.runFinished().suites().get(0).cases();
        assertThat(cases).extracting(CaseResult::status).containsExactly(Status.BROKEN, Status.PASSED);
        assertThat(cases.get(0).failure().markedMessage()).startsWith("[HARNESS] case 'second' started");
    }

    @Test
    void aFailingSinkIsReportedAndTheOthersGoOn() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> seen = new ArrayList<>();
        RunRecorder r = RunRecorder.builder().clock(clock)
                .warnings(new PrintStream(err, true, StandardCharsets.UTF_8))
                .sink(new ReportSink() {
                    @Override
                    public void caseFinished(SuiteInfo suite, CaseResult result) {
                        throw new IllegalStateException("disk full");
                    }
                })
                .sink(new ReportSink() {
                    @Override
                    public void caseFinished(SuiteInfo suite, CaseResult result) {
                        seen.add(result.info().name());
                    }
                }).build();
        r.runStarted(RunInfo.builder().build());
        r.caseStarted(CaseInfo.builder("c").build());
        r.caseFinished();
        r.runFinished();
        assertThat(seen).containsExactly("c");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("disk full");
    }

    @Test
    void timelineOffsetsCountFromTheCaseStart() {
        rec.runStarted(RunInfo.builder().build());
        long before = clock.nanoTime();
        clock.advanceMillis(100);
        rec.caseStarted(CaseInfo.builder("c").build());
        rec.event(before, EventKind.URC, "+MIPLEVENT: 0,1"); // arrived before the case: negative offset
        clock.advanceMillis(50);
        rec.event(clock.nanoTime(), EventKind.URC, "+MIPLEVENT: 0,6");
        rec.phase("downloading", clock.nanoTime(), clock.nanoTime() + 2_000_000_000L);
        Deadline d = rec.deadline("x", clock.nanoTime(), Duration.ofSeconds(1), null);
        rec.caseFinished();
        Timeline t = rec.runFinished().suites().get(0).cases().get(0).timeline();
        assertThat(t.events()).extracting(TimelineEvent::offsetNanos).containsExactly(-100_000_000L, 50_000_000L);
        assertThat(t.phases().get(0).endNanos()).isEqualTo(2_050_000_000L);
        assertThat(d.met()).isFalse();
        assertThat(t.endNanos()).isEqualTo(2_050_000_000L);
    }
}
