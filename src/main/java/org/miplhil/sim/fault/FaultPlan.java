package org.miplhil.sim.fault;

import java.util.List;

/** A defective firmware described as data: the faults of one plan file, in file order. */
public record FaultPlan(String origin, List<Fault> faults) {

    public FaultPlan {
        faults = List.copyOf(faults);
    }

    public static FaultPlan none() {
        return new FaultPlan("(no faults)", List.of());
    }
}
