package org.miplhil.at;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * 5.7 {@code +MIPLEVENT: <ref>,<evtId>[,<extend>[,<ackId>]]}.
 *
 * <p>The third field means different things by event: seconds of lifetime left for 14, the msgId
 * for 20, and — as 7.8.4 prints {@code +MIPLEVENT: 0,26,255} after a notify with ackId 255, and
 * as the SDK does — the ackId for 25 and 26. So with three fields, events 25/26 fill
 * {@link #ackId} and the others {@link #extend}; with four fields the third is extend and the
 * fourth ackId. Formatting writes the fields back in the same places, so both round-trip.
 */
public record MiplEvent(int ref, int evtId, OptionalLong extend, OptionalInt ackId) implements MiplUrc {

    public static final String PREFIX = "+MIPLEVENT";

    /** The fields after the prefix, in order, as table 4 / 5.7 writes them ({@code [...]}: optional). */
    public static final String SYNTAX = "<ref>,<evtId>[,<extend>[,<ackId>]]";

    public MiplEvent {
        java.util.Objects.requireNonNull(extend, "extend");
        java.util.Objects.requireNonNull(ackId, "ackId");
        if (ackId.isPresent() && extend.isEmpty() && !ackIdComesThird(evtId)) {
            throw new IllegalArgumentException("event " + evtId + " writes <extend> before <ackId> (5.7)");
        }
    }

    public MiplEvent(int ref, int evtId) {
        this(ref, evtId, OptionalLong.empty(), OptionalInt.empty());
    }

    public static MiplEvent of(EventId event) {
        return new MiplEvent(0, event.id());
    }

    /** Event 14 with the seconds of lifetime left. */
    public static MiplEvent updateNeed(long secondsLeft) {
        return new MiplEvent(0, EventId.UPDATE_NEED.id(), OptionalLong.of(secondsLeft), OptionalInt.empty());
    }

    /** Event 26 (or 25 when not acknowledged) for a confirmable notify, as 7.8.4 prints it: {@code 0,26,255}. */
    public static MiplEvent notifyOutcome(boolean acknowledged, int ackId) {
        EventId e = acknowledged ? EventId.NOTIFY_SUCCESS : EventId.NOTIFY_FAILED;
        return new MiplEvent(0, e.id(), OptionalLong.empty(), OptionalInt.of(ackId));
    }

    /** Event 20 with the msgId of the response that failed. */
    public static MiplEvent responseFailed(long msgId) {
        return new MiplEvent(0, EventId.RESPONSE_FAILED.id(), OptionalLong.of(msgId), OptionalInt.empty());
    }

    public Optional<EventId> event() {
        return EventId.of(evtId);
    }

    public String prefix() {
        return PREFIX;
    }

    public String format() {
        StringBuilder sb = new StringBuilder(PREFIX).append(": ").append(ref).append(',').append(evtId);
        extend.ifPresent(x -> sb.append(',').append(x));
        ackId.ifPresent(a -> sb.append(',').append(a));
        return sb.toString();
    }

    private static boolean ackIdComesThird(int evtId) {
        return EventId.of(evtId).map(EventId::carriesAckId).orElse(false);
    }

    static MiplEvent read(Fields f) {
        f.count(2, 4, SYNTAX);
        int ref = f.intAt(0, "ref");
        int evtId = f.intAt(1, "evtId");
        if (f.size() == 3 && ackIdComesThird(evtId)) {
            return new MiplEvent(ref, evtId, OptionalLong.empty(), OptionalInt.of(f.intAt(2, "ackId")));
        }
        return new MiplEvent(ref, evtId, f.optLong(2, "extend"), f.optInt(3, "ackId"));
    }

    @Override
    public java.util.List<Violation> violations() {
        Checks c = new Checks().range(0, "ref", ref, MiplRanges.REF, "5.7");
        if (event().isEmpty()) {
            c.add(new Violation(1, "evtId", Violation.Rule.OUT_OF_RANGE, "is " + evtId + ", not an event of 5.7"));
        }
        int ackIndex = extend.isPresent() ? 3 : 2;
        return c.range(ackIndex, "ackId", ackId, MiplRanges.EVENT_ACK_ID, "5.7").list();
    }
}
