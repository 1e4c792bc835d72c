package org.miplhil.suite;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A suite file, validated. {@code setup} runs before every case and {@code teardown} after every case, whatever
 * happened, so each case starts from the same state and can run alone. {@code recover} sets the module up again
 * after a power cut ({@code power} with {@code recover: setup}); when empty, {@code setup} does. {@code variables} are the defaults, in file
 * order; a case's own variables override them. {@code requires}: what every case needs of the run (a case adds its
 * own). {@code network}: the network between module and platform for every case (a case's own replaces it;
 * docs/suites.md, "network").
 */
public record Suite(Path file, String name, String description, List<String> tags, Fixtures fixtures,
                    Map<String, String> variables, List<Step> setup, List<Step> teardown, List<Case> cases,
                    List<Step> recover, Position position, java.util.Set<Requirement> requires,
                    java.util.Optional<org.miplhil.network.NetworkConditions> network) {

    public Suite {
        tags = List.copyOf(tags);
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        setup = List.copyOf(setup);
        teardown = List.copyOf(teardown);
        recover = List.copyOf(recover);
        cases = List.copyOf(cases);
        requires = requires == null ? java.util.Set.of() : java.util.Set.copyOf(requires);
        network = network == null ? java.util.Optional.empty() : network;
    }

    /** A suite without {@code network:}. */
    public Suite(Path file, String name, String description, List<String> tags, Fixtures fixtures,
                 Map<String, String> variables, List<Step> setup, List<Step> teardown, List<Case> cases,
                 List<Step> recover, Position position, java.util.Set<Requirement> requires) {
        this(file, name, description, tags, fixtures, variables, setup, teardown, cases, recover, position, requires,
                java.util.Optional.empty());
    }
}
