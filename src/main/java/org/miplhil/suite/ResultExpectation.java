package org.miplhil.suite;

import java.util.List;

/** The final result a command must end with (chapter 3: {@code OK}, {@code ERROR}, {@code +CIS ERROR: <err>}). */
public sealed interface ResultExpectation {

    /** Any final result is accepted (teardown commands that may find nothing to close). */
    record AnyResult() implements ResultExpectation {}

    /** One of these, tried in order; usually one. */
    record OneOf(List<TextMatch> results) implements ResultExpectation {
        public OneOf {
            results = List.copyOf(results);
        }
    }

    static ResultExpectation ok() {
        return new OneOf(List.of(new TextMatch.Exact(Template.literal("OK"))));
    }
}
