package org.miplhil.learn;

import java.util.List;

/**
 * One probe of {@code profile learn}: a command and its reply ({@link CommandProbe}), or a scenario over a registration
 * and the platform's requests ({@link ScenarioProbe}). Each says which profile keys it learns.
 */
public sealed interface Probe permits CommandProbe, ScenarioProbe {

    /** The profile paths this probe learns. */
    List<String> keys();
}
