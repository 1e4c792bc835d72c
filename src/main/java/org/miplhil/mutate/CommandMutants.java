package org.miplhil.mutate;

import java.util.ArrayList;
import java.util.List;
import org.miplhil.at.CisError;
import org.miplhil.at.MiplCommandName;
import org.miplhil.at.ParsedCommand.Form;

/**
 * The families proper to a command's reply: another result code, accept what is refused, refuse what is accepted,
 * and an edited information line (with {@link LineMutants} for the rest). The faults are {@code on: command} with
 * the subject's anchored expression; {@code reply-matches} picks the replies they act on.
 */
final class CommandMutants {

    /** Chapter 4: 653 "Operation not supported", the error a firmware refusing a valid MIPL command would print. */
    static final CisError REFUSAL = CisError.OPERATION_NOT_SUPPORTED;

    private final LineMutants lines;

    CommandMutants(LineMutants lines) {
        this.lines = lines;
    }

    /** OK becomes ERROR. */
    Mutant okToError(Subject s) {
        String d = s.text() + " answers ERROR where the module answers OK";
        PlanText p = PlanText.defect(d);
        p.fault(s.on(), s.match()).replyMatches("^OK$").action("reply", PlanText.quote("ERROR"));
        return Mutants.of(Family.RESULT_CODE, s, "ok-to-error", p, "^OK$", d);
    }

    /**
     * Each error of chapter 4 becomes the next one (651 -> 652 ... 655 -> 651), and a plain ERROR (AT+CMEE=0)
     * becomes {@code +CIS ERROR: 652}: one plan, one fault per error line, each acting once.
     */
    Mutant otherError(Subject.MiplForm s) {
        String d = s.text() + " answers another error than the module's (each +CIS ERROR of chapter 4 the next code, "
                + "ERROR as +CIS ERROR: " + CisError.PARAMETER_ERROR.code() + ")";
        PlanText p = PlanText.defect(d);
        CisError[] all = CisError.values();
        for (int i = 0; i < all.length; i++) {
            String from = "^" + Rx.literal(all[i].line()) + "$";
            p.fault(s.on(), s.match()).replyMatches(from)
                    .action("reply", PlanText.quote(all[(i + 1) % all.length].line()));
        }
        p.fault(s.on(), s.match()).replyMatches("^ERROR$")
                .action("reply", PlanText.quote(CisError.PARAMETER_ERROR.line()));
        return Mutants.of(Family.RESULT_CODE, s, "other-error", p, "ERROR", d);
    }

    /** A refused command (any error) is answered OK. */
    Mutant acceptRefused(Subject s) {
        String d = s.text() + " is answered OK where the module refuses it";
        PlanText p = PlanText.defect(d);
        p.fault(s.on(), s.match()).replyMatches("ERROR").action("reply", PlanText.quote("OK"));
        return Mutants.of(Family.ACCEPT_REFUSED, s, null, p, "ERROR", d);
    }

    /**
     * An accepted set or execute form is refused with chapter 4's {@code +CIS ERROR: 653} (3.3.x list "ERROR or
     * +CIS ERROR: <err>" for these forms).
     */
    Mutant refuseAccepted(Subject.MiplForm s) {
        String error = REFUSAL.line();
        String d = s.text() + " is refused with " + error + " where the module accepts it";
        PlanText p = PlanText.defect(d);
        p.fault(s.on(), s.match()).replyMatches("^OK$").action("reply", PlanText.quote(error));
        return Mutants.of(Family.REFUSE_ACCEPTED, s, null, p, "^OK$", d);
    }

    /**
     * The reply's information line with its first field changed: {@code +MIPLCREATE: <ref>} (3.3.2),
     * {@code +MIPLVER: <version>} (3.3.4), the port of {@code +MIPLCONFIG:} (3.3.1 query), the first range of a test
     * form's answer. Empty for forms answered with OK alone.
     */
    List<Mutant> fieldEdit(Subject.MiplForm s) {
        List<Mutant> out = new ArrayList<>();
        if (s.form() == Form.TEST) {
            out.add(edit(s, "range", 1, "(1)", "the first range of " + s.name().atName() + ": reads (1)"));
        } else if (s.name() == MiplCommandName.MIPLCREATE) {
            out.add(edit(s, "ref", 1, "1", "+MIPLCREATE: answers <ref> 1 (3.3.2: only 0 is supported)"));
        } else if (s.name() == MiplCommandName.MIPLVER) {
            out.add(edit(s, "version", 1, "0.0.0", "+MIPLVER: answers version 0.0.0 (3.3.11 remark 4: SDK 2.3.0)"));
        } else if (s.name() == MiplCommandName.MIPLCONFIG && s.form() == Form.QUERY) {
            out.add(edit(s, "port", 5, "1", "+MIPLCONFIG: answers port 1, not the configured one"));
        }
        return out;
    }

    private Mutant edit(Subject s, String detail, int field, String value, String what) {
        String d = "in the reply to " + s.text() + ", " + what;
        PlanText p = PlanText.defect(d);
        p.fault(s.on(), s.match()).action("edit", PlanText.quote(value)).field(field);
        return Mutants.of(Family.FIELD_EDIT, s, detail, p, null, d);
    }

    /** Every command family for one MIPL form. */
    List<Mutant> forMipl(Subject.MiplForm s) {
        List<Mutant> out = new ArrayList<>(lines.all(s));
        out.add(okToError(s));
        if (s.acts()) {
            // only set and execute forms list "ERROR or +CIS ERROR: <err>" (3.3.x); test and query forms list OK alone
            out.add(otherError(s));
            out.add(acceptRefused(s));
            out.add(refuseAccepted(s));
        }
        out.addAll(fieldEdit(s));
        return out;
    }

    /**
     * The families for a general command (no MIPL error codes, no information lines the note defines): drop, a
     * doubled reply (a final result no command asked for), late, a control, OK as ERROR. Garble and swap are left
     * to the MIPL forms so that the space stays within its hour (about 750 mutants).
     */
    List<Mutant> forGeneral(Subject.General s) {
        return List.of(lines.drop(s), lines.duplicate(s), lines.delayPast(s), lines.delayWithin(s), okToError(s));
    }
}
