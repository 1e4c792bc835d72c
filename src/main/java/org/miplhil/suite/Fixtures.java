package org.miplhil.suite;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miplhil.sim.fault.FaultPlan;

/**
 * Files a suite uses, resolved and checked when it is loaded: the object models the MCU application answers from,
 * the firmware profile whose entries {@code ${profile.<section>.<key>}} reads, and the virtual module's fault plan
 * for the whole suite.
 */
public record Fixtures(List<Path> objects, Optional<Path> profile, Map<String, String> profileValues,
                       Optional<FaultPlanFile> faults) {

    public Fixtures {
        objects = List.copyOf(objects);
        profileValues = Map.copyOf(profileValues);
    }

    /** A fault plan file and its content. */
    public record FaultPlanFile(Path file, FaultPlan plan) {}
}
