package org.miplhil.suite;

import java.util.List;
import java.util.Map;

/**
 * One test: a name that reads as a sentence ("AT+MIPLCREATE twice is refused with 653"), tags (its own and the
 * suite's), variable values that override the suite's, its steps, and what it needs of the run ({@code requires:},
 * its own; the suite's are the suite's), and the network between module and platform ({@code network:}, its own;
 * it replaces the suite's), and the invariants it deliberately breaks ({@code invariants: {except, because}}).
 */
public record Case(String name, List<String> tags, Map<String, String> variables, List<Step> steps,
                   Position position, java.util.Set<Requirement> requires,
                   java.util.Optional<org.miplhil.network.NetworkConditions> network,
                   org.miplhil.invariant.InvariantOptOut invariants) {

    public Case {
        tags = List.copyOf(tags);
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        steps = List.copyOf(steps);
        requires = requires == null ? java.util.Set.of() : java.util.Set.copyOf(requires);
        network = network == null ? java.util.Optional.empty() : network;
        invariants = invariants == null ? org.miplhil.invariant.InvariantOptOut.NONE : invariants;
    }

    /** A case that keeps every invariant. */
    public Case(String name, List<String> tags, Map<String, String> variables, List<Step> steps, Position position,
                java.util.Set<Requirement> requires, java.util.Optional<org.miplhil.network.NetworkConditions> network) {
        this(name, tags, variables, steps, position, requires, network, org.miplhil.invariant.InvariantOptOut.NONE);
    }

    /** A case without {@code network:}. */
    public Case(String name, List<String> tags, Map<String, String> variables, List<Step> steps, Position position,
                java.util.Set<Requirement> requires) {
        this(name, tags, variables, steps, position, requires, java.util.Optional.empty());
    }

    /** The conditions the case runs under: its own, else the suite's; empty: none asked for. */
    public java.util.Optional<org.miplhil.network.NetworkConditions> networkIn(Suite suite) {
        return network.or(suite::network);
    }
}
