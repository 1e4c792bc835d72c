package org.miplhil.suite;

import java.util.List;
import java.util.Optional;

/**
 * What a suite or a case needs of the run beyond a module ({@code requires:}). A case whose run cannot give it is
 * reported as skipped with the reason, never dropped and never failed (docs/suites.md, "requires").
 */
public enum Requirement {
    /**
     * The embedded platform's view of CoAP: registration updates, a registration's lifetime and object links,
     * write-attributes on its own, FOTA campaigns started by the harness, the request log. OneNET's application API
     * cannot express these.
     */
    LOCAL_PLATFORM("local-platform");

    private final String word;

    Requirement(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** Every word {@code requires:} takes. */
    public static List<String> words() {
        return java.util.Arrays.stream(values()).map(Requirement::word).toList();
    }

    public static Optional<Requirement> ofWord(String word) {
        for (Requirement r : values()) {
            if (r.word.equals(word)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
