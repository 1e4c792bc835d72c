package org.miplhil.sim;

import org.miplhil.sim.registrar.PlatformRequest;
import org.miplhil.sim.registrar.PlatformResponse;
import org.miplhil.sim.registrar.ResourceValue;

import static org.miplhil.sim.MiplChecks.broken;
import static org.miplhil.sim.MiplChecks.in;
import static org.miplhil.sim.MiplChecks.refSupported;
import static org.miplhil.sim.MiplChecks.resourceValue;

import java.util.List;
import java.util.Optional;
import org.miplhil.at.MiplAnswer;
import org.miplhil.at.MiplDiscoverRsp;
import org.miplhil.at.MiplReadRsp;
import org.miplhil.at.ResultCode;
import org.miplhil.at.Violation;
import org.miplhil.sim.Outcome;
import org.miplhil.sim.Outcome.Reply;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.Mistake;

/**
 * The MCU's answers to platform requests (3.3.9-3.3.14: AT+MIPLDISCOVERRSP, AT+MIPLOBSERVERSP, AT+MIPLREADRSP in one
 * or more parts, AT+MIPLWRITERSP, AT+MIPLEXECUTERSP, AT+MIPLPARAMETERRSP): checked against the request pending under
 * the msgId ({@link RequestTable}), then handed to the registrar with whether they came within the answer window.
 */
final class RequestAnswers {

    /** What the answers need from the interpreter's state. */
    interface Context {
        /** Whether the instance exists (AT+MIPLCREATE). */
        boolean instance();

        /** The profile's error for the mistake, in the form AT+CMEE selects. */
        Reply mistake(Mistake m);

        /** The MCU accepted an observation (AT+MIPLOBSERVERSP with result 1 to an observe). */
        void observed(long msgId, int objId, int insId, int resId);
    }

    private final FirmwareProfile profile;
    private final MiplInterpreter.Host host;
    private final RequestTable requests;
    private final Context context;

    RequestAnswers(FirmwareProfile profile, MiplInterpreter.Host host, RequestTable requests, Context context) {
        this.profile = profile;
        this.host = host;
        this.requests = requests;
        this.context = context;
    }

    /** Common checks of every ...RSP: instance, result code for the request, msgId pending and of that request. */
    private Optional<Reply> checkAnswer(MiplAnswer a, List<Violation> v) {
        if (!context.instance()) {
            return Optional.of(context.mistake(Mistake.RSP_NO_INSTANCE));
        }
        if (broken(v, Violation.Rule.RESULT_NOT_ALLOWED)) {
            return Optional.of(context.mistake(Mistake.RSP_RESULT_NOT_ALLOWED));
        }
        RequestTable.Pending p = requests.get(a.msgId());
        if (p == null) {
            return Optional.of(context.mistake(requests.expired(a.msgId()) ? Mistake.RSP_EXPIRED_MSGID
                    : Mistake.RSP_UNKNOWN_MSGID));
        }
        if (p.type() != a.request()) {
            return Optional.of(context.mistake(Mistake.RSP_WRONG_TYPE));
        }
        return Optional.empty();
    }

    private boolean inAnswerWindow(long msgId) {
        return requests.inAnswerWindow(msgId, host.nanoTime(), profile.mipl().answerWindow());
    }

    /** AT+MIPLOBSERVERSP, AT+MIPLWRITERSP, AT+MIPLEXECUTERSP, AT+MIPLPARAMETERRSP. */
    Outcome answer(MiplAnswer a, List<Violation> v) {
        if (!refSupported(a.ref()) || broken(v, "msgId")) {
            return context.mistake(Mistake.ANY_PARAMETER);
        }
        if (broken(v, "raiMode")) {
            return context.mistake(Mistake.RSP_RAI_RANGE);
        }
        Optional<Reply> bad = checkAnswer(a, v);
        if (bad.isPresent()) {
            return bad.get();
        }
        long msgId = a.msgId();
        boolean window = inAnswerWindow(msgId);
        RequestTable.Pending p = requests.answered(msgId);
        int res = a.result();
        int raiMode = a.raiMode().orElse(0);
        PlatformResponse response = switch (a.request()) {
            case OBSERVE -> {
                if (p.request() instanceof PlatformRequest.Observe o && o.observe() && res == ResultCode.CONTENT.code()) {
                    context.observed(msgId, o.objId(), o.insId(), o.resId());
                }
                yield new PlatformResponse.Observe(msgId, res, raiMode, window);
            }
            case WRITE -> new PlatformResponse.Write(msgId, res, raiMode, window);
            case EXECUTE -> new PlatformResponse.Execute(msgId, res, raiMode, window);
            default -> new PlatformResponse.Parameter(msgId, res, raiMode, window);
        };
        return Reply.ok().then(() -> host.registrar().respond(response));
    }

    Outcome discoverRsp(MiplDiscoverRsp d) {
        List<Violation> v = d.violations();
        if (!refSupported(d.ref()) || broken(v, "msgId") || d.length() < 0) {
            return context.mistake(Mistake.ANY_PARAMETER);
        }
        if (broken(v, "raiMode")) {
            return context.mistake(Mistake.RSP_RAI_RANGE);
        }
        if (d.length() > profile.limits().discoverLengthMax()) {
            return context.mistake(Mistake.DISCOVERRSP_TOO_LONG);
        }
        if (broken(v, Violation.Rule.LENGTH_MISMATCH)) {
            return context.mistake(Mistake.DISCOVERRSP_LENGTH_MISMATCH);
        }
        Optional<Reply> bad = checkAnswer(d, v);
        if (bad.isPresent()) {
            return bad.get();
        }
        if (broken(v, "valuestring")) {
            return context.mistake(Mistake.ANY_PARAMETER); // 3.3.9: resource ids separated by ';'
        }
        List<Integer> resIds = d.result() == ResultCode.CONTENT.code() ? d.resIds() : List.of();
        long id = d.msgId();
        boolean window = inAnswerWindow(id);
        requests.answered(id);
        PlatformResponse response = new PlatformResponse.Discover(id, d.result(), resIds, d.raiMode().orElse(0), window);
        return Reply.ok().then(() -> host.registrar().respond(response));
    }

    /** AT+MIPLREADRSP in full, or with {@code <ref>,<msgId>,<result>} alone for a failure (as the XY1100 layer takes it). */
    Outcome readRsp(MiplAnswer a, List<Violation> v) {
        if (!refSupported(a.ref()) || broken(v, "msgId")) {
            return context.mistake(Mistake.ANY_PARAMETER);
        }
        Optional<Reply> bad = checkAnswer(a, v);
        if (bad.isPresent()) {
            return bad.get();
        }
        long msgId = a.msgId();
        if (a.result() != ResultCode.CONTENT.code()) {
            if (broken(v, "raiMode")) {
                return context.mistake(Mistake.RSP_RAI_RANGE);
            }
            boolean window = inAnswerWindow(msgId);
            requests.answered(msgId);
            PlatformResponse response = new PlatformResponse.Read(msgId, a.result(), List.of(), a.raiMode().orElse(0),
                    window);
            return Reply.ok().then(() -> host.registrar().respond(response));
        }
        if (!(a instanceof MiplReadRsp r)) {
            return context.mistake(Mistake.ANY_PARAMETER); // result 1 needs the value
        }
        PlatformRequest.Read request = (PlatformRequest.Read) requests.get(msgId).request();
        if (r.objId() != request.objId() || (request.insId() >= 0 && r.insId() != request.insId())
                || (request.resId() >= 0 && r.resId() != request.resId()) || broken(v, "insId", "resId")) {
            return context.mistake(Mistake.READRSP_URI_MISMATCH);
        }
        if (broken(v, "valueType", "len", "value", "flag") || !in(r.index(), 0, profile.limits().indexMax())) {
            return context.mistake(Mistake.READRSP_TYPE_LENGTH);
        }
        if (broken(v, "raiMode")) {
            return context.mistake(Mistake.RSP_RAI_RANGE);
        }
        ResourceValue value = resourceValue(r.objId(), r.insId(), r.resId(), r.valueType(), r.len(), r.value());
        PartGatherer.Added added = requests.readParts().add(msgId, value, r.index(), profile.limits().readTotalMax());
        if (added instanceof PartGatherer.TooLong) {
            return context.mistake(Mistake.READRSP_TOO_LONG);
        }
        if (!(added instanceof PartGatherer.Whole whole)) {
            return Reply.ok();
        }
        boolean window = inAnswerWindow(msgId);
        requests.answered(msgId);
        PlatformResponse response = new PlatformResponse.Read(msgId, ResultCode.CONTENT.code(), whole.all(),
                r.raiMode().orElse(0), window);
        return Reply.ok().then(() -> host.registrar().respond(response));
    }
}
