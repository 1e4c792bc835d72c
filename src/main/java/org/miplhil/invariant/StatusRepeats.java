package org.miplhil.invariant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.miplhil.dut.JournalEntry;

/**
 * {@link Invariant#NO_DUPLICATE_URC} for the module's status lines beyond the note: 3GPP 27.007 reports
 * {@code +CEREG} (10.1.22), {@code +CSCON} (10.1.30), {@code +CFUN} and {@code +CPIN} when the state changes, Quectel's
 * {@code +IP:} when the data connection comes up, the SDK's {@code +QNBIOTEVENT} when the module enters or leaves
 * deep sleep. The same status line again, with no other line of its kind, no command and no restart in between,
 * reports no change: one change printed twice.
 */
final class StatusRepeats {

    /** The prefixes of the status lines the profile and the classifier declare for the firmware. */
    static final Set<String> STATUS = Set.of("+CEREG", "+CSCON", "+CFUN", "+CPIN", "+IP", "+QNBIOTEVENT");

    private StatusRepeats() {
    }

    static List<InvariantViolation> check(List<JournalEntry> entries, CheckContext ctx) {
        List<InvariantViolation> out = new ArrayList<>();
        Map<String, JournalEntry> last = new HashMap<>();
        for (JournalEntry e : entries) {
            if (e instanceof JournalEntry.Sent || Lines.isRdy(e)) {
                last.clear(); // a command may change the state (AT+CFUN=0/1, AT+CEREG=n), a restart starts afresh
                continue;
            }
            if (!(e instanceof JournalEntry.Received r) || !r.isUrc()) {
                continue;
            }
            String prefix = prefix(r.text());
            if (!STATUS.contains(prefix)) {
                continue;
            }
            JournalEntry before = last.put(prefix, e);
            if (before != null && before.text().equals(e.text()) && !cutBetween(ctx, before, e)) {
                out.add(new InvariantViolation(Invariant.NO_DUPLICATE_URC, "\"" + e.text() + "\" arrived twice with"
                        + " no change in between", List.of(ctx.line(before), ctx.line(e)),
                        "27.007: a status URC reports a change; the same state twice is one change printed twice"));
            }
        }
        return out;
    }

    private static String prefix(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? text : text.substring(0, colon);
    }

    private static boolean cutBetween(CheckContext ctx, JournalEntry a, JournalEntry b) {
        return ctx.powerCutNanos().stream().anyMatch(t -> t >= a.nanoTime() && t <= b.nanoTime());
    }
}
