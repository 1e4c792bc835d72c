package org.miplhil.selfcheck;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the catalogue did with one fault plan.
 *
 * @param problems  every case that did not pass, in run order
 * @param detecting the first failed case whose message contains the plan's {@code detect}; empty: not detected
 * @param casesRun  cases run (a run stops at the detecting case unless every case was asked for)
 * @param casesSelected cases the tag expression selects
 */
public record PlanVerdict(PlanFile plan, List<CaseProblem> problems, Optional<CaseProblem> detecting,
                          int casesRun, int casesSelected, Duration took) {

    public PlanVerdict {
        problems = List.copyOf(problems);
    }

    public boolean detected() {
        return detecting.isPresent();
    }
}
