package org.miplhil.mutate;

/** How the catalogue fared against one mutant (for a control, KILLED is a false alarm). */
public enum MutantStatus {
    /** A case failed (a module failure, not a breakage) with the mutant in force. */
    KILLED,
    /** Every case the mutant could act on ran and passed. */
    SURVIVED,
    /** No line of the clean run's transcripts matches the mutant's trigger: no case can see it. */
    NOT_COVERED,
    /** The mutant's run went past its time budget before a case failed. */
    TIMED_OUT,
    /** Survived, and listed in {@code fixtures/faults/equivalent.yaml} with the sentence of the note allowing it. */
    EQUIVALENT
}
