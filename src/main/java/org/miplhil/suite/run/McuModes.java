package org.miplhil.suite.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.miplhil.at.MiplAnswer;
import org.miplhil.at.MiplRequest;
import org.miplhil.at.RequestType;
import org.miplhil.dut.mcu.AnswerMode;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.mcu.McuApplication;
import org.miplhil.suite.McuMode;
import org.miplhil.suite.Step;

/**
 * Who answers the module's requests during a case, kind by kind: the MCU application ({@code mcu: auto}, late or
 * never) or the case itself ({@code mcu: off}, with {@code answer} steps). It keeps every change with the journal
 * index it took effect at, so that the end of the case can tell which request URCs the case had to answer and
 * did not ({@link #unansweredRequests}).
 */
final class McuModes {

    private record ModeChange(int index, Set<RequestType> kinds, McuMode mode) {}

    private final Optional<McuApplication> mcu;
    private final List<ModeChange> changes = new ArrayList<>();
    private final Map<RequestType, AnswerMode> answerModes = new EnumMap<>(RequestType.class);

    /** The modes at journal index {@code start}: {@code initial} for every kind, as the application was set up. */
    McuModes(Optional<McuApplication> mcu, int start, McuMode initial) {
        this.mcu = mcu;
        changes.add(new ModeChange(start, Set.of(RequestType.values()), initial));
        mcu.ifPresent(app -> {
            for (RequestType t : RequestType.values()) {
                answerModes.put(t, app.mode(t));
            }
        });
    }

    /** An {@code mcu} step from journal index {@code index} on. */
    void change(Step.Mcu step, int index) {
        changes.add(new ModeChange(index, step.kinds(), step.mode()));
        if (mcu.isEmpty()) {
            if (step.mode() == McuMode.AUTO || step.mode() == McuMode.LATE) {
                throw StepFailed.harness("'mcu: " + step.mode().word() + "' needs the MCU application, and the suite"
                        + " has no object models (fixtures: objects)");
            }
            return; // off and never: nothing answers anyway
        }
        AnswerMode mode = switch (step.mode()) {
            case AUTO -> AnswerMode.auto(step.delay().orElse(Duration.ZERO));
            case LATE -> {
                // the loader keeps a late delay past the 10 s window of 5.1-5.6
                Duration d = step.delay().orElse(AnswerMode.ANSWER_WINDOW.plusSeconds(1));
                yield d.compareTo(AnswerMode.ANSWER_WINDOW) > 0 ? AnswerMode.late(d) : AnswerMode.auto(d);
            }
            case NEVER -> AnswerMode.never();
            case OFF -> AnswerMode.manual();
        };
        for (RequestType kind : step.kinds()) {
            mcu.get().setMode(kind, mode);
            answerModes.put(kind, mode);
        }
    }

    /**
     * When the MCU application answers a request the suite just saw at once ({@code mcu: auto}), the suite goes on
     * once that answer is out: the next step (a notify on the msgId of an observe) must not race the answer. The
     * answer to a write comes with its last part (index 0).
     */
    void awaitAnswerTo(JournalEntry.Received urc) {
        if (mcu.isEmpty()) {
            return;
        }
        Optional<MiplRequest> request = urc.urc().flatMap(MiplRequest::of);
        if (request.isEmpty() || !request.get().completes()
                || !(answerModes.get(request.get().kind()) instanceof AnswerMode.Auto auto)) {
            return;
        }
        try {
            mcu.get().awaitAnswer(request.get().msgId(), auto.delay().plus(Step.DEFAULT_RESPONSE_TIME));
        } catch (DeadlineExceeded e) {
            // the MCU's log says why; the steps that depend on the answer will show it
        }
    }

    /** The mode in force for a kind of request at a journal index. */
    McuMode modeAt(RequestType kind, int index) {
        McuMode mode = McuMode.OFF;
        for (ModeChange c : changes) {
            if (c.index() <= index && c.kinds().contains(kind)) {
                mode = c.mode();
            }
        }
        return mode;
    }

    /**
     * Request URCs among {@code entries} (the case's journal) that no command answered while the MCU was
     * {@code off} for them (the suite answers those itself): a request the case did not expect, or an answer step
     * missing. A copy of a request answered already (the server retransmitted it while it waited) needs no second
     * answer.
     */
    List<String> unansweredRequests(List<JournalEntry> entries) {
        Map<Long, JournalEntry.Received> open = new LinkedHashMap<>();
        Set<Long> answered = new HashSet<>();
        for (JournalEntry e : entries) {
            if (e instanceof JournalEntry.Received r && r.isUrc()) {
                r.urc().flatMap(MiplRequest::of).ifPresent(q -> {
                    if (modeAt(q.kind(), r.index()) == McuMode.OFF && !answered.contains(q.msgId())) {
                        open.putIfAbsent(q.msgId(), r);
                    }
                });
            } else if (e instanceof JournalEntry.Sent s) {
                MiplAnswer.msgIdOf(s.text()).ifPresent(id -> {
                    open.remove(id);
                    answered.add(id);
                });
            }
        }
        return open.values().stream().map(r -> r.text() + " (journal #" + r.index() + ")").toList();
    }
}
