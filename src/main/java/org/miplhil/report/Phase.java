package org.miplhil.report;

import java.util.Objects;

/** A span of time with a name (a FOTA phase, a power cut), offsets since the case started. */
public record Phase(String name, long startNanos, long endNanos) {

    public Phase {
        Objects.requireNonNull(name, "name");
        if (endNanos < startNanos) {
            long t = startNanos;
            startNanos = endNanos;
            endNanos = t;
        }
    }
}
