package org.miplhil.suite;

/** What a {@code power} step does to the module's supply. */
public enum PowerAction {
    OFF("off"), ON("on"), CYCLE("cycle");

    private final String word;

    PowerAction(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
