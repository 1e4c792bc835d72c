package org.miplhil.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.miplhil.report.CaseInfo;
import org.miplhil.report.RunInfo;
import org.miplhil.report.RunRecorder;
import org.miplhil.report.Status;
import org.miplhil.report.SuiteInfo;

/** The step clock counts leaf steps, and time the step thread spends blocked is not the harness's. */
class StepClockTest {

    @Test
    void waitedTimeIsNotOverheadAndGroupsCountThroughTheirChildren() throws Exception {
        RunRecorder rec = RunRecorder.builder().build();
        StepClock clock = new StepClock(rec);
        clock.runStarted(RunInfo.builder().build());
        clock.suiteStarted(new SuiteInfo("s", "s.yaml", ""));
        clock.caseStarted(CaseInfo.builder("c").build());
        clock.stepStarted("setup");
        clock.stepStarted("send AT");
        clock.stepPassed();
        clock.stepStarted("send ATI");
        clock.stepPassed();
        clock.stepPassed();
        clock.stepStarted("a step that waits for something that never comes");
        // nothing will count the latch down: the step is blocked for the whole timeout, as on a silent module
        assertThat(new CountDownLatch(1).await(300, TimeUnit.MILLISECONDS)).isFalse();
        clock.stepFinished(Status.FAILED, "[MODULE] nothing came");
        clock.caseFinished();
        clock.suiteFinished();
        assertThat(clock.runFinished().total()).isEqualTo(1);

        StepClock.Totals t = clock.totals();
        assertThat(t.steps()).isEqualTo(3);
        assertThat(t.cases()).isEqualTo(1);
        assertThat(t.stepWaitedMillis()).isGreaterThanOrEqualTo(290);
        assertThat(t.stepWallNanos()).isGreaterThanOrEqualTo(300_000_000L);
        // the blocked 300 ms are not the harness's: what is left is far below them
        assertThat(t.overheadPerStepMicros() * t.steps()).isLessThan(t.stepWallNanos() / 1000.0 / 2);
        assertThat(t.stepCpuNanos()).hasSize(3);
        assertThat(t.cpuMeanMicros()).isGreaterThan(0);
    }
}
