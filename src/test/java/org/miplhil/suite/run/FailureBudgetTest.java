package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.miplhil.report.Failure;
import org.miplhil.report.Status;

class FailureBudgetTest {

    @Test
    void spentAfterNFailedOrBrokenCases() {
        FailureBudget b = new FailureBudget(2);
        assertThat(b.record("a", Status.FAILED)).isEmpty();
        assertThat(b.record("b", Status.PASSED)).isEmpty();
        assertThat(b.record("c", Status.SKIPPED)).isEmpty();
        Optional<FailureBudget.Exhausted> spent = b.record("d", Status.BROKEN);
        assertThat(spent).contains(new FailureBudget.Exhausted("d", 2));
        assertThat(spent.get().describe()).isEqualTo("--max-failures 2 reached after case 'd': 2 cases failed or broke");
        assertThat(b.record("e", Status.FAILED)).as("once").isEmpty();
    }

    @Test
    void zeroIsNoLimit() {
        FailureBudget b = new FailureBudget(0);
        for (int i = 0; i < 50; i++) {
            assertThat(b.record("c" + i, Status.FAILED)).isEmpty();
        }
    }

    @Test
    void theGuardStopsOnTheFirstOfItsCausesAndKeepsTheCategory() {
        RunGuard g = new RunGuard(new RunOptions.FailFast(true, 0, 1));
        assertThat(g.stopped()).isEmpty();
        assertThat(g.record("a", Status.PASSED, Optional.empty(), false)).isEmpty();
        assertThat(g.record("b", Status.BROKEN, Optional.of(Failure.infrastructure("port gone")), false))
                .contains("--max-failures 1 reached after case 'b': 1 case failed or broke");
        assertThat(g.stopped()).hasValueSatisfying(f -> {
            assertThat(f.category()).isEqualTo(org.miplhil.report.FailureCategory.INFRASTRUCTURE);
            assertThat(f.message()).startsWith("not run: --max-failures 1 reached after case 'b'");
        });
    }

    @Test
    void aFailedHealthCheckStopsBeforeAnyCase() {
        RunGuard g = new RunGuard(RunOptions.FailFast.DEFAULT);
        g.healthCheckFailed(Failure.module("health check failed: AT: awaited OK to AT within 5 s; arrived: nothing"));
        assertThat(g.stopped()).hasValueSatisfying(f -> assertThat(f.message())
                .isEqualTo("not run: health check failed: AT: awaited OK to AT within 5 s; arrived: nothing"));
    }
}
