package org.miplhil.suite;

/**
 * Where the clock of an expectation starts, and from when a line counts. Either way a line already matched by an
 * earlier expectation of the case is not matched again: an expectation looks after the previous one's match.
 */
public enum Since {
    /**
     * The clock starts at the latest action of the case: a command sent ({@code send}, {@code answer}), a platform
     * request, a power action; lines from that moment count (the case's start when there was none).
     */
    LAST_ACTION("last-action"),
    /** The clock starts when the step begins, and earlier lines do not count. */
    STEP_START("step-start");

    private final String word;

    Since(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
