package org.miplhil.sim.fault;

import java.util.List;
import java.util.Optional;

/**
 * Decides which fault, if any, acts on a line. A line is matched against the faults in plan order; the first
 * fault whose kind fits, whose expression is found in the line, whose {@code skip} first matches are past and
 * whose {@code times} is not used up acts on it (at most one fault per line), and one of its uses is spent. Only the counters are state; the caller (the
 * module's output path) applies the action.
 */
public final class FaultEngine {

    private final FaultPlan plan;
    private final int[] used;
    private final int[] skipped;

    public FaultEngine(FaultPlan plan) {
        this.plan = plan;
        this.used = new int[plan.faults().size()];
        this.skipped = new int[plan.faults().size()];
    }

    public FaultPlan plan() {
        return plan;
    }

    /** The action for the reply to this command line (as received, without its CR). */
    public synchronized Optional<Applied> onCommand(String commandLine) {
        return decide(Fault.On.COMMAND, commandLine);
    }

    /** The action for this URC line (without framing). */
    public synchronized Optional<Applied> onUrc(String urcLine) {
        return decide(Fault.On.URC, urcLine);
    }

    /** How many times each fault has acted so far, in plan order. */
    public synchronized List<Integer> uses() {
        return java.util.Arrays.stream(used).boxed().toList();
    }

    private Optional<Applied> decide(Fault.On on, String line) {
        List<Fault> faults = plan.faults();
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            if (f.on() != on || (f.times().isPresent() && used[i] >= f.times().getAsInt())) {
                continue;
            }
            if (f.match().matcher(line).find()) {
                if (skipped[i] < f.skip()) {
                    skipped[i]++; // a skipped match leaves the line to the faults after this one
                    continue;
                }
                used[i]++;
                return Optional.of(new Applied(f, f.action()));
            }
        }
        return Optional.empty();
    }

    /** A fault acting on one line. */
    public record Applied(Fault fault, FaultAction action) {}
}
