package org.miplhil.mutate;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.miplhil.sim.fault.Fault;

/**
 * One generated defective firmware.
 *
 * @param id           stable and unique, file-name safe: {@code <family>/<subject>[/<detail>]}, e.g.
 *                     {@code drop/urc-MIPLEVENT-6}, {@code field-edit/urc-MIPLREAD/msgId}
 * @param family       its family
 * @param subject      the command or URC kind it changes, as the note writes it ({@code AT+MIPLOPEN},
 *                     {@code +MIPLEVENT: 0,6}, {@code +MIPLREAD})
 * @param on           whether the trigger matches command lines the harness sends ({@link Fault.On#COMMAND}) or lines
 *                     the module sends ({@link Fault.On#URC}; also {@link Fault.On#POWER_ON}, below)
 * @param trigger      the expression a clean-run transcript line must contain for the mutant to be able to act
 *                     (the plan's first fault's {@code match}); no matching line: the mutant is not covered. A
 *                     power-on plan ({@code on} {@link Fault.On#POWER_ON}) has no match: its trigger is the
 *                     module's power-up line {@code ^RDY$} (7.10.6), matched against the lines the module sends
 *                     like a URC trigger, since its fault acts at each power-up and a case's transcript shows one
 *                     by its RDY
 * @param replyTrigger for command mutants that act only on some replies (accept-refused, refuse-accepted): the
 *                     expression the clean module's final result line must contain
 * @param planYaml     the fault plan, as YAML text in the documented format ({@code FaultPlanLoader} reads it):
 *                     written beside the results so that {@code ./mipl-hil run --sim-faults} replays the mutant
 * @param description  what is wrong with such a firmware, in one sentence
 */
public record Mutant(String id, Family family, String subject, Fault.On on, Pattern trigger,
                     Optional<Pattern> replyTrigger, String planYaml, String description) {

    public Mutant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(on, "on");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(replyTrigger, "replyTrigger");
        Objects.requireNonNull(planYaml, "planYaml");
        Objects.requireNonNull(description, "description");
    }

    /** The catalogue must not fail on it. */
    public boolean control() {
        return family.control();
    }
}
