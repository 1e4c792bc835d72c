package org.miplhil.invariant;

import java.util.Set;

/**
 * A case's {@code invariants: {except: [...], because: "..."}}: the rules it deliberately breaks (a fault plan that
 * tests the harness itself) and why. Fault plans given to a whole run never turn a rule off.
 */
public record InvariantOptOut(Set<Invariant> except, String because) {

    public static final InvariantOptOut NONE = new InvariantOptOut(Set.of(), "");

    public InvariantOptOut {
        except = Set.copyOf(except);
        because = because == null ? "" : because;
    }

    public boolean excepts(Invariant invariant) {
        return except.contains(invariant);
    }
}
