package org.miplhil.suite;

import java.nio.file.Path;
import org.miplhil.sim.fault.FaultPlan;

/** The virtual module's fault plan that a {@code sim-faults} step installs. */
public sealed interface FaultSource {

    /** A fault plan file, read and checked when the suite is loaded. */
    record FromFile(Path file, FaultPlan plan) implements FaultSource {}

    /** Faults written in the suite itself. */
    record Inline(FaultPlan plan) implements FaultSource {}

    /** No faults from now on. */
    record Clear() implements FaultSource {}
}
