package org.miplhil.mutate;

import java.util.Optional;
import java.util.regex.Pattern;
import org.miplhil.sim.fault.Fault;

/** Hand-made mutants for the tests (the generator is not under test here). */
final class HandMadeMutants {

    private HandMadeMutants() {
    }

    static Mutant command(String id, Family family, String trigger, String plan) {
        return new Mutant(id, family, "AT", Fault.On.COMMAND, Pattern.compile(trigger), Optional.empty(), plan,
                "a hand-made mutant: " + id);
    }

    static Mutant refused(String id, String trigger, String replyTrigger, String plan) {
        return new Mutant(id, Family.ACCEPT_REFUSED, "AT", Fault.On.COMMAND, Pattern.compile(trigger),
                Optional.of(Pattern.compile(replyTrigger)), plan, "a hand-made mutant: " + id);
    }

    static Mutant urc(String id, Family family, String trigger, String plan) {
        return new Mutant(id, family, "+URC", Fault.On.URC, Pattern.compile(trigger), Optional.empty(), plan,
                "a hand-made mutant: " + id);
    }

    /** A one-fault plan in the documented format. */
    static String plan(String on, String match, String action, String value) {
        return "faults:\n  - on: " + on + "\n    match: '" + match.replace("'", "''") + "'\n    action: " + action
                + (value == null ? "" : "\n    value: " + value) + "\n";
    }
}
