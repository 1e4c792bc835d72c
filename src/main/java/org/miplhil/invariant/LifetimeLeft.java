package org.miplhil.invariant;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.miplhil.at.EventId;
import org.miplhil.at.MiplCommands;
import org.miplhil.at.MiplEvent;
import org.miplhil.at.MiplOpen;
import org.miplhil.at.MiplRanges;
import org.miplhil.at.MiplUpdate;
import org.miplhil.at.Parsed;
import org.miplhil.dut.JournalEntry;

/**
 * A field of {@link Invariant#URC_LINE_FORMAT}: event 14's extend is "设备生命周期的剩余时间", the seconds of lifetime
 * left (5.7). The lifetime is the last AT+MIPLOPEN's (3.3.7, 0 = 3600 s), or the last AT+MIPLUPDATE's once its
 * event 11 came (3.3.16); it runs from the registration's event 6 or the update's event 11, and the module's own
 * lifetime is {@code <lifetime> × 0.9} (3.3.7). So at the warning, the seconds left lie between
 * {@code lifetime × 0.9 − elapsed} and {@code lifetime − elapsed} (the SDK counts from the lifetime it was given),
 * with 2 s of margin for whole seconds and the line's journey.
 */
final class LifetimeLeft {

    private static final double MARGIN_SECONDS = 2.0;

    private LifetimeLeft() {
    }

    static List<InvariantViolation> check(List<JournalEntry> entries, CheckContext ctx) {
        List<InvariantViolation> out = new ArrayList<>();
        long lifetime = -1;
        long pendingUpdate = -1;
        JournalEntry since = null;
        for (JournalEntry e : entries) {
            if (e instanceof JournalEntry.Sent s) {
                Parsed<?> p = MiplCommands.parse(s.text());
                if (p instanceof Parsed.Ok<?> ok && ok.value() instanceof MiplOpen o) {
                    lifetime = o.effectiveLifetime();
                    pendingUpdate = -1;
                } else if (p instanceof Parsed.Ok<?> ok && ok.value() instanceof MiplUpdate u) {
                    pendingUpdate = u.lifetime() == 0 ? MiplRanges.LIFETIME_ZERO_MEANS : u.lifetime();
                }
                continue;
            }
            if (Lines.isRdy(e)) {
                since = null;
                continue;
            }
            Optional<MiplEvent> event = Lines.event(e);
            if (event.isEmpty()) {
                continue;
            }
            int id = event.get().evtId();
            if (id == EventId.REG_SUCCESS.id()) {
                since = e;
            } else if (id == EventId.UPDATE_SUCCESS.id()) {
                since = e;
                if (pendingUpdate > 0) {
                    lifetime = pendingUpdate;
                    pendingUpdate = -1;
                }
            } else if (id == EventId.DEREG_DONE.id() || id == EventId.LIFETIME_TIMEOUT.id()) {
                since = null;
            } else if (id == EventId.UPDATE_NEED.id() && since != null && lifetime > 0
                    && event.get().extend().isPresent()) {
                long left = event.get().extend().getAsLong();
                double elapsed = (e.nanoTime() - since.nanoTime()) / 1e9;
                double low = lifetime * 0.9 - elapsed - MARGIN_SECONDS;
                double high = lifetime - elapsed + MARGIN_SECONDS;
                if (left < low || left > high) {
                    out.add(new InvariantViolation(Invariant.URC_LINE_FORMAT, String.format(Locale.ROOT,
                            "%s reports %d s of lifetime left, %.1f s after %s with a lifetime of %d s: between"
                                    + " %.0f and %.0f s are left", e.text(), left, elapsed, since.text(), lifetime,
                            Math.max(0, Math.ceil(low + MARGIN_SECONDS)), Math.floor(high - MARGIN_SECONDS)),
                            List.of(ctx.line(since), ctx.line(e)),
                            "5.7: <extend> of event 14 is the device's lifetime left (3.3.7: the lifetime x 0.9)"));
                }
            }
        }
        return out;
    }
}
