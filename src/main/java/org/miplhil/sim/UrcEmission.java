package org.miplhil.sim;

import java.time.Instant;

/**
 * A URC line the module wrote, with {@link System#nanoTime()} taken right after its last byte was handed to the
 * link: compare with the harness's arrival time of the same line.
 */
public record UrcEmission(String line, long writtenNanos, Instant wallTime) {}
