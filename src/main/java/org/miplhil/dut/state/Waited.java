package org.miplhil.dut.state;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One wait of a transition, as evidence: what was awaited, its deadline, and what arrived (or what came instead).
 *
 * @param arrived the line that ended the wait; empty: the deadline passed
 * @param after   from the wait's start to the arrival (or to the deadline)
 * @param seen    what came meanwhile (answers to probes, other URCs), one item a line; may be empty
 */
public record Waited(String awaited, Duration deadline, Optional<String> arrived, Duration after, String seen) {

    public Waited {
        Objects.requireNonNull(awaited, "awaited");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(arrived, "arrived");
        Objects.requireNonNull(after, "after");
        seen = seen == null ? "" : seen;
    }

    @Override
    public String toString() {
        return awaited + " within " + deadline.toMillis() + " ms: "
                + arrived.map(a -> a + " after " + after.toMillis() + " ms").orElse("nothing") + seen;
    }
}
