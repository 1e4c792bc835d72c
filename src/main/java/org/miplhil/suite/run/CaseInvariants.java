package org.miplhil.suite.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.miplhil.dut.JournalEntry;
import org.miplhil.invariant.CheckContext;
import org.miplhil.invariant.InvariantChecker;
import org.miplhil.invariant.InvariantViolation;
import org.miplhil.network.Impairment;
import org.miplhil.network.NetworkConditions;
import org.miplhil.report.Failure;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.RunListener;
import org.miplhil.report.Status;
import org.miplhil.suite.Case;
import org.miplhil.suite.CutTrigger;
import org.miplhil.suite.McuMode;
import org.miplhil.suite.Step;
import org.miplhil.suite.Suite;

/**
 * The runner's step "invariants": the case's whole journal, from its start through teardown and clean-up, checked by
 * {@link InvariantChecker} whatever the steps asserted (docs/suites.md "Invariants"); a break is the module's.
 */
final class CaseInvariants {

    private CaseInvariants() {
    }

    /** The journal index where the case's steps end, for {@link #check}: the journal's size now. */
    static int mark(ModuleUnderTest module) {
        return module.session().journal().size();
    }

    /** Checks the case's lines and reports the step; the failure, if the module broke a rule. */
    static Optional<StepFailed> check(CaseExecutor ex, ModuleUnderTest module, Suite suite, Case c, int stepsEnd,
                                      RunListener rec) {
        List<JournalEntry> entries = module.session().journal().entries(ex.startIndex(), Integer.MAX_VALUE);
        boolean duplicates = c.networkIn(suite).map(CaseInvariants::duplicates).orElse(false);
        List<Long> cuts = ex.powerRecords().stream().filter(p -> !p.action().startsWith("on"))
                .map(p -> p.nanos()).toList();
        CheckContext ctx = CheckContext.of(ex.originNanos()).withStepsEnd(stepsEnd).withNetworkDuplicates(duplicates)
                .withPowerCuts(cuts).withOptOut(c.invariants()).withUpgrade(upgrade(suite, c))
                .withAnswerer((kind, index) -> answerer(ex.mcuModeAt(kind, index)));
        List<InvariantViolation> found = InvariantChecker.check(entries, ctx);
        Map<String, String> params = c.invariants().except().isEmpty() ? Map.of()
                : Map.of("except", c.invariants().except().stream().map(i -> i.word()).sorted()
                .collect(Collectors.joining(", ")) + " (" + c.invariants().because() + ")");
        rec.stepStarted("invariants", params);
        if (found.isEmpty()) {
            rec.stepPassed();
            return Optional.empty();
        }
        String message = found.stream().map(InvariantViolation::message).collect(Collectors.joining("\n"));
        StepFailed f = new StepFailed(Status.FAILED, new Failure(FailureCategory.MODULE, message, ""));
        rec.stepFinished(f.status(), f.failure());
        return Optional.of(f);
    }

    /**
     * The case runs a firmware upgrade: a fota or expect-fota step in it or its setup, a power cut at an upgrade's
     * phase (the case waits for the upgrade's lines), or the tag fota.
     */
    static boolean upgrade(Suite suite, Case c) {
        return suite.tags().contains("fota") || c.tags().contains("fota")
                || java.util.stream.Stream.concat(suite.setup().stream(), c.steps().stream())
                .anyMatch(s -> s instanceof Step.Fota || s instanceof Step.ExpectFota
                        || s instanceof Step.Power p && p.cutAt().filter(t -> !(t instanceof CutTrigger.AtUrc))
                        .isPresent());
    }

    private static CheckContext.Answerer answerer(McuMode mode) {
        return switch (mode) {
            case OFF -> CheckContext.Answerer.STEPS;
            case AUTO -> CheckContext.Answerer.MCU;
            case LATE, NEVER -> CheckContext.Answerer.NOBODY;
        };
    }

    private static boolean duplicates(NetworkConditions n) {
        return dup(n.uplink()) || dup(n.downlink());
    }

    private static boolean dup(Impairment i) {
        return i.duplicate() > 0;
    }
}
