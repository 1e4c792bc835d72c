package org.miplhil.invariant;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.miplhil.at.EventId;
import org.miplhil.at.MiplAnswer;
import org.miplhil.at.MiplRequest;
import org.miplhil.dut.JournalEntry;

/**
 * {@link Invariant#REQUEST_ANSWERED}: a request URC (5.1-5.6) the MCU application is there to answer
 * ({@code mcu: auto}) gets its {@code AT+MIPL...RSP} with its msgId, or expires as the note says: the TE's 10 s
 * window ("该 URC 完全输出以后, TE 应在 10 秒内 ... 响应请求") passed before the case's steps ended, or the
 * registration ended first (AT+MIPLCLOSE / AT+MIPLDELETE, events 7, 8, 9, 15, a power cut, a restart). Requests the
 * case answers itself ({@code mcu: off}) are the runner's own check ("every request URC was answered"); those it
 * leaves unanswered on purpose ({@code mcu: never / late}) may expire. Only the part of a write that completes it
 * (index 0, 3.3.15) asks for the answer.
 */
final class RequestExpiry {

    /**
     * How soon the MCU application answers: a request that came less than this before the case's steps ended may
     * find it switched off for the teardown, so the teardown's deregistration within the window ends it too.
     */
    static final java.time.Duration MCU_REACTION = java.time.Duration.ofSeconds(1);

    private static final Set<Integer> REGISTRATION_ENDS = Set.of(EventId.REG_FAILED.id(), EventId.REG_TIMEOUT.id(),
            EventId.LIFETIME_TIMEOUT.id(), EventId.DEREG_DONE.id());

    private RequestExpiry() {
    }

    static List<InvariantViolation> check(List<JournalEntry> entries, CheckContext ctx) {
        List<InvariantViolation> out = new ArrayList<>();
        long stepsEndNanos = stepsEnd(entries, ctx);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            JournalEntry e = entries.get(i);
            if (e.index() >= ctx.stepsEndIndex()) {
                break;
            }
            if (!(e instanceof JournalEntry.Received r) || !r.isUrc()) {
                continue;
            }
            Optional<MiplRequest> q = r.urc().flatMap(MiplRequest::of);
            if (q.isEmpty() || !q.get().completes() || !seen.add(q.get().msgId())
                    || ctx.answerer().apply(q.get().kind(), e.index()) != CheckContext.Answerer.MCU) {
                continue;
            }
            long windowEnd = e.nanoTime() + ctx.answerWindow().toNanos();
            boolean justBeforeTheEnd = stepsEndNanos - e.nanoTime() < MCU_REACTION.toNanos();
            long until = justBeforeTheEnd ? windowEnd : Math.min(windowEnd, stepsEndNanos);
            if (answered(entries, i, q.get()) || stepsEndNanos >= windowEnd
                    || registrationEnded(entries, i, ctx, until)) {
                continue;
            }
            out.add(new InvariantViolation(Invariant.REQUEST_ANSWERED, e.text() + " was neither answered nor left to"
                    + " expire: the case's steps ended " + String.format(Locale.ROOT, "%.3f s", (stepsEndNanos
                    - e.nanoTime()) / 1e9) + " into its " + ctx.answerWindow().toSeconds() + " s window with the"
                    + " registration still up", List.of(ctx.line(e)),
                    "5.1-5.6: the TE answers a request within 10 s of its URC"));
        }
        return out;
    }

    private static long stepsEnd(List<JournalEntry> entries, CheckContext ctx) {
        long end = Long.MIN_VALUE;
        for (JournalEntry e : entries) {
            if (e.index() >= ctx.stepsEndIndex()) {
                return Math.max(end, e.nanoTime());
            }
            end = e.nanoTime();
        }
        return ctx.stepsEndIndex() == Integer.MAX_VALUE ? Long.MAX_VALUE : end;
    }

    private static boolean answered(List<JournalEntry> entries, int from, MiplRequest q) {
        for (int i = from + 1; i < entries.size(); i++) {
            if (entries.get(i) instanceof JournalEntry.Sent s
                    && MiplAnswer.msgIdOf(s.text()).filter(id -> id == q.msgId()).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean registrationEnded(List<JournalEntry> entries, int from, CheckContext ctx, long before) {
        long requestNanos = entries.get(from).nanoTime();
        if (ctx.powerCutNanos().stream().anyMatch(t -> t >= requestNanos && t <= before)) {
            return true;
        }
        for (int i = from + 1; i < entries.size() && entries.get(i).nanoTime() <= before; i++) {
            JournalEntry e = entries.get(i);
            if (Lines.sends(e, "+MIPLCLOSE") || Lines.sends(e, "+MIPLDELETE") || Lines.isRdy(e)
                    || Lines.event(e).filter(ev -> REGISTRATION_ENDS.contains(ev.evtId())).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
