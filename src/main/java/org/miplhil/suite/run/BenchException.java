package org.miplhil.suite.run;

import org.miplhil.report.FailureCategory;

/** The bench could not be set up: the port, the platform or the module is not there. Not the module's misbehaviour. */
public final class BenchException extends Exception {

    private final FailureCategory category;

    BenchException(FailureCategory category, String message, Throwable cause) {
        super(message, cause);
        this.category = category;
    }

    static BenchException infrastructure(String message, Throwable cause) {
        return new BenchException(FailureCategory.INFRASTRUCTURE, message, cause);
    }

    public FailureCategory category() {
        return category;
    }
}
