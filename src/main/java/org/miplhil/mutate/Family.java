package org.miplhil.mutate;

import java.util.Arrays;
import java.util.Optional;

/**
 * A family of generated mutants: one kind of defect applied systematically to every command and URC kind it fits.
 * A control family is a change the firmware may make (the note allows it): the catalogue must never fail on it.
 */
public enum Family {
    /** The reply or the URC never goes out. */
    DROP("drop", false),
    /** The reply or the URC goes out twice. */
    DUPLICATE("duplicate", false),
    /** The reply or the URC comes later than the note's deadline for it. */
    DELAY_PAST("delay-past-deadline", false),
    /** The reply or the URC comes later, but within the note's deadline: a control. */
    DELAY_WITHIN("delay-within-deadline", true),
    /** Bytes that are no line of the note are written before the line. */
    GARBLE("garble", false),
    /** The reply or the URC changes places with the next line the module writes. */
    SWAP_NEXT("swap-with-next", false),
    /** A command's final result becomes another one (another error code, ERROR for a CIS error, ...). */
    RESULT_CODE("other-result-code", false),
    /** A command the module refuses (an error result) is answered OK. */
    ACCEPT_REFUSED("accept-refused", false),
    /** A command the module accepts (OK) is refused. */
    REFUSE_ACCEPTED("refuse-accepted", false),
    /** One field of a URC or of a reply's information line is changed (msgId, objId, insId, resId, event id, ...). */
    FIELD_EDIT("field-edit", false),
    /** A URC the note never sends, or sends only elsewhere, is emitted beside a line. */
    UNLISTED_URC("unlisted-urc", false),
    /** A hand-written plan of {@code fixtures/faults/} (a failure must name its defect: the plan's detect). */
    PLAN("plan", false);

    private final String id;
    private final boolean control;

    Family(String id, boolean control) {
        this.id = id;
        this.control = control;
    }

    /** The family's name in plans, reports and {@code equivalent.yaml}. */
    public String id() {
        return id;
    }

    /** Whether the catalogue must NOT fail on this family's mutants. */
    public boolean control() {
        return control;
    }

    public static Optional<Family> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }
}
