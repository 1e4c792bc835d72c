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
 * @param skip     how many matches pass untouched before the fault acts (0: it acts on the first)
 */
public record Fault(On on, Pattern match, FaultAction action, OptionalInt times, String position, int skip) {

    public Fault {
        if (skip < 0) {
            throw new IllegalArgumentException("skip must be 0 or more: " + skip);
        }
    }

    public Fault(On on, Pattern match, FaultAction action, OptionalInt times, String position) {
        this(on, match, action, times, position, 0);
    }

    public enum On { COMMAND, URC }

    @Override
    public String toString() {
        return position + " on " + on.name().toLowerCase(java.util.Locale.ROOT) + " /" + match.pattern() + "/ "
                + action.name() + (times.isPresent() ? " x" + times.getAsInt() : "") + (skip > 0 ? " after " + skip : "");
    }
}
