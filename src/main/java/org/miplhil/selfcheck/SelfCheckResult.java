package org.miplhil.selfcheck;

import java.time.Instant;
import java.util.List;

/** The outcome of the self-check's plans and repeats ({@code ./mipl-hil mutate}): every plan's verdict, every clean repeat. */
public record SelfCheckResult(Instant started, String suites, String tags, List<PlanVerdict> plans,
                            List<RepeatVerdict> repeats) {

    public SelfCheckResult {
        plans = List.copyOf(plans);
        repeats = List.copyOf(repeats);
    }

    public long detected() {
        return plans.stream().filter(PlanVerdict::detected).count();
    }

    public long cleanRepeats() {
        return repeats.stream().filter(RepeatVerdict::clean).count();
    }

    /** Every plan detected and every repeat clean. */
    public boolean ok() {
        return detected() == plans.size() && cleanRepeats() == repeats.size();
    }

    public int exitCode() {
        return ok() ? 0 : 1;
    }
}
