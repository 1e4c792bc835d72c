package org.miplhil.mutate;

import java.util.List;
import org.miplhil.sim.fault.Fault;
import org.miplhil.yaml.Durations;

/**
 * The families that act on one line, a command's reply or a URC: drop, duplicate, delay past the deadline, delay
 * within it (the control), garble, swap with the next line. Each plan has one fault on the subject's anchored
 * expression that acts once. The control is a {@code pause}: the module's output stalls, the line and everything
 * written after it come later in their order (a {@code delay} would let later lines overtake it: a reordering, which
 * the note does not allow, not a slower module).
 */
final class LineMutants {

    /** Bytes that are no text of the note, written before the line's first character. */
    static final byte[] GARBLE = {0x00, (byte) 0xFF};
    /** The longest a swapped line is held when nothing else is written (below every deadline). */
    static final String SWAP_HOLD = "2s";

    private final MutantDeadlines deadlines;

    LineMutants(MutantDeadlines deadlines) {
        this.deadlines = deadlines;
    }

    /** The six families for one subject, in family order. */
    List<Mutant> all(Subject s) {
        return List.of(drop(s), duplicate(s), delayPast(s), delayWithin(s), garble(s), swapNext(s));
    }

    /**
     * The families for a URC beyond chapter 5 (RDY, +IP, +CFUN, ...): lost, doubled, garbled. No delays: the note
     * sets no deadline for them (the profile's power-up delays are assumed), and a swap only moves them among the
     * power-up lines, whose order the note does not fix.
     */
    List<Mutant> beyondNote(Subject.ModuleUrc s) {
        return List.of(drop(s), duplicate(s), garble(s));
    }

    /** How a description names the line: {@code the reply to AT+MIPLOPEN=...}, {@code +MIPLEVENT: 0,6}. */
    static String what(Subject s) {
        return s.on() == Fault.On.COMMAND ? "the reply to " + s.text() : s.text();
    }

    Mutant drop(Subject s) {
        String d = what(s) + " never goes out";
        PlanText p = PlanText.defect(d);
        p.fault(s.on(), s.match()).action("drop");
        return Mutants.of(Family.DROP, s, null, p, null, d);
    }

    Mutant duplicate(Subject s) {
        String d = what(s) + " goes out twice";
        PlanText p = PlanText.defect(d);
        p.fault(s.on(), s.match()).action("duplicate");
        return Mutants.of(Family.DUPLICATE, s, null, p, null, d);
    }

    Mutant delayPast(Subject s) {
        String d = what(s) + " comes " + Durations.format(deadlines.past(s))
                + " late, past " + deadlines.source(s) + " (" + Durations.format(deadlines.deadline(s)) + ")";
        PlanText p = PlanText.defect(d);
        p.fault(s.on(), s.match()).delay("delay", deadlines.past(s));
        return Mutants.of(Family.DELAY_PAST, s, null, p, null, d);
    }

    Mutant delayWithin(Subject s) {
        String d = "control: " + what(s) + " and every line after it come " + Durations.format(deadlines.within(s))
                + " later in their order (a slower module), well within " + deadlines.source(s) + " ("
                + Durations.format(deadlines.deadline(s)) + ")";
        PlanText p = PlanText.defect(d);
        p.fault(s.on(), s.match()).delay("pause", deadlines.within(s));
        return Mutants.of(Family.DELAY_WITHIN, s, null, p, null, d);
    }

    Mutant garble(Subject s) {
        String d = what(s) + " starts with bytes 00 FF that are no text";
        PlanText p = PlanText.defect(d);
        p.fault(s.on(), s.match()).action("garble", PlanText.bytes(GARBLE));
        return Mutants.of(Family.GARBLE, s, null, p, null, d);
    }

    Mutant swapNext(Subject s) {
        String d = what(s) + " changes places with the next line the module writes";
        PlanText p = PlanText.defect(d);
        p.fault(s.on(), s.match()).action("swap-next", SWAP_HOLD);
        return Mutants.of(Family.SWAP_NEXT, s, null, p, null, d);
    }
}
