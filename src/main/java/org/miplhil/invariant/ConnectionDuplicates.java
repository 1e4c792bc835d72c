package org.miplhil.invariant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.miplhil.at.MiplEvent;
import org.miplhil.dut.JournalEntry;

/**
 * The connection events of {@link Invariant#NO_DUPLICATE_URC}: events 1 (bootstrap start), 2 (bootstrap success)
 * and 4 (connect success) once per registration attempt. 7.2.1-7.2.3 print each once after AT+MIPLOPEN; the SDK
 * prints each on one change of its state (bootstrap started, bootstrap finished, connecting → register required:
 * {@code core_callbackEvent} in cis_core.c), and an attempt again only after one ended: a failure or an end event
 * (3, 5, 7, 8, 9, 12, 13, 15 of 5.7; the SDK's bootstrap retries print 3 before each new 1). Wide on purpose, as
 * for event 6: any command of the MCU or a restart (RDY) also starts afresh, so that only a second event with
 * nothing in between is a duplicate. After event 15 none of 1, 2, 4, 6 comes before a new AT+MIPLOPEN (or a restart):
 * the SDK ends the registration with the deregistration ({@code registerEnabled = false}, cis_core.c).
 */
final class ConnectionDuplicates {

    private static final Set<Integer> ONCE_PER_ATTEMPT = Set.of(1, 2, 4);
    private static final Set<Integer> ATTEMPT_ENDS = Set.of(3, 5, 7, 8, 9, 12, 13, 15);
    /** Registration failed (7), timed out (8): once per attempt (cis_registration.c, cis_core.c). */
    private static final Set<Integer> FAILS_ONCE = Set.of(7, 8);

    private ConnectionDuplicates() {
    }

    static List<InvariantViolation> check(List<JournalEntry> entries, CheckContext ctx) {
        List<InvariantViolation> out = new ArrayList<>();
        Map<Integer, JournalEntry> seen = new HashMap<>();
        JournalEntry deregistered = null;
        Map<Integer, JournalEntry> failures = new HashMap<>(); // 7, 8 of the attempt under way
        for (JournalEntry e : entries) {
            if (e instanceof JournalEntry.Sent || Lines.isRdy(e)) {
                seen.clear();
                if (Lines.isRdy(e) || Lines.sends(e, "+MIPLOPEN")) {
                    deregistered = null;
                    failures.clear(); // only a new AT+MIPLOPEN (or a restart) starts an attempt from the MCU
                }
                continue;
            }
            Optional<MiplEvent> event = Lines.event(e);
            if (event.isEmpty()) {
                continue;
            }
            int id = event.get().evtId();
            if (deregistered != null && (ONCE_PER_ATTEMPT.contains(id) || id == 6)) {
                out.add(new InvariantViolation(Invariant.NO_DUPLICATE_URC, e.text() + " arrived after the"
                        + " deregistration with no AT+MIPLOPEN since", List.of(ctx.line(deregistered), ctx.line(e)),
                        "5.7 / 7.2.1-7.2.3: after event 15 the module registers again only on a new AT+MIPLOPEN"
                                + " (the SDK stops its registration: registerEnabled = false)"));
            }
            if (id == 15) {
                deregistered = e;
            }
            if (FAILS_ONCE.contains(id)) { // 7, 8: the attempt ends once; a retry connects (4) or bootstraps (1) anew
                JournalEntry before = failures.put(id, e);
                if (before != null) {
                    out.add(new InvariantViolation(Invariant.NO_DUPLICATE_URC, e.text() + " arrived twice for one"
                            + " registration attempt", List.of(ctx.line(before), ctx.line(e)),
                            "5.7 / 3.3.7: one registration failure (7) or timeout (8) per attempt; the SDK's retry"
                                    + " connects (4) or bootstraps (1) again first"));
                }
                seen.clear();
                continue;
            }
            if (ATTEMPT_ENDS.contains(id)) {
                seen.clear();
            } else if (ONCE_PER_ATTEMPT.contains(id) || id == 6) {
                failures.clear(); // a new connection or registration: the retry's own failure may follow
                if (id == 6) {
                    continue;
                }
                JournalEntry before = seen.put(id, e);
                if (before != null) {
                    out.add(new InvariantViolation(Invariant.NO_DUPLICATE_URC, e.text()
                            + " arrived twice for one registration attempt", List.of(ctx.line(before), ctx.line(e)),
                            "5.7 / 7.2.1-7.2.3: events 1, 2 and 4 once per attempt; another needs an AT+MIPLOPEN or"
                                    + " the end of the attempt (3, 5, 7, 8, 9, 12, 13, 15) in between"));
                }
            }
        }
        return out;
    }
}
