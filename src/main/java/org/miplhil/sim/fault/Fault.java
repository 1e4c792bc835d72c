package org.miplhil.sim.fault;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One entry of a fault plan.
 *
 * @param on           whether {@code match} is tried against command lines (the fault then acts on the reply), URC
 *                     lines, or whether the fault acts at each power-up ({@link On#POWER_ON}: only an
 *                     {@link FaultAction.Emit}; {@code match} is then {@link #ANY} and not used)
 * @param match        searched for (not anchored unless the expression says so) in the command line as received,
 *                     without its terminating CR, or in the URC line without its framing
 * @param times        how many matches the fault acts on; empty: every match
 * @param position     {@code file:line:column} of the entry, for messages
 * @param skip         how many matches pass untouched before the fault acts (0: it acts on the first)
 * @param replyMatches command faults only: the fault acts only when the module's own final result line of the reply
 *                     ({@code OK}, {@code +CIS ERROR: 651}) contains a match; a reply that does not match spends
 *                     neither {@code skip} nor {@code times}
 */
public record Fault(On on, Pattern match, FaultAction action, OptionalInt times, String position, int skip,
                    Optional<Pattern> replyMatches) {

    /** The {@code match} of a power-on fault: every power-up matches. */
    public static final Pattern ANY = Pattern.compile("");

    public Fault {
        Objects.requireNonNull(on, "on");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(replyMatches, "replyMatches");
        if (skip < 0) {
            throw new IllegalArgumentException("skip must be 0 or more: " + skip);
        }
        if (replyMatches.isPresent() && on != On.COMMAND) {
            throw new IllegalArgumentException("reply-matches is for command faults only: " + position);
        }
        if (on == On.POWER_ON && !(action instanceof FaultAction.Emit)) {
            throw new IllegalArgumentException("a power-on fault can only emit: " + position);
        }
    }

    public Fault(On on, Pattern match, FaultAction action, OptionalInt times, String position, int skip) {
        this(on, match, action, times, position, skip, Optional.empty());
    }

    public Fault(On on, Pattern match, FaultAction action, OptionalInt times, String position) {
        this(on, match, action, times, position, 0);
    }

    /** What a fault watches: the replies to matching commands, matching URC lines, or each power-up. */
    public enum On {
        COMMAND, URC, POWER_ON;

        /** The YAML name: {@code command}, {@code urc}, {@code power-on}. */
        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    @Override
    public String toString() {
        return position + " on " + on.yamlName() + (on == On.POWER_ON ? " " : " /" + match.pattern() + "/ ")
                + replyMatches.map(r -> "reply /" + r.pattern() + "/ ").orElse("")
                + action.name() + (times.isPresent() ? " x" + times.getAsInt() : "") + (skip > 0 ? " after " + skip : "");
    }
}
