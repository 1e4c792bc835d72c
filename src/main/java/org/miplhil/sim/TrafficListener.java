package org.miplhil.sim;

import java.time.Instant;

/** Observes the module's serial traffic (e.g. the log of {@code ./mipl-hil sim}). Called on the module's thread; keep it quick. */
public interface TrafficListener {

    /** A command line arrived (without its CR). */
    default void received(String line, long nanoTime, Instant wallTime) {}

    /** Bytes were written to the link (echo, reply, URC, exactly as on the wire, faults included). */
    default void sent(byte[] bytes, long nanoTime, Instant wallTime) {}

    /** Something went wrong that the module survives (a failed write, a closed link). */
    default void problem(String message) {}
}
