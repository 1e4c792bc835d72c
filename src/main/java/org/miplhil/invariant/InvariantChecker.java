package org.miplhil.invariant;

import java.util.ArrayList;
import java.util.List;
import org.miplhil.dut.JournalEntry;

/**
 * Checks a case's whole exchange — its journal from the case's start through teardown and clean-up — against the
 * {@link Invariant}s, whatever its steps asserted. Pure: the lines and the context in, the violations out, in
 * journal order per rule; the rules the case opts out of are not checked.
 */
public final class InvariantChecker {

    private InvariantChecker() {
    }

    public static List<InvariantViolation> check(List<JournalEntry> entries, CheckContext ctx) {
        List<InvariantViolation> out = new ArrayList<>();
        for (Invariant rule : Invariant.values()) {
            if (ctx.optOut().excepts(rule)) {
                continue;
            }
            out.addAll(switch (rule) {
                case NO_DUPLICATE_URC -> DuplicateUrcs.check(entries, ctx);
                case NO_UNLISTED_URC -> UnlistedUrcs.check(entries, ctx);
                case NO_ORPHAN_RESULT -> OrphanResults.check(entries, ctx);
                case REQUEST_ANSWERED -> RequestExpiry.check(entries, ctx);
                case URC_LINE_FORMAT -> UrcLineFormat.check(entries, ctx);
            });
        }
        return out;
    }
}
