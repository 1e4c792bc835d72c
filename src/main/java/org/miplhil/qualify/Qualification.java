package org.miplhil.qualify;

import java.time.Instant;
import java.util.List;

/** The outcome of {@code ./mipl-hil qualify}: every plan's verdict, every clean repeat. */
public record Qualification(Instant started, String suites, String tags, List<PlanVerdict> plans,
                            List<RepeatVerdict> repeats) {

    public Qualification {
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
