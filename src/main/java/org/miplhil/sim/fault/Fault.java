package org.miplhil.sim.fault;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One entry of a fault plan.
 *
 * @param on       whether {@code match} is tried against command lines (the fault then acts on the reply) or URC lines
 * @param match    searched for (not anchored unless the expression says so) in the command line as received,
 *                 without its terminating CR, or in the URC line without its framing
 * @param times    how many matches the fault acts on; empty: every match
 * @param position {@code file:line:column} of the entry, for messages
 */
public record Fault(On on, Pattern match, FaultAction action, OptionalInt times, String position) {

    public enum On { COMMAND, URC }

    @Override
    public String toString() {
        return position + " on " + on.name().toLowerCase(java.util.Locale.ROOT) + " /" + match.pattern() + "/ "
                + action.name() + (times.isPresent() ? " x" + times.getAsInt() : "");
    }
}
