package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.report.CaseResult;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.RunRecorder;
import org.miplhil.report.Status;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.sim.fault.FaultPlanLoader;
import org.miplhil.yaml.LoadResult;

/**
 * The invariants end to end, on the virtual module: a firmware that prints {@code +MIPLEVENT: 0,15} twice after one
 * AT+MIPLCLOSE passes every step of the catalogue's 7.2.3 transcript and fails its step "invariants"; a case that
 * opts out of the rule with a reason passes.
 */
class CaseInvariantsTest {

    private static final String CATALOGUE = "suites/catalogue/chapter7-registration.yaml";
    private static final String CASE_7_2_3 =
            "7.2.3: registration without bootstrap, observe, discover, object deleted, deregistration";

    @TempDir
    Path dir;

    private static FaultPlan doubledEvent15() {
        LoadResult<FaultPlan> plan = FaultPlanLoader.parse("doubled-15.yaml", """
                faults:
                  - on: urc
                    match: '^\\+MIPLEVENT: 0,15$'
                    action: duplicate
                """);
        assertThat(plan).as("%s", plan).isInstanceOf(LoadResult.Ok.class);
        return ((LoadResult.Ok<FaultPlan>) plan).value();
    }

    private static CaseResult runCase(RunOptions options, List<Path> files, String name) {
        RunPlan plan = RunPlan.load(files, options, TagSelection.all());
        assertThat(plan.ok()).as("%s", plan.problems()).isTrue();
        RunRecorder rec = RunRecorder.builder().build();
        try (SuiteRunner runner = new SuiteRunner(options, rec)) {
            RunPlan.SuitePlan s = plan.suites().get(0);
            runner.suiteStarted(new RunPlan.SuitePlan(s.suite(), s.cases().stream()
                    .filter(c -> c.name().equals(name)).toList(), s.profileFile(), s.profile(), s.profileValues(),
                    s.objects()), "");
            runner.runCase(s.cases().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow());
            runner.suiteFinished();
            return rec.runFinished().suites().get(0).cases().get(0);
        }
    }

    @Test
    void event15TwiceAfterOneCloseFailsTheCatalogueCaseThatPassedEveryStep() {
        Path file = Path.of(CATALOGUE);
        RunOptions faulty = RunOptions.builder().simFaults(Path.of("doubled-15.yaml"), doubledEvent15()).build();

        CaseResult r = runCase(faulty, List.of(file), CASE_7_2_3);

        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.failure().category()).isEqualTo(FailureCategory.MODULE);
        assertThat(r.failure().message()).startsWith("invariant no-duplicate-urc: +MIPLEVENT: 0,15 arrived twice"
                + " after one AT+MIPLCLOSE (#").contains("5.7 / 7.2.1: one event 15 per deregistration");
        // every step of the case passed: only the runner's step "invariants" saw it
        assertThat(Recorded.allSteps(r)).filteredOn(s -> s.status() != Status.PASSED)
                .extracting(s -> s.name()).containsExactly("invariants");
    }

    @Test
    void aCaseThatOptsOutOfARuleWithAReasonPasses() throws Exception {
        String text = Files.readString(Path.of(CATALOGUE)).replace("fixtures/firmware/bc260y-cn.yaml",
                Recorded.PROFILE.toString()).replace("# yaml-language-server:", "# was:").replace("""
                    requires: local-platform   # the registration's lifetime and objects: OneNET shows none
                """, """
                    requires: local-platform
                    invariants:
                      except: [no-duplicate-urc]
                      because: "the run's fault plan doubles event 15"
                """);
        Path file = dir.resolve("opted-out.yaml");
        Files.writeString(file, text);
        RunOptions faulty = RunOptions.builder().simFaults(Path.of("doubled-15.yaml"), doubledEvent15()).build();

        CaseResult r = runCase(faulty, List.of(file), CASE_7_2_3);

        assertThat(r.status()).as("%s", r.failure()).isEqualTo(Status.PASSED);
        assertThat(Recorded.step(r, "invariants")).hasValueSatisfying(s -> assertThat(s.params())
                .contains(new org.miplhil.report.Param("except",
                        "no-duplicate-urc (the run's fault plan doubles event 15)")));
    }
}
