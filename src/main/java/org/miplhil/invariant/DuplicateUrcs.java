package org.miplhil.invariant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.miplhil.at.AtLine;
import org.miplhil.at.EventId;
import org.miplhil.at.MiplAnswer;
import org.miplhil.at.MiplCommands;
import org.miplhil.at.MiplEvent;
import org.miplhil.at.MiplNotify;
import org.miplhil.at.MiplReadRsp;
import org.miplhil.at.MiplRequest;
import org.miplhil.at.Parsed;
import org.miplhil.dut.JournalEntry;

/**
 * {@link Invariant#NO_DUPLICATE_URC}: a URC the note gives once per occasion comes once.
 * <ul>
 *   <li>event 15 once per deregistration: 7.2.1-7.2.3 print one {@code +MIPLEVENT: 0,15} after
 *       {@code AT+MIPLCLOSE}; a second needs a new AT+MIPLCLOSE / AT+MIPLDELETE (or a restart);</li>
 *   <li>event 6 once per registration (7.2.1): a second needs a new AT+MIPLOPEN, a restart, or the end of the
 *       registration or a new connection in between (events 1, 4, 7, 8, 9, 12, 13, 15 of 5.7);</li>
 *   <li>event 25/26 once per confirmable notify (7.8.4, 7.8.5: one {@code 0,26,<ackId>} after the notify's last
 *       part): a second with the same ackId needs a new AT+MIPLNOTIFY with it;</li>
 *   <li>event 20 once per failed answer (5.7: extend is the msgId): a second needs a new answer to that msgId;</li>
 *   <li>a request URC (5.1-5.6) once per request. The SDK prints it again when the platform retransmits the request
 *       the MCU has not answered yet (docs/evidence.md "A retransmitted request prints its URC again"); a CoAP
 *       retransmission comes an ACK_TIMEOUT (2 s, RFC 7252 4.8) or more after the last copy, and none after the
 *       answer beyond one that crossed it. A copy sooner, or after the answer, is a duplicate — unless the network
 *       duplicates datagrams. A new registration (event 6) or RFC 7252's MAX_TRANSMIT_WAIT (93 s) starts afresh.</li>
 *   <li>events 11-14: {@link UpdateDuplicates}; events 1, 2, 4: {@link ConnectionDuplicates}; RDY:
 *       {@link RestartDuplicates}; the status lines beyond the note: {@link StatusRepeats}.</li>
 * </ul>
 */
final class DuplicateUrcs {

    /** Less than RFC 7252's ACK_TIMEOUT (2 s) and the module's own (profile lwm2m.ack-timeout), with a margin. */
    static final Duration MIN_RETRANSMISSION_GAP = Duration.ofMillis(1000);
    /** A retransmission the platform sent before the answer reached it: on its way while the answer was. */
    static final Duration CROSSING = Duration.ofMillis(1000);
    static final Duration MAX_TRANSMIT_WAIT = Duration.ofSeconds(93);

    private static final Set<Integer> REGISTRATION_RESETS = Set.of(1, 4, 7, 8, 9, 12, 13, 15);

    private record Copy(JournalEntry first, long lastNanos, long answeredNanos) {}

    private DuplicateUrcs() {
    }

    static List<InvariantViolation> check(List<JournalEntry> entries, CheckContext ctx) {
        List<InvariantViolation> out = new ArrayList<>();
        JournalEntry last15 = null;
        boolean closeSince = false;
        JournalEntry lastOpen = null;
        JournalEntry last6 = null;
        boolean openSince = false;
        Map<Integer, JournalEntry> lastAckReport = new HashMap<>();
        Set<Integer> notifiedSince = new HashSet<>();
        Map<Long, JournalEntry> lastResponseFailed = new HashMap<>();
        Set<Long> answeredSince = new HashSet<>();
        Map<String, Copy> requests = new HashMap<>();
        JournalEntry.Sent answer = null;
        for (JournalEntry e : entries) {
            if (e instanceof JournalEntry.Sent s) {
                String name = Lines.commandName(s.text());
                if (name.equals("+MIPLCLOSE") || name.equals("+MIPLDELETE")) {
                    // only a close or delete while registered (or registering) deregisters: one sent after event 15
                    // (the harness may send it while the module's second line is still on its way) brings no 15
                    closeSince |= last15 == null || last6 != null && last6.index() > last15.index()
                            || lastOpen != null && lastOpen.index() > last15.index();
                } else if (name.equals("+MIPLOPEN")) {
                    openSince = true;
                    lastOpen = s;
                } else if (name.equals("+MIPLNOTIFY")) {
                    ackIdOf(s.text()).ifPresent(notifiedSince::add);
                }
                MiplAnswer.msgIdOf(s.text()).ifPresent(answeredSince::add);
                // the request is answered once the module took the answer's last part (3.3.11: index 0) with OK
                answer = MiplAnswer.msgIdOf(s.text()).isPresent() && completes(s.text()) ? s : null;
                continue;
            }
            if (e instanceof JournalEntry.Received fin && fin.line() instanceof AtLine.FinalResult f) {
                if (answer != null && f.isOk()) {
                    long id = MiplAnswer.msgIdOf(answer.text()).orElseThrow();
                    long at = answer.nanoTime();
                    requests.replaceAll((k, c) -> c.answeredNanos < 0 && msgIdOf(c.first) == id
                            ? new Copy(c.first, c.lastNanos, at) : c);
                }
                answer = null;
                continue;
            }
            if (Lines.isRdy(e)) { // a restart: the module starts afresh
                last15 = null;
                last6 = null;
                lastAckReport.clear();
                lastResponseFailed.clear();
                requests.clear();
                continue;
            }
            Optional<MiplEvent> event = Lines.event(e);
            if (event.isPresent()) {
                MiplEvent ev = event.get();
                int id = ev.evtId();
                if (id == EventId.DEREG_DONE.id()) {
                    if (last15 != null && !closeSince) {
                        out.add(violation(ctx, e.text() + " arrived twice after one AT+MIPLCLOSE", last15, e,
                                "5.7 / 7.2.1: one event 15 per deregistration (AT+MIPLCLOSE, or AT+MIPLDELETE while"
                                        + " registered)"));
                    }
                    last15 = e;
                    closeSince = false;
                }
                if (id == EventId.REG_SUCCESS.id()) {
                    if (last6 != null && !openSince) {
                        out.add(violation(ctx, e.text() + " arrived twice for one registration", last6, e,
                                "5.7 / 7.2.1: one event 6 per AT+MIPLOPEN; another needs an update or a new"
                                        + " registration in between"));
                    }
                    last6 = e;
                    openSince = false;
                    requests.clear(); // the module's msgIds start afresh (CoAP message IDs)
                } else if (REGISTRATION_RESETS.contains(id)) {
                    openSince = true;
                }
                if (ev.ackId().isPresent() && (id == EventId.NOTIFY_SUCCESS.id() || id == EventId.NOTIFY_FAILED.id())) {
                    int ackId = ev.ackId().getAsInt();
                    JournalEntry before = lastAckReport.get(ackId);
                    if (before != null && !notifiedSince.contains(ackId)) {
                        out.add(violation(ctx, "the outcome of ackId " + ackId + " was reported twice for one"
                                        + " AT+MIPLNOTIFY (" + before.text() + ", then " + e.text() + ")", before, e,
                                "5.7 / 7.8.4-7.8.5: one event 26 (or 25) per confirmable notify, after its last"
                                        + " part"));
                    }
                    lastAckReport.put(ackId, e);
                    notifiedSince.remove(ackId);
                }
                if (id == EventId.RESPONSE_FAILED.id() && ev.extend().isPresent()) {
                    long msgId = ev.extend().getAsLong();
                    JournalEntry before = lastResponseFailed.get(msgId);
                    if (before != null && !answeredSince.contains(msgId)) {
                        out.add(violation(ctx, e.text() + " arrived twice for one answer to msgId " + msgId, before,
                                e, "5.7: event 20 names the msgId of the one answer that failed"));
                    }
                    lastResponseFailed.put(msgId, e);
                    answeredSince.remove(msgId);
                }
                continue;
            }
            if (e instanceof JournalEntry.Received r && r.isUrc()) {
                Optional<MiplRequest> q = r.urc().flatMap(MiplRequest::of);
                if (q.isPresent()) {
                    request(e, requests, ctx, out);
                }
            }
        }
        out.addAll(UpdateDuplicates.check(entries, ctx)); // events 11-14: one outcome per update, one warning
        out.addAll(ConnectionDuplicates.check(entries, ctx)); // events 1, 2, 4: once per registration attempt
        out.addAll(RestartDuplicates.check(entries, ctx)); // RDY once per start
        out.addAll(StatusRepeats.check(entries, ctx)); // 27.007's status URCs report changes
        return out;
    }

    private static void request(JournalEntry e, Map<String, Copy> requests, CheckContext ctx,
                                List<InvariantViolation> out) {
        long now = e.nanoTime();
        requests.values().removeIf(c -> now - c.first.nanoTime() > MAX_TRANSMIT_WAIT.toNanos());
        Copy before = requests.get(e.text());
        if (before == null) {
            long id = msgIdOf(e);
            // a retransmission is the same CoAP message (RFC 7252 4.2: same message ID, same request): its copy is
            // the same line; another line under a msgId still in use names another resource or instance
            requests.values().stream().filter(c -> id >= 0 && msgIdOf(c.first) == id && c.answeredNanos < 0
                            && !partsOfOneWrite(c.first.text(), e.text()))
                    .findFirst().ifPresent(c -> out.add(violation(ctx, "msgId " + id + " printed again as another"
                            + " request: " + c.first.text() + " then " + e.text(), c.first, e,
                            "5.1-5.6: a request URC is printed again only for the retransmission of the same request"
                                    + " (docs/evidence.md)")));
            requests.put(e.text(), new Copy(e, now, -1));
            return;
        }
        requests.put(e.text(), new Copy(before.first, now, before.answeredNanos));
        if (ctx.networkDuplicates()) {
            return;
        }
        String source = "5.1-5.6 and docs/evidence.md: the module prints a request once, again only for the platform's"
                + " retransmission of a request the MCU has not answered (RFC 7252 4.8: ACK_TIMEOUT 2 s or more apart)";
        if (before.answeredNanos >= 0 && now - before.answeredNanos > CROSSING.toNanos()) {
            out.add(violation(ctx, e.text() + " arrived again " + ms(now - before.answeredNanos)
                    + " after its answer", before.first, e, source));
        } else if (before.answeredNanos < 0 && now - before.lastNanos < MIN_RETRANSMISSION_GAP.toNanos()) {
            out.add(violation(ctx, e.text() + " arrived twice, " + ms(now - before.lastNanos)
                    + " apart: sooner than any retransmission", before.first, e, source));
        }
    }

    /** 5.2: a write of several resources arrives as one +MIPLWRITE per resource, one msgId, index counting down. */
    private static boolean partsOfOneWrite(String a, String b) {
        return a.startsWith("+MIPLWRITE:") && b.startsWith("+MIPLWRITE:")
                && !a.substring(a.lastIndexOf(',')).equals(b.substring(b.lastIndexOf(',')));
    }

    private static boolean completes(String answer) {
        return !(MiplCommands.parse(answer) instanceof Parsed.Ok<?> ok && ok.value() instanceof MiplReadRsp r
                && r.index() != 0);
    }

    private static long msgIdOf(JournalEntry e) {
        return e instanceof JournalEntry.Received r ? r.urc().flatMap(MiplRequest::of).map(MiplRequest::msgId)
                .orElse(-1L) : -1L;
    }

    private static Optional<Integer> ackIdOf(String command) {
        Parsed<?> p = MiplCommands.parse(command);
        if (p instanceof Parsed.Ok<?> ok && ok.value() instanceof MiplNotify n && n.ackId().isPresent()) {
            return Optional.of(n.ackId().getAsInt());
        }
        return Optional.empty();
    }

    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    private static InvariantViolation violation(CheckContext ctx, String what, JournalEntry first, JournalEntry second,
                                                String source) {
        return new InvariantViolation(Invariant.NO_DUPLICATE_URC, what, List.of(ctx.line(first), ctx.line(second)),
                source);
    }
}
