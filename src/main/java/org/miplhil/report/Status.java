package org.miplhil.report;

/** Outcome of a step, a case or a fixture, with Allure's four meanings. */
public enum Status {
    PASSED,
    /** The module did not do what the note says: an assertion failed. */
    FAILED,
    /** The case could not be judged: something around the module (or the harness) broke. */
    BROKEN,
    SKIPPED;

    /** true for FAILED and BROKEN. */
    public boolean isProblem() {
        return this == FAILED || this == BROKEN;
    }

    public String lowerCase() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
