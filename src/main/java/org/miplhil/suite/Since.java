package org.miplhil.suite;

/** Where the clock of an expectation starts, and from when a line counts. */
public enum Since {
    /** The latest action of the case: a command sent ({@code send}, {@code answer}), a platform request, a power action. */
    LAST_ACTION("last-action"),
    /** The moment the step begins: earlier lines do not count. */
    STEP_START("step-start");

    private final String word;

    Since(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
