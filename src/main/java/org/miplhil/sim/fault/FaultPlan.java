package org.miplhil.sim.fault;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A defective firmware described as data: the faults of one plan file, in file order.
 *
 * @param defect what is wrong with such a firmware, in one sentence (the plan's {@code defect:}), for reports
 * @param detect a regular expression a failure message must contain for a run to count the defect as found
 *               (the plan's {@code detect:}; {@code ./mipl-hil mutate} uses it)
 */
public record FaultPlan(String origin, List<Fault> faults, Optional<String> defect, Optional<Pattern> detect) {

    public FaultPlan {
        faults = List.copyOf(faults);
        Objects.requireNonNull(defect, "defect");
        Objects.requireNonNull(detect, "detect");
    }

    public FaultPlan(String origin, List<Fault> faults) {
        this(origin, faults, Optional.empty(), Optional.empty());
    }

    public static FaultPlan none() {
        return new FaultPlan("(no faults)", List.of());
    }
}
