package org.miplhil.suite;

/** How the MCU application treats the platform's request URCs (5.1-5.6) from an {@code mcu} step on. */
public enum McuMode {
    /** Answers each from the suite's object fixtures: at once, or {@code delay} after the URC. */
    AUTO("auto"),
    /** Answers each from the object fixtures, {@code delay} after the URC: past the 10 s window of 5.1-5.6. */
    LATE("late"),
    /** Leaves them unanswered on purpose. */
    NEVER("never"),
    /** Does not handle them: the suite answers with {@code answer} steps; one left unanswered fails the case. */
    OFF("off");

    private final String word;

    McuMode(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
