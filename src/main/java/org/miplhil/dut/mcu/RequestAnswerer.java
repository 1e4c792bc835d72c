package org.miplhil.dut.mcu;

import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.LinkClosedException;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.miplhil.at.MiplDiscoverRsp;
import org.miplhil.at.MiplExecute;
import org.miplhil.at.MiplExecuteRsp;
import org.miplhil.at.MiplObserveRsp;
import org.miplhil.at.MiplParameter;
import org.miplhil.at.MiplParameterRsp;
import org.miplhil.at.MiplReadRsp;
import org.miplhil.at.MiplUrc;
import org.miplhil.at.MiplValue;
import org.miplhil.at.MiplWrite;
import org.miplhil.at.MiplWriteRsp;
import org.miplhil.at.ResultCode;
import org.miplhil.objects.ModelResult;
import org.miplhil.objects.ObjectModel;
import org.miplhil.objects.ObjectPath;
import org.miplhil.objects.PathValue;
import org.miplhil.objects.RecvDataFormat;
import org.miplhil.objects.ResourceDef;
import org.miplhil.objects.WriteDecoder;

/**
 * Answers one request from the {@link ObjectModel} with the commands of 3.3.9–3.3.14 and logs what it sent and what
 * the module said. An unknown object, instance or resource is answered 13 (4.04), an operation the resource does not
 * allow 14 (4.05), a written value that does not decode 11 (4.00).
 */
final class RequestAnswerer {

    private final ModuleSession session;
    private final ObjectModel model;
    private final int ref;
    private final Duration commandDeadline;
    private final McuBookkeeping book;
    private volatile RecvDataFormat recvDataFormat;

    RequestAnswerer(ModuleSession session, ObjectModel model, int ref, Duration commandDeadline, McuBookkeeping book,
                    RecvDataFormat recvDataFormat) {
        this.session = session;
        this.model = model;
        this.ref = ref;
        this.commandDeadline = commandDeadline;
        this.book = book;
        this.recvDataFormat = recvDataFormat;
    }

    RecvDataFormat recvDataFormat() {
        return recvDataFormat;
    }

    void setRecvDataFormat(RecvDataFormat format) {
        this.recvDataFormat = format;
    }

    /** A planned answer: the command lines, and what the model said. */
    private record Plan(List<String> commands, String note) {}

    /**
     * Sends the answer, stopping at the first command that is not OK, and logs it. In the background
     * ({@code foreground} false) the session cursor stays and a send failure is only logged; in the foreground it
     * moves, and a send failure is logged and thrown.
     */
    List<Reply> answerAndLog(McuRequest r, AnswerMode mode, String receivedNote, boolean foreground) {
        Plan plan = plan(r);
        String note = McuBookkeeping.join(receivedNote, plan.note());
        List<Reply> replies = new ArrayList<>();
        List<String> results = new ArrayList<>();
        McuLogEntry.Outcome outcome = McuLogEntry.Outcome.ANSWERED;
        List<String> sent = new ArrayList<>();
        try {
            for (String command : plan.commands()) {
                sent.add(command);
                Reply reply = foreground ? session.send(command, commandDeadline)
                        : session.sendKeepingCursor(command, commandDeadline);
                replies.add(reply);
                results.add(reply.result().text());
                if (!reply.isOk()) {
                    outcome = McuLogEntry.Outcome.REFUSED_BY_MODULE;
                    break;
                }
            }
        } catch (DeadlineExceeded | LinkClosedException | UncheckedIOException e) {
            outcome = McuLogEntry.Outcome.SEND_FAILED;
            note = McuBookkeeping.join(note, Notifier.firstLine(e.getMessage()));
            if (foreground) {
                book.record(r, Optional.ofNullable(mode), outcome, sent, results, note);
                throw e;
            }
        }
        book.record(r, Optional.ofNullable(mode), outcome, sent, results, note);
        return replies;
    }

    private Plan plan(McuRequest r) {
        long msgId = r.msgId();
        ObjectPath path = r.path();
        switch (r.kind()) {
            case DISCOVER: {
                ModelResult<List<Integer>> d = model.discover(path.objId());
                if (d instanceof ModelResult.Ok<List<Integer>> ok) {
                    return new Plan(List.of(MiplDiscoverRsp.of(ref, msgId, ok.value()).format()), "");
                }
                ModelResult.Refused<List<Integer>> no = (ModelResult.Refused<List<Integer>>) d;
                return new Plan(List.of(new MiplDiscoverRsp(ref, msgId, no.code().code(), 0, "", OptionalInt.empty())
                        .format()), no.reason());
            }
            case OBSERVE: {
                ModelResult<ObjectPath> o = model.observe(path);
                return simple(new MiplObserveRsp(ref, msgId, code(o, ResultCode.CONTENT)).format(), o);
            }
            case READ: {
                ModelResult<List<PathValue>> v = model.read(path);
                if (v instanceof ModelResult.Refused<List<PathValue>> no) {
                    // the XY1100 AT layer takes <ref>,<msgId>,<result> alone for a failed read (docs/evidence.md)
                    return new Plan(List.of("AT+MIPLREADRSP=" + ref + "," + msgId + "," + no.code().code()), no.reason());
                }
                List<PathValue> values = ((ModelResult.Ok<List<PathValue>>) v).value();
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    PathValue pv = values.get(i);
                    // 3.3.11: index counts down from N-1 to 0; flag 0 (the only one supported)
                    lines.add(MiplReadRsp.of(ref, msgId, pv.objId(), pv.insId(), pv.resId(), pv.value(),
                            values.size() - 1 - i, 0).format());
                }
                return new Plan(lines, "");
            }
            case WRITE:
                return planWrite(r);
            case EXECUTE: {
                ModelResult<ResourceDef> x = model.execute(path);
                if (x.isOk()) {
                    MiplExecute urc = (MiplExecute) r.urcs().get(0);
                    book.executed(new ExecuteCall(msgId, path, urc.arguments(), Instant.now()));
                }
                return simple(new MiplExecuteRsp(ref, msgId, code(x, ResultCode.CHANGED)).format(), x);
            }
            default: { // PARAMETER
                ModelResult<ObjectPath> p = model.parameter(path);
                if (p.isOk()) {
                    MiplParameter urc = (MiplParameter) r.urcs().get(0);
                    book.parameterised(new ParameterCall(msgId, path, urc.parameter(), urc.attributes(), Instant.now()));
                }
                return simple(new MiplParameterRsp(ref, msgId, code(p, ResultCode.CHANGED)).format(), p);
            }
        }
    }

    private Plan planWrite(McuRequest r) {
        Map<Integer, MiplValue> values = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        ResultCode refusal = null;
        String reason = "";
        int objId = r.path().objId();
        int insId = r.path().insId();
        for (MiplUrc u : r.urcs()) {
            MiplWrite w = (MiplWrite) u;
            Optional<ResourceDef> def = model.resource(w.objId(), w.resId());
            if (w.objId() != objId || w.insId() != insId) {
                refusal = ResultCode.BAD_REQUEST;
                reason = "the parts of write " + r.msgId() + " name different instances";
                break;
            }
            if (def.isEmpty()) {
                refusal = ResultCode.NOT_FOUND;
                reason = "no resource " + w.resId() + " in object " + w.objId();
                break;
            }
            WriteDecoder.Decoded d = WriteDecoder.decode(def.get().type(), w.valueType(), w.len(), w.value(),
                    recvDataFormat);
            d.note().ifPresent(n -> notes.add(w.resId() + ": " + n));
            if (d.value().isEmpty()) {
                refusal = ResultCode.BAD_REQUEST;
                reason = "resource " + w.resId() + ": " + d.problem().orElse("does not decode");
                break;
            }
            values.put(w.resId(), d.value().get());
        }
        String decodeNotes = String.join("; ", notes);
        if (refusal == null) {
            ModelResult<List<PathValue>> applied = model.write(objId, insId, values);
            if (applied instanceof ModelResult.Ok<List<PathValue>> ok) {
                book.wrote(new WriteCall(r.msgId(), ok.value(), Instant.now()));
                return new Plan(List.of(new MiplWriteRsp(ref, r.msgId(), ResultCode.CHANGED).format()),
                        McuBookkeeping.join(decodeNotes, "wrote " + ok.value().stream()
                                .map(v -> v.path() + "=" + v.value().format()).toList()));
            }
            ModelResult.Refused<List<PathValue>> no = (ModelResult.Refused<List<PathValue>>) applied;
            refusal = no.code();
            reason = no.reason();
        }
        return new Plan(List.of(new MiplWriteRsp(ref, r.msgId(), refusal).format()),
                McuBookkeeping.join(decodeNotes, reason));
    }

    private static int code(ModelResult<?> result, ResultCode success) {
        return result instanceof ModelResult.Refused<?> no ? no.code().code() : success.code();
    }

    private static Plan simple(String command, ModelResult<?> result) {
        return new Plan(List.of(command), result instanceof ModelResult.Refused<?> no ? no.reason() : "");
    }
}
