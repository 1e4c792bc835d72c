package org.miplhil.invariant;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.miplhil.at.EventId;
import org.miplhil.at.MiplEvent;
import org.miplhil.dut.JournalEntry;

/**
 * The update events of {@link Invariant#NO_DUPLICATE_URC}: the outcome of a registration update and its warning.
 * <ul>
 *   <li>events 11, 12, 13 once per update: 7.9 prints one {@code +MIPLEVENT: 0,11} ("更新结果", the update's
 *       result) after {@code AT+MIPLUPDATE}'s OK; the SDK reports the outcome in the update transaction's reply
 *       handler, once, as it leaves the pending state ({@code prv_handleRegistrationUpdateReply},
 *       cis_registration.c). A second outcome needs a new update in between: a command of the MCU (3.3.16, or an
 *       object change while registered), the module's own lifetime update (warned by event 14 first), a new
 *       registration (event 6) or a restart;</li>
 *   <li>event 14 once per warning: its extend is the lifetime left (5.7); the SDK warns again only after more time
 *       than the lifetime left ({@code currentTime - lifetimeWarnningTime > interval}, cis_registration.c) unless an
 *       update or a registration came in between. A second event 14 sooner than the seconds it reports, with a
 *       second's margin for the SDK's whole-second clock, is a duplicate.</li>
 * </ul>
 */
final class UpdateDuplicates {

    private static final Set<Integer> OUTCOMES = Set.of(EventId.UPDATE_SUCCESS.id(), EventId.UPDATE_FAILED.id(),
            EventId.UPDATE_TIMEOUT.id());

    private UpdateDuplicates() {
    }

    static List<InvariantViolation> check(List<JournalEntry> entries, CheckContext ctx) {
        List<InvariantViolation> out = new ArrayList<>();
        JournalEntry lastOutcome = null;
        boolean updateSince = false;
        JournalEntry lastWarning = null;
        for (JournalEntry e : entries) {
            if (e instanceof JournalEntry.Sent) {
                updateSince = true; // any command may start an update (3.3.16; an object change while registered)
                continue;
            }
            if (Lines.isRdy(e)) {
                lastOutcome = null;
                lastWarning = null;
                continue;
            }
            Optional<MiplEvent> event = Lines.event(e);
            if (event.isEmpty()) {
                continue;
            }
            int id = event.get().evtId();
            if (OUTCOMES.contains(id)) {
                if (lastOutcome != null && !updateSince) {
                    out.add(violation(ctx, e.text() + " arrived after " + lastOutcome.text()
                                    + " with no update in between", lastOutcome, e,
                            "5.7 / 7.9: one update result (event 11, 12 or 13) per update; another needs a new"
                                    + " AT+MIPLUPDATE, the module's own update after event 14, or a registration"));
                }
                lastOutcome = e;
                updateSince = false;
                lastWarning = null; // the SDK warns afresh after an update (lifetimeWarnningTime = 0)
            } else if (id == EventId.UPDATE_NEED.id()) {
                updateSince = true; // the module's own update follows its warning
                long left = event.get().extend().orElse(-1);
                if (lastWarning != null && left > 0) {
                    long gapNanos = e.nanoTime() - lastWarning.nanoTime();
                    if (gapNanos + 1_000_000_000L < left * 1_000_000_000L) {
                        out.add(violation(ctx, e.text() + " warned again " + seconds(gapNanos) + " after "
                                        + lastWarning.text() + ", sooner than the " + left + " s it reports left",
                                lastWarning, e, "5.7: event 14 gives the lifetime left; the SDK warns again only"
                                        + " after more time than that has passed, or after an update"));
                    }
                }
                lastWarning = e;
            } else if (id == EventId.REG_SUCCESS.id()) {
                lastOutcome = null;
                lastWarning = null;
            }
        }
        return out;
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    private static InvariantViolation violation(CheckContext ctx, String what, JournalEntry first, JournalEntry second,
                                                String source) {
        return new InvariantViolation(Invariant.NO_DUPLICATE_URC, what, List.of(ctx.line(first), ctx.line(second)),
                source);
    }
}
