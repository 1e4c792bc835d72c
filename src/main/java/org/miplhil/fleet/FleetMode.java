package org.miplhil.fleet;

/** How a fleet shares the selected cases. */
public enum FleetMode {
    /** Each case runs once, on whichever module is free first: the selection in a fraction of the time. */
    SHARD("shard"),
    /** Every module runs the whole selection: unit-to-unit variation; a release is judged on every unit. */
    REPLICATE("replicate");

    private final String word;

    FleetMode(String word) {
        this.word = word;
    }

    /** As written on the command line: {@code --shard}, {@code --replicate}. */
    public String word() {
        return word;
    }
}
