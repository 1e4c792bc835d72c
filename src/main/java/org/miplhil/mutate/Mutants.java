package org.miplhil.mutate;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Makes a {@link Mutant} from its family, subject and plan: the id, the trigger and direction (the plan's first
 * fault: its match, its {@code on}), the text.
 */
final class Mutants {

    private Mutants() {}

    /**
     * @param detail       the id's third part (file-name safe), or null
     * @param replyTrigger the plan's {@code reply-matches}, or null
     */
    static Mutant of(Family family, Subject subject, String detail, PlanText plan, String replyTrigger,
                     String defect) {
        String id = family.id() + "/" + subject.id() + (detail == null ? "" : "/" + detail);
        return new Mutant(id, family, subject.text(), plan.firstOn(), Pattern.compile(plan.firstMatch()),
                Optional.ofNullable(replyTrigger).map(Pattern::compile), plan.yaml(), defect);
    }
}
