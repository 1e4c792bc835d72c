package org.miplhil.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.miplhil.fleet.FleetRunner;
import org.miplhil.report.CaseInfo;
import org.miplhil.report.CaseResult;
import org.miplhil.report.Failure;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.RunInfo;
import org.miplhil.report.RunResult;
import org.miplhil.report.Status;
import org.miplhil.report.SuiteInfo;
import org.miplhil.report.SuiteResult;

/** A sharded clean repeat read as one repeat: every module's cases, a failure named with its module. */
class ParallelRepeatsTest {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    private static CaseResult c(String name, Status status, String message) {
        return new CaseResult(CaseInfo.builder(name).build(), status,
                message == null ? null : new Failure(FailureCategory.MODULE, message, ""), T, T, null, null, null,
                null, null);
    }

    private static RunResult run(CaseResult... cases) {
        return new RunResult(RunInfo.builder().build(), T, T, List.of(new SuiteResult(new SuiteInfo("URCs", "", ""),
                T, T, null, List.of(cases), null)));
    }

    @Test
    void everyModulesCasesCountAndAFailureNamesItsModule() {
        Map<String, RunResult> byModule = new LinkedHashMap<>();
        byModule.put("sim-1", run(c("a", Status.PASSED, null), c("b", Status.SKIPPED, "not run")));
        byModule.put("sim-2", run(c("c", Status.FAILED, "missing +MIPLEVENT: 0,6")));
        FleetRunner.Result r = new FleetRunner.Result(run(), byModule, List.of());

        RepeatVerdict v = ParallelRepeats.verdict(r, 3, Duration.ofSeconds(40));

        assertThat(v.round()).isEqualTo(3);
        assertThat(v.cases()).isEqualTo(3);
        assertThat(v.skipped()).isEqualTo(1);
        assertThat(v.clean()).isFalse();
        assertThat(v.problems()).singleElement().satisfies(p -> {
            assertThat(p.title()).isEqualTo("URCs / c [sim-2]");
            assertThat(p.message()).contains("missing +MIPLEVENT: 0,6");
        });
    }

    @Test
    void aModulesRunThatBrokeOffIsAProblemEvenWithEveryCasePassed() {
        FleetRunner.Result r = new FleetRunner.Result(run(), Map.of("sim-1", run(c("a", Status.PASSED, null))),
                List.of("sim-2: the run broke off: java.lang.IllegalStateException"));
        RepeatVerdict v = ParallelRepeats.verdict(r, 1, Duration.ZERO);
        assertThat(v.clean()).isFalse();
        assertThat(v.problems()).extracting(CaseProblem::message).containsExactly(
                "sim-2: the run broke off: java.lang.IllegalStateException");
    }
}
