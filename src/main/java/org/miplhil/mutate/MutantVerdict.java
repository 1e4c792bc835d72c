package org.miplhil.mutate;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.miplhil.selfcheck.CaseProblem;

/**
 * What the catalogue did with one mutant.
 *
 * @param status     the status; empty: the mutant was not run (the run's budget was spent, or its plan is invalid:
 *                   {@code note} says which)
 * @param killedBy   the first case that failed with a module failure (for a control: the false alarm)
 * @param casesRun   the cases run, in order, as {@code suite / case}
 * @param impacted   how many cases impact analysis selected
 * @param took       the mutant's whole time, its fresh bench included
 * @param benchStart of that, starting the bench (platform and virtual module) before the first case
 * @param equivalent the entry of {@code equivalent.yaml} naming it (status EQUIVALENT)
 * @param note       why it was not run, or other evidence (cases that broke); empty if none
 */
public record MutantVerdict(Mutant mutant, Optional<MutantStatus> status, Optional<CaseProblem> killedBy,
                            List<String> casesRun, int impacted, Duration took, Duration benchStart,
                            Optional<Equivalents.Entry> equivalent, String note) {

    public MutantVerdict {
        Objects.requireNonNull(mutant, "mutant");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(killedBy, "killedBy");
        casesRun = List.copyOf(casesRun);
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(benchStart, "benchStart");
        Objects.requireNonNull(equivalent, "equivalent");
        Objects.requireNonNull(note, "note");
    }

    /** A verdict reached without running the mutant (not covered, or not run at all). */
    public static MutantVerdict without(Mutant m, Optional<MutantStatus> status, String note) {
        return new MutantVerdict(m, status, Optional.empty(), List.of(), 0, Duration.ZERO, Duration.ZERO,
                Optional.empty(), note);
    }

    public boolean ran() {
        return status.isPresent();
    }

    public boolean is(MutantStatus s) {
        return status.isPresent() && status.get() == s;
    }

    /** A control the catalogue failed on. */
    public boolean falseAlarm() {
        return mutant.control() && is(MutantStatus.KILLED);
    }

    /** The word the progress line and the table use. */
    public String word() {
        if (status.isEmpty()) {
            return "NOT_RUN";
        }
        if (mutant.control()) {
            return switch (status.get()) {
                case KILLED -> "FALSE_ALARM";
                case SURVIVED, EQUIVALENT -> "PASSED";
                default -> status.get().name();
            };
        }
        return status.get().name();
    }
}
