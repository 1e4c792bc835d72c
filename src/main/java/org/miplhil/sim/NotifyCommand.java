package org.miplhil.sim;

import org.miplhil.sim.registrar.Notification;
import org.miplhil.sim.registrar.ResourceValue;

import static org.miplhil.sim.MiplChecks.broken;
import static org.miplhil.sim.MiplChecks.in;
import static org.miplhil.sim.MiplChecks.refSupported;
import static org.miplhil.sim.MiplChecks.resourceValue;

import java.util.List;
import java.util.Map;
import org.miplhil.at.MiplNotify;
import org.miplhil.at.ValueRules;
import org.miplhil.at.Violation;
import org.miplhil.sim.Outcome;
import org.miplhil.sim.Outcome.Reply;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.Mistake;

/**
 * AT+MIPLNOTIFY (3.3.15): checked in the XY1100 AT layer's order, matched to an observation the MCU accepted, its
 * parts gathered until index 0 and handed to the registrar as one notification; parts past the profile's total
 * length are refused, the ones before still sent (remark 2).
 */
final class NotifyCommand {

    /** What the command needs from the interpreter's state. */
    interface Context {
        /** Whether the instance exists (AT+MIPLCREATE). */
        boolean instance();

        /** The profile's error for the mistake, in the form AT+CMEE selects. */
        Reply mistake(Mistake m);

        /** The observations the MCU accepted, by msgId. */
        Map<Long, MiplInterpreter.Observation> observations();
    }

    private final FirmwareProfile profile;
    private final MiplInterpreter.Host host;
    private final ValueRules valueRules;
    private final Context context;
    private final PartGatherer notifyParts = new PartGatherer();

    NotifyCommand(FirmwareProfile profile, MiplInterpreter.Host host, ValueRules valueRules, Context context) {
        this.profile = profile;
        this.host = host;
        this.valueRules = valueRules;
        this.context = context;
    }

    /** The registration (or the power) is gone: parts gathered so far are dropped. */
    void clear() {
        notifyParts.clear();
    }

    Outcome handle(MiplNotify n) {
        if (!refSupported(n.ref())) {
            return context.mistake(Mistake.ANY_PARAMETER);
        }
        List<Violation> v = n.violations(valueRules);
        if (broken(v, "msgId", "objId", "insId", "resId")) {
            return context.mistake(Mistake.NOTIFY_INDEX_RANGE);
        }
        if (broken(v, "valueType", "len", "value")) {
            return context.mistake(Mistake.NOTIFY_TYPE_LENGTH);
        }
        if (!in(n.index(), 0, profile.limits().indexMax())) {
            return context.mistake(Mistake.NOTIFY_INDEX_RANGE);
        }
        if (broken(v, "flag")) {
            return context.mistake(Mistake.NOTIFY_FLAG_RANGE);
        }
        if (broken(v, "ackId")) {
            return context.mistake(Mistake.NOTIFY_INDEX_RANGE);
        }
        if (broken(v, "raiMode")) {
            return context.mistake(Mistake.NOTIFY_RAI_RANGE);
        }
        if (!context.instance()) {
            return context.mistake(Mistake.NOTIFY_NO_INSTANCE);
        }
        long msgId = observationFor(n);
        if (!context.observations().containsKey(msgId)) {
            return context.mistake(Mistake.NOTIFY_NO_OBSERVATION);
        }
        int ackId = n.ackId().orElse(0);
        int rai = n.raiMode().orElse(0);
        ResourceValue value = resourceValue(n.objId(), n.insId(), n.resId(), n.valueType(), n.len(),
                n.value());
        PartGatherer.Added added = notifyParts.add(msgId, value, n.index(), profile.limits().notifyTotalMax());
        if (added instanceof PartGatherer.TooLong tooLong) {
            // 3.3.15 remark 2: the parts before the failing one are still sent
            notifyParts.drop(msgId);
            Reply r = context.mistake(Mistake.NOTIFY_TOO_LONG);
            return tooLong.before().isEmpty() ? r : r.then(() -> host.registrar().notify(
                    new Notification(msgId, tooLong.before(), ackId, rai, false)));
        }
        if (!(added instanceof PartGatherer.Whole whole)) {
            return Reply.ok();
        }
        return Reply.ok().then(() -> host.registrar().notify(new Notification(msgId, whole.all(), ackId, rai, true)));
    }

    /**
     * The msgId of the observation AT+MIPLNOTIFY reports on: the one written, or with the profile's
     * {@code parsing.notify-match: path} the observation of objId/insId/resId, else of objId/insId (VER_QUECTEL
     * builds of the XY1100 AT layer; the msgId written is then replaced). -1 when there is none.
     */
    private long observationFor(MiplNotify n) {
        if (profile.parsing().notifyMatch() == FirmwareProfile.NotifyMatch.MSGID) {
            return n.msgId();
        }
        for (MiplInterpreter.Observation wanted : List.of(
                new MiplInterpreter.Observation(n.objId(), n.insId(), n.resId()),
                new MiplInterpreter.Observation(n.objId(), n.insId(), -1))) {
            for (var e : context.observations().entrySet()) {
                if (e.getValue().equals(wanted)) {
                    return e.getKey();
                }
            }
        }
        return -1;
    }
}
