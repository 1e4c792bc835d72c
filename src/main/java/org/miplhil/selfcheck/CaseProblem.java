package org.miplhil.selfcheck;

import org.miplhil.report.Status;

/** A case that did not pass: where, how, and the evidence (the failure's message, category marker first). */
public record CaseProblem(String suite, String caseName, Status status, String message) {

    public String title() {
        return suite + " / " + caseName;
    }
}
