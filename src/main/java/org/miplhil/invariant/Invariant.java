package org.miplhil.invariant;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The rules every case's whole exchange must keep, whatever its steps assert (docs/suites.md "Invariants"). The
 * {@link #word()} names the rule in failure messages and in a case's opt-out ({@code invariants: {except: [...]}}).
 */
public enum Invariant {
    /** 5.7 / 7.2, 7.8.4, 7.9: one event per occasion; a request URC once unless the platform re-sent it. */
    NO_DUPLICATE_URC("no-duplicate-urc"),
    /** Chapter 5 (table 4, 5.7's event ids), 6.3 and the lines the classifier knows (RDY, +IP, +CFUN ...). */
    NO_UNLISTED_URC("no-unlisted-urc"),
    /** V.250 5.7.1: a final result code ends a command; none comes without one. */
    NO_ORPHAN_RESULT("no-orphan-result"),
    /** 5.1-5.6: the TE answers a request URC within 10 s; otherwise the request expires. */
    REQUEST_ANSWERED("request-answered-or-expired"),
    /** Chapter 5's syntax: {@code +MIPLEVENT: 0,6}, one space after the colon, none after a comma; 5.x ranges. */
    URC_LINE_FORMAT("urc-line-format");

    private final String word;

    Invariant(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Optional<Invariant> ofWord(String word) {
        return Arrays.stream(values()).filter(i -> i.word.equals(word)).findFirst();
    }

    public static List<String> words() {
        return Arrays.stream(values()).map(Invariant::word).toList();
    }
}
