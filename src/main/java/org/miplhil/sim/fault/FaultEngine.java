package org.miplhil.sim.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides which fault, if any, acts on a line. A line is matched against the faults in plan order; the first
 * fault whose kind fits, whose expression is found in the line (and, for a command fault with
 * {@code reply-matches}, whose expression is found in the reply's final result line), whose {@code skip} first
 * matches are past and whose {@code times} is not used up acts on it (at most one fault per line), and one of its
 * uses is spent. At a power-up every power-on fault not used up acts (each counted on its own). Only the counters
 * are state; the caller (the module's output path) applies the action.
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

    /**
     * The action for the reply to this command line (as received, without its CR), the reply not known: faults
     * with {@code reply-matches} do not act and spend nothing.
     */
    public synchronized Optional<Applied> onCommand(String commandLine) {
        return decide(Fault.On.COMMAND, commandLine, null);
    }

    /**
     * The action for the reply to this command line, the module's own final result line of that reply known
     * ({@code OK}, {@code +CIS ERROR: 651}): faults with {@code reply-matches} are decided on it.
     */
    public synchronized Optional<Applied> onCommand(String commandLine, String finalLine) {
        return decide(Fault.On.COMMAND, commandLine, java.util.Objects.requireNonNull(finalLine, "finalLine"));
    }

    /** The action for this URC line (without framing). */
    public synchronized Optional<Applied> onUrc(String urcLine) {
        return decide(Fault.On.URC, urcLine, null);
    }

    /** The power-on faults acting at this power-up, in plan order (each spends one of its own uses). */
    public synchronized List<Applied> onPowerOn() {
        List<Applied> out = new ArrayList<>();
        List<Fault> faults = plan.faults();
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            if (f.on() == Fault.On.POWER_ON && take(i, f)) {
                out.add(new Applied(f, f.action()));
            }
        }
        return out;
    }

    /** How many times each fault has acted so far, in plan order. */
    public synchronized List<Integer> uses() {
        return java.util.Arrays.stream(used).boxed().toList();
    }

    private Optional<Applied> decide(Fault.On on, String line, String finalLine) {
        List<Fault> faults = plan.faults();
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            if (f.on() != on || usedUp(i, f) || !f.match().matcher(line).find()) {
                continue;
            }
            if (f.replyMatches().isPresent()
                    && (finalLine == null || !f.replyMatches().get().matcher(finalLine).find())) {
                continue; // the reply is not the one this fault waits for: nothing spent, later faults may act
            }
            if (take(i, f)) {
                return Optional.of(new Applied(f, f.action()));
            }
        }
        return Optional.empty();
    }

    private boolean usedUp(int i, Fault f) {
        return f.times().isPresent() && used[i] >= f.times().getAsInt();
    }

    /** Spends a skip (false: a skipped match leaves the line to the faults after this one) or a use (true). */
    private boolean take(int i, Fault f) {
        if (usedUp(i, f)) {
            return false;
        }
        if (skipped[i] < f.skip()) {
            skipped[i]++;
            return false;
        }
        used[i]++;
        return true;
    }

    /** A fault acting on one line. */
    public record Applied(Fault fault, FaultAction action) {}
}
