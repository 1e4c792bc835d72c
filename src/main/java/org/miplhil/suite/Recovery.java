package org.miplhil.suite;

/**
 * What the harness does after a {@code power: on} or {@code power: cycle} before the case's next step (6.2: after a
 * cut the MCU sets the module up again).
 */
public enum Recovery {
    /** Nothing: the case's next steps await what they need. */
    NONE("none"),
    /** Wait until the module is ready: {@code RDY}, then the data connection ({@code +IP: ...}). */
    READY("ready"),
    /** Ready, then MIPL set up again: the suite's {@code recover} steps, or its {@code setup} when it has none. */
    SETUP("setup");

    private final String word;

    Recovery(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
