package org.miplhil.dut;

/**
 * A position in the journal and the reference time that delays are measured from: "from now on"
 * ({@link ModuleSession#now()}), "since the command was sent" ({@link Reply#cursor()}), "after that URC"
 * ({@link UrcArrival#after()}).
 *
 * @param index     the first journal index that counts
 * @param nanoTime  the reference {@link System#nanoTime()}
 */
public record Cursor(int index, long nanoTime) {

    public Cursor {
        if (index < 0) {
            throw new IllegalArgumentException("cursor index must be >= 0: " + index);
        }
    }
}
