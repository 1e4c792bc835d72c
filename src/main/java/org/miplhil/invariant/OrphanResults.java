package org.miplhil.invariant;

import java.util.ArrayList;
import java.util.List;
import org.miplhil.at.AtLine;
import org.miplhil.dut.JournalEntry;

/**
 * {@link Invariant#NO_ORPHAN_RESULT}: {@code OK}, {@code ERROR}, {@code +CIS ERROR: n} and {@code +CME ERROR: n}
 * end the command that waits for them (V.250 5.7.1; chapter 3's every "响应" ends with one), one per command. A
 * command sent again before its answer came (a harness's retry of AT at power-up) still waits for that answer: the
 * results pair with the commands in order. A restart (RDY) loses the commands the power cut interrupted.
 */
final class OrphanResults {

    private OrphanResults() {
    }

    static List<InvariantViolation> check(List<JournalEntry> entries, CheckContext ctx) {
        List<InvariantViolation> out = new ArrayList<>();
        int pending = 0;
        JournalEntry lastResult = null;
        for (JournalEntry e : entries) {
            if (e instanceof JournalEntry.Sent) {
                pending++;
            } else if (Lines.isRdy(e)) {
                pending = 0;
            } else if (e instanceof JournalEntry.Received r && r.line() instanceof AtLine.FinalResult) {
                if (pending == 0) {
                    List<InvariantViolation.Line> lines = lastResult == null ? List.of(ctx.line(e))
                            : List.of(ctx.line(lastResult), ctx.line(e));
                    out.add(new InvariantViolation(Invariant.NO_ORPHAN_RESULT, "\"" + e.text() + "\" with no command"
                            + " waiting for it" + (lastResult == null ? "" : " (the last command ended with \""
                            + lastResult.text() + "\")"), lines,
                            "V.250 5.7.1 and chapter 3: one final result code ends each command"));
                }
                pending = Math.max(0, pending - 1);
                lastResult = e;
            }
        }
        return out;
    }
}
