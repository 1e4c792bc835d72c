package org.miplhil.suite;

/** How the URCs of an {@code expect-urcs} step must arrive. */
public enum UrcOrder {
    /** Each after the one matched before it; other URCs may come in between. */
    IN_ORDER("in-order"),
    /** All of them, in any order. */
    ANY_ORDER("any-order");

    private final String word;

    UrcOrder(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
