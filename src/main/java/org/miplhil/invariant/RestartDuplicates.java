package org.miplhil.invariant;

import java.util.ArrayList;
import java.util.List;
import org.miplhil.dut.JournalEntry;

/**
 * {@link Invariant#NO_DUPLICATE_URC} for {@code RDY}: the module prints it once when it starts (7.10.6; the profile's
 * power-up lines). A second {@code RDY} says it started again: a power cut, a command (AT+QRST, AT+CFUN=1,1 ...) or
 * its own reboot into a new firmware (6.1.3, after the upgrade's lines) comes in between. Two with only the module's
 * power-up lines between them are one start printed twice.
 */
final class RestartDuplicates {

    private RestartDuplicates() {
    }

    static List<InvariantViolation> check(List<JournalEntry> entries, CheckContext ctx) {
        List<InvariantViolation> out = new ArrayList<>();
        JournalEntry lastRdy = null;
        for (JournalEntry e : entries) {
            if (e instanceof JournalEntry.Sent || upgradeLine(e)) {
                lastRdy = null;
            } else if (Lines.isRdy(e)) {
                if (lastRdy != null && !cutBetween(ctx, lastRdy, e)) {
                    out.add(new InvariantViolation(Invariant.NO_DUPLICATE_URC, "RDY arrived twice for one start, with"
                            + " no power cut, command or upgrade in between", List.of(ctx.line(lastRdy), ctx.line(e)),
                            "7.10.6: RDY once when the module starts"));
                }
                lastRdy = e;
            }
        }
        return out;
    }

    private static boolean upgradeLine(JournalEntry e) {
        return e instanceof JournalEntry.Received r && (r.text().startsWith("+QIND: \"FOTA\"")
                || Lines.event(e).map(ev -> ev.evtId() >= 40 && ev.evtId() <= 49).orElse(false));
    }

    private static boolean cutBetween(CheckContext ctx, JournalEntry a, JournalEntry b) {
        return ctx.powerCutNanos().stream().anyMatch(t -> t >= a.nanoTime() && t <= b.nanoTime());
    }
}
