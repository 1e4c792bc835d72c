package org.miplhil.learn;

import java.util.List;

/**
 * A probe that needs more than one command: a registration, an observation, a platform request the MCU answers (or
 * answers wrongly). It runs with a {@link ProbeContext} — the session, the platform, the MCU, deadlines — from the
 * state {@code start} names, and returns what it saw for its keys; a key it returns nothing for is reported as not
 * learnt, with why ({@link ProbeFailed}).
 *
 * @param name     what it does, for messages ("notify mistakes while registered")
 * @param keys     the profile paths it learns
 * @param start    where every run of it begins
 * @param scenario the steps
 */
public record ScenarioProbe(String name, List<String> keys, Start start, Scenario scenario) implements Probe {

    public ScenarioProbe {
        keys = List.copyOf(keys);
    }

    /** Where the probe starts: no instance (attached), or registered with the platform's requests answered. */
    public enum Start { ATTACHED, REGISTERED }

    /** The probe's steps. */
    @FunctionalInterface
    public interface Scenario {
        List<Observation> run(ProbeContext ctx) throws ProbeFailed;
    }
}
