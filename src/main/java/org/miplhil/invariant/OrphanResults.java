package org.miplhil.invariant;

import java.util.ArrayList;
import java.util.List;
import org.miplhil.at.AtLine;
import org.miplhil.dut.JournalEntry;

/**
 * {@link Invariant#NO_ORPHAN_RESULT}: {@code OK}, {@code ERROR}, {@code +CIS ERROR: n} and {@code +CME ERROR: n}
 * end the command that waits for them (V.250 5.7.1; chapter 3's every "响应" ends with one), one per command. A
 * restart (RDY) loses the command the power cut interrupted.
 */
final class OrphanResults {

    private OrphanResults() {
    }

    static List<InvariantViolation> check(List<JournalEntry> entries, CheckContext ctx) {
        List<InvariantViolation> out = new ArrayList<>();
        JournalEntry pending = null;
        JournalEntry lastResult = null;
        for (JournalEntry e : entries) {
            if (e instanceof JournalEntry.Sent) {
                pending = e;
            } else if (Lines.isRdy(e)) {
                pending = null;
            } else if (e instanceof JournalEntry.Received r && r.line() instanceof AtLine.FinalResult) {
                if (pending == null) {
                    List<InvariantViolation.Line> lines = lastResult == null ? List.of(ctx.line(e))
                            : List.of(ctx.line(lastResult), ctx.line(e));
                    out.add(new InvariantViolation(Invariant.NO_ORPHAN_RESULT, "\"" + e.text() + "\" with no command"
                            + " waiting for it" + (lastResult == null ? "" : " (the last command ended with \""
                            + lastResult.text() + "\")"), lines,
                            "V.250 5.7.1 and chapter 3: one final result code ends each command"));
                }
                pending = null;
                lastResult = e;
            }
        }
        return out;
    }
}
