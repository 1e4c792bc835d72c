package org.miplhil.dut.mcu;

import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.LinkClosedException;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.miplhil.at.MiplNotify;
import org.miplhil.objects.ModelResult;
import org.miplhil.objects.ObjectModel;
import org.miplhil.objects.ObjectPath;
import org.miplhil.objects.PathValue;

/** The {@code AT+MIPLNOTIFY} side of the {@link McuApplication} (3.3.15): the lines for a path, sent and logged. */
final class Notifier {

    private final ModuleSession session;
    private final ObjectModel model;
    private final int ref;
    private final Duration commandDeadline;
    private final McuBookkeeping book;

    Notifier(ModuleSession session, ObjectModel model, int ref, Duration commandDeadline, McuBookkeeping book) {
        this.session = session;
        this.model = model;
        this.ref = ref;
        this.commandDeadline = commandDeadline;
        this.book = book;
    }

    /** See {@link McuApplication#notify(long, ObjectPath, OptionalInt)}. */
    List<Reply> notify(long msgId, ObjectPath path, OptionalInt ackId) {
        List<MiplNotify> commands = notifyCommands(msgId, path, ackId);
        List<Reply> replies = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        List<String> results = new ArrayList<>();
        McuLogEntry.Outcome outcome = McuLogEntry.Outcome.NOTIFIED;
        try {
            for (MiplNotify n : commands) {
                sent.add(n.format());
                Reply reply = session.send(n, commandDeadline);
                replies.add(reply);
                results.add(reply.result().text());
                if (!reply.isOk()) {
                    outcome = McuLogEntry.Outcome.REFUSED_BY_MODULE;
                    break;
                }
            }
        } catch (DeadlineExceeded | LinkClosedException | UncheckedIOException e) {
            book.recordNotify(msgId, path, McuLogEntry.Outcome.SEND_FAILED, sent, results, firstLine(e.getMessage()));
            throw e;
        }
        book.recordNotify(msgId, path, outcome, sent, results, "");
        return replies;
    }

    /** See {@link McuApplication#notifyCommands(long, ObjectPath, OptionalInt)}. */
    List<MiplNotify> notifyCommands(long msgId, ObjectPath path, OptionalInt ackId) {
        ModelResult<List<PathValue>> read = model.read(path);
        if (read instanceof ModelResult.Refused<List<PathValue>> no) {
            throw new IllegalStateException("nothing to notify at " + path + ": " + no.reason());
        }
        List<PathValue> values = ((ModelResult.Ok<List<PathValue>>) read).value();
        Map<Integer, List<PathValue>> byInstance = new LinkedHashMap<>();
        for (PathValue v : values) {
            byInstance.computeIfAbsent(v.insId(), k -> new ArrayList<>()).add(v);
        }
        List<MiplNotify> out = new ArrayList<>();
        for (List<PathValue> group : byInstance.values()) {
            for (int i = 0; i < group.size(); i++) {
                PathValue v = group.get(i);
                // 3.3.15: index counts down to 0 within each instance (7.8.2, 7.8.3)
                MiplNotify n = MiplNotify.of(ref, msgId, v.objId(), v.insId(), v.resId(), v.value(),
                        group.size() - 1 - i, 0);
                out.add(ackId.isPresent() ? n.withAckId(ackId.getAsInt()) : n);
            }
        }
        return out;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
