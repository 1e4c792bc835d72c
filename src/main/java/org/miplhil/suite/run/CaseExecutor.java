package org.miplhil.suite.run;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.miplhil.at.AtLine;
import org.miplhil.at.MiplUrc;
import org.miplhil.at.MiplWrite;
import org.miplhil.at.RequestType;
import org.miplhil.at.MiplAnswer;
import org.miplhil.at.MiplRequest;
import org.miplhil.dut.AnswerMode;
import org.miplhil.dut.Cursor;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.LinkClosedException;
import org.miplhil.dut.McuApplication;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.dut.UnexpectedUrc;
import org.miplhil.dut.UrcArrival;
import org.miplhil.dut.UrcMatcher;
import org.miplhil.platform.CoapCode;
import org.miplhil.platform.Device;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Notification;
import org.miplhil.platform.NotificationAttributes;
import org.miplhil.platform.Platform;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.ResourceWrite;
import org.miplhil.at.FotaUpdating;
import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaOutcome;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.platform.fota.FotaStep;
import org.miplhil.report.EventKind;
import org.miplhil.report.FotaTimeline;
import org.miplhil.report.RunListener;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.suite.Attributes;
import org.miplhil.suite.CutTrigger;
import org.miplhil.suite.FaultSource;
import org.miplhil.suite.FotaExpectation;
import org.miplhil.suite.LwM2mPath;
import org.miplhil.suite.McuMode;
import org.miplhil.suite.PlatformExpectation;
import org.miplhil.suite.PlatformOperation;
import org.miplhil.suite.PowerAction;
import org.miplhil.suite.Recovery;
import org.miplhil.suite.ResultExpectation;
import org.miplhil.suite.Since;
import org.miplhil.suite.Step;
import org.miplhil.suite.Template;
import org.miplhil.suite.TextMatch;
import org.miplhil.suite.TypedValue;
import org.miplhil.suite.UrcOrder;
import org.miplhil.yaml.Durations;

/**
 * Runs the steps of one case (its setup, its own steps, its teardown) against the module, the platform and the
 * MCU application, as {@link Step.Visitor}. It keeps what the suite format defines between steps: the variables
 * and captures, the case's latest action (where the clock of {@code within} starts), the journal position after the
 * latest match (a URC matched once is not matched again), the platform requests still pending, the MCU modes.
 *
 * <p>Each visit either returns (the step passed) or throws {@link StepFailed} with the evidence and whose problem
 * it is. Waits are the session's and the platform's conditions, each with its deadline; nothing polls.
 */
final class CaseExecutor implements Step.Visitor<Void> {

    /** The latest action: where it starts in the journal, when, and what it was (for deadline names). */
    private record Mark(int index, long nanos, String label) {}

    /** A platform request sent by a {@code platform} step, answered (or not) in the background. */
    private record Pending(String label, long sentNanos, Future<Done> done) {}

    private record Done(PlatformResult result, long nanos) {}

    private record ModeChange(int index, Set<RequestType> kinds, McuMode mode) {}

    private final ModuleUnderTest module;
    private final ModuleSession session;
    private final Platform platform;
    private final PlatformWatch watch;
    private final RunListener rec;
    private final ExecutorService background;
    private final Optional<McuApplication> mcu;
    private final FaultPlan casePlan;

    private final Map<String, String> vars;
    private final int startIndex;
    private Mark lastAction;
    private int matchFloor;
    /** Journal index after the lines the previous steps looked at (step-start waits begin there). */
    private int stepFloor;
    /** Journal index after the final result of the current step's latest command; -1: it sent none. */
    private int replyEnd = -1;
    private int notificationFloor;
    private int eventFloor;
    private int emitted;
    private final Map<String, Pending> requests = new HashMap<>();
    private Pending latestRequest;
    private final List<ModeChange> modeChanges = new ArrayList<>();
    private final Map<RequestType, AnswerMode> answerModes = new EnumMap<>(RequestType.class);
    private boolean instanceMayExist;
    private final long originNanos = System.nanoTime();
    private final List<FotaTrace.PowerRecord> powerRecords = new java.util.concurrent.CopyOnWriteArrayList<>();
    private List<Step> recoverSteps = List.of();
    private boolean recovering;
    private int lastPowerOnIndex = -1;
    private FotaCampaign campaign;
    private String campaignVersion = "";
    /** A pair (System.nanoTime(), epoch millis) taken together: puts the campaign's wall times on the links' clock. */
    private long[] campaignClock;

    CaseExecutor(ModuleUnderTest module, Platform platform, PlatformWatch watch, RunListener rec,
                 ExecutorService background, Optional<McuApplication> mcu, FaultPlan casePlan,
                 Map<String, String> variables, McuMode initialMode) {
        this.module = module;
        this.session = module.session();
        this.platform = platform;
        this.watch = watch;
        this.rec = rec;
        this.background = background;
        this.mcu = mcu;
        this.casePlan = casePlan;
        this.vars = new HashMap<>(variables);
        this.startIndex = session.journal().size();
        this.emitted = startIndex;
        this.matchFloor = startIndex;
        this.stepFloor = startIndex;
        this.lastAction = new Mark(startIndex, System.nanoTime(), "case start");
        this.notificationFloor = platform.notifications().size();
        this.eventFloor = platform.events().size();
        modeChanges.add(new ModeChange(startIndex, Set.of(RequestType.values()), initialMode));
        mcu.ifPresent(app -> {
            for (RequestType t : RequestType.values()) {
                answerModes.put(t, app.mode(t));
            }
        });
        module.virtual().ifPresent(vm -> vm.replaceFaultPlan(casePlan));
    }

    int startIndex() {
        return startIndex;
    }

    /** The steps {@code recover: setup} runs: the suite's recover steps, or its setup. */
    void recoverWith(List<Step> steps) {
        this.recoverSteps = List.copyOf(steps);
    }

    Map<String, String> variables() {
        return vars;
    }

    boolean instanceMayExist() {
        return instanceMayExist;
    }

    // ---------------------------------------------------------------- running steps

    /** Runs one step as a report step; null when it passed, else how it did not. */
    StepFailed run(Step step) {
        rec.stepStarted(StepText.name(step, vars), StepText.params(step));
        replyEnd = -1;
        try {
            step.accept(this);
            emitTimeline();
            rec.stepPassed();
            return null;
        } catch (RuntimeException | AssertionError e) {
            StepFailed f = classify(e);
            emitTimeline();
            rec.stepFinished(f.status(), f.failure());
            return f;
        } finally {
            // a URC read in the same burst as a command's final result came after it, not before the next step
            stepFloor = replyEnd >= 0 ? replyEnd : session.journal().size();
        }
    }

    /** Turns what the session and friends throw into a step outcome with its category. */
    static StepFailed classify(Throwable e) {
        if (e instanceof StepFailed f) {
            return f;
        }
        if (e instanceof DeadlineExceeded || e instanceof UnexpectedUrc) {
            return StepFailed.module(e.getMessage());
        }
        if (e instanceof LinkClosedException) {
            return StepFailed.infrastructure("the port closed: " + e.getMessage());
        }
        if (e instanceof UncheckedIOException) {
            return StepFailed.infrastructure("the port failed: " + e.getMessage());
        }
        return StepFailed.harness(e);
    }

    /** Puts the journal's new lines on the case's timeline, stamped with the link's arrival times. */
    void emitTimeline() {
        int size = session.journal().size();
        if (size <= emitted) {
            return;
        }
        for (JournalEntry e : session.journal().entries(emitted, size)) {
            if (e instanceof JournalEntry.Sent s) {
                rec.event(s.nanoTime(), EventKind.COMMAND, s.text());
            } else {
                JournalEntry.Received r = (JournalEntry.Received) e;
                AtLine line = r.line();
                if (line instanceof AtLine.Urc) {
                    rec.event(r.nanoTime(), EventKind.URC, r.text());
                } else if (line instanceof AtLine.FinalResult) {
                    rec.event(r.nanoTime(), EventKind.FINAL_RESULT, r.text());
                } else if (line instanceof AtLine.Information) {
                    rec.event(r.nanoTime(), EventKind.INFORMATION, r.text());
                } else if (line instanceof AtLine.Noise n) {
                    rec.event(r.nanoTime(), EventKind.NOISE, r.text(), n.reason());
                }
                // an echo repeats the command already on the timeline
            }
        }
        emitted = size;
    }

    /** Stops waiting for the case's platform requests (a request nobody answered would block the platform). */
    void cancelPending() {
        if (campaign != null) {
            campaign.close();
        }
        for (Pending p : requests.values()) {
            p.done().cancel(true);
        }
        if (latestRequest != null) {
            latestRequest.done().cancel(true);
        }
    }

    // ---------------------------------------------------------------- send

    @Override
    public Void send(Step.Send step) {
        sendAndCheck(render(step.command(), "the command"), step.expect(), step.lines(), step.within());
        return null;
    }

    private Reply sendAndCheck(String command, ResultExpectation expect, Optional<List<TextMatch>> lines,
                               Duration within) {
        int index = session.journal().size();
        long before = System.nanoTime();
        String name = commandName(command);
        Reply reply;
        try {
            reply = session.send(command, within);
        } catch (DeadlineExceeded e) {
            lastAction = new Mark(index, before, name);
            rec.deadline(name + " -> final result", before, within, null);
            throw StepFailed.module(e.getMessage());
        }
        lastAction = new Mark(reply.firstIndex(), reply.sentNanos(), name);
        replyEnd = reply.lastIndex() + 1;
        long arrived = reply.writtenNanos() + reply.latency().toNanos();
        rec.deadline(name + " -> " + reply.result().text(), reply.writtenNanos(), within, arrived);
        String result = reply.result().text();
        noteInstance(command, reply);
        if (expect instanceof ResultExpectation.OneOf oneOf) {
            Optional<Map<String, String>> captured = Optional.empty();
            for (TextMatch m : oneOf.results()) {
                captured = new LineMatcher(m, vars).matchText(result);
                if (captured.isPresent()) {
                    break;
                }
            }
            if (captured.isEmpty()) {
                throw StepFailed.module(command + ": expected the final result " + describe(oneOf.results())
                        + ", got " + result + " after " + millis(reply.latency()) + evidence(reply));
            }
            vars.putAll(captured.get());
        }
        if (lines.isPresent()) {
            checkLines(command, lines.get(), reply);
        }
        return reply;
    }

    private void checkLines(String command, List<TextMatch> expected, Reply reply) {
        List<String> got = reply.lines();
        Map<String, String> captured = new HashMap<>();
        boolean ok = got.size() == expected.size();
        for (int i = 0; ok && i < expected.size(); i++) {
            Map<String, String> scope = new HashMap<>(vars);
            scope.putAll(captured);
            Optional<Map<String, String>> m = new LineMatcher(expected.get(i), scope).matchText(got.get(i));
            if (m.isEmpty()) {
                ok = false;
            } else {
                captured.putAll(m.get());
            }
        }
        if (!ok) {
            throw StepFailed.module(command + ": expected the information lines " + describe(expected) + ", got "
                    + (got.isEmpty() ? "none" : String.join(" | ", got)) + " (final result " + reply.result().text()
                    + ")");
        }
        vars.putAll(captured);
    }

    /** Whether the module may hold an instance the case created (so that the end of the case deletes it). */
    private void noteInstance(String command, Reply reply) {
        String upper = command.toUpperCase(Locale.ROOT);
        if (reply.isOk() && upper.startsWith("AT+MIPLCREATE")) {
            instanceMayExist = true;
        } else if (reply.isOk() && upper.startsWith("AT+MIPLDELETE")) {
            instanceMayExist = false;
        }
    }

    // ---------------------------------------------------------------- URCs

    @Override
    public Void expectUrc(Step.ExpectUrc step) {
        awaitUrc(step.urc(), step.within(), step.since());
        return null;
    }

    private UrcArrival<Map<String, String>> awaitUrc(TextMatch urc, Duration within, Since since) {
        Cursor from = from(since);
        String label = label(since);
        LineMatcher matcher = new LineMatcher(urc, vars);
        try {
            UrcArrival<Map<String, String>> a = session.expectUrc(from, copiesBefore(from).skipping(matcher), within);
            matchFloor = Math.max(matchFloor, a.entry().index() + 1);
            deadline(label + " -> " + a.text(), from.nanoTime(), within, a.nanoTime());
            awaitMcuAnswer(a.entry());
            return a;
        } catch (DeadlineExceeded | UnexpectedUrc e) {
            Optional<JournalEntry.Received> late = firstMatch(from, new LineMatcher(urc, new HashMap<>(vars)));
            deadline(label + " -> " + urc.source(), from.nanoTime(), within,
                    late.map(JournalEntry.Received::nanoTime).orElse(null));
            throw StepFailed.module(e.getMessage());
        }
    }

    @Override
    public Void expectUrcs(Step.ExpectUrcs step) {
        Cursor from = from(step.since());
        String label = label(step.since());
        if (step.order() == UrcOrder.IN_ORDER) {
            Map<String, String> bindings = new HashMap<>(vars);
            RequestCopies copies = copiesBefore(from);
            List<UrcMatcher<Map<String, String>>> matchers = step.urcs().stream()
                    .map(u -> copies.skipping(new LineMatcher(u, bindings))).toList();
            try {
                List<UrcArrival<?>> found = session.expectInOrder(from, matchers, step.within());
                for (UrcArrival<?> a : found) {
                    deadline(label + " -> " + a.text(), from.nanoTime(), step.within(), a.nanoTime());
                    matchFloor = Math.max(matchFloor, a.entry().index() + 1);
                }
                for (UrcArrival<?> a : found) {
                    awaitMcuAnswer(a.entry());
                }
                vars.putAll(bindings);
            } catch (DeadlineExceeded | UnexpectedUrc e) {
                measureAfterFailure(from, label, step.urcs(), step.within());
                throw StepFailed.module(e.getMessage());
            }
            return null;
        }
        List<LineMatcher> remaining = new ArrayList<>();
        step.urcs().forEach(u -> remaining.add(new LineMatcher(u, vars)));
        List<String> matched = new ArrayList<>();
        Cursor at = from;
        RequestCopies copies = copiesBefore(from);
        while (!remaining.isEmpty()) {
            List<LineMatcher> open = List.copyOf(remaining);
            LineMatcher[] which = new LineMatcher[1];
            UrcMatcher<Map<String, String>> anyOf = new UrcMatcher<>() {
                @Override
                public Optional<Map<String, String>> match(JournalEntry.Received urc) {
                    for (LineMatcher m : open) {
                        Optional<Map<String, String>> v = m.matchText(urc.text());
                        if (v.isPresent()) {
                            which[0] = m;
                            return v;
                        }
                    }
                    return Optional.empty();
                }

                @Override
                public String description() {
                    return "any of " + describeMatchers(open);
                }
            };
            try {
                UrcArrival<Map<String, String>> a = session.expectUrc(at, copies.skipping(anyOf), step.within());
                vars.putAll(a.value());
                remaining.remove(which[0]);
                matched.add(a.text());
                deadline(label + " -> " + a.text(), from.nanoTime(), step.within(), a.nanoTime());
                matchFloor = Math.max(matchFloor, a.entry().index() + 1);
                at = new Cursor(a.entry().index() + 1, from.nanoTime());
                awaitMcuAnswer(a.entry());
            } catch (DeadlineExceeded | UnexpectedUrc e) {
                for (LineMatcher m : remaining) {
                    rec.deadline(label + " -> " + m.description(), from.nanoTime(), step.within(), null);
                }
                throw StepFailed.module("awaited in any order within " + millis(step.within()) + ": "
                        + describe(step.urcs()) + "; still missing " + describeMatchers(remaining)
                        + (matched.isEmpty() ? "" : "; matched " + String.join(", ", matched)) + "\n  " + e.getMessage());
            }
        }
        return null;
    }

    /** After a failed in-order wait, the time each URC did arrive (if it did), for the report's measurements. */
    private void measureAfterFailure(Cursor from, String label, List<TextMatch> urcs, Duration within) {
        Map<String, String> scratch = new HashMap<>(vars);
        Cursor at = from;
        for (TextMatch u : urcs) {
            Optional<JournalEntry.Received> hit = firstMatch(at, new LineMatcher(u, scratch));
            deadline(label + " -> " + hit.map(JournalEntry.Received::text).orElse(u.source()), from.nanoTime(), within,
                    hit.map(JournalEntry.Received::nanoTime).orElse(null));
            if (hit.isPresent()) {
                at = new Cursor(hit.get().index() + 1, from.nanoTime());
            }
        }
    }

    /** Copies of request URCs (a retransmitted request shown again) are not matched; see {@link RequestCopies}. */
    private RequestCopies copiesBefore(Cursor from) {
        return new RequestCopies(session.journal().entries(startIndex, from.index()));
    }

    private Optional<JournalEntry.Received> firstMatch(Cursor from, LineMatcher matcher) {
        for (JournalEntry.Received r : session.journal().urcs(from.index())) {
            if (matcher.match(r).isPresent()) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    @Override
    public Void expectNoUrc(Step.ExpectNoUrc step) {
        Cursor from = window(step.since());
        rec.phase("no " + step.urc().source(), from.nanoTime(), from.nanoTime() + step.during().toNanos());
        session.expectNone(from, copiesBefore(from).skipping(new LineMatcher(step.urc(), new HashMap<>(vars))),
                step.during());
        return null;
    }

    @Override
    public Void answer(Step.Answer step) {
        UrcArrival<Map<String, String>> urc = awaitUrc(step.urc(), step.within(), step.since());
        vars.putAll(urc.value());
        if (!step.after().isZero()) {
            pauseUntil(urc.nanoTime() + step.after().toNanos());
        }
        for (Template t : step.with()) {
            String command = render(t, "the answer");
            rec.stepStarted("send " + command, Map.of("expect", StepText.expect(step.expect())));
            try {
                sendAndCheck(command, step.expect(), Optional.empty(), Step.DEFAULT_RESPONSE_TIME);
                emitTimeline();
                rec.stepPassed();
            } catch (RuntimeException e) {
                StepFailed f = classify(e);
                emitTimeline();
                rec.stepFinished(f.status(), f.failure());
                throw f;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- MCU

    @Override
    public Void mcu(Step.Mcu step) {
        modeChanges.add(new ModeChange(session.journal().size(), step.kinds(), step.mode()));
        if (mcu.isEmpty()) {
            if (step.mode() == McuMode.AUTO || step.mode() == McuMode.LATE) {
                throw StepFailed.harness("'mcu: " + step.mode().word() + "' needs the MCU application, and the suite"
                        + " has no object models (fixtures: objects)");
            }
            return null; // off and never: nothing answers anyway
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
        return null;
    }

    /**
     * When the MCU application answers a request the suite just saw at once ({@code mcu: auto}), the suite goes on
     * once that answer is out: the next step (a notify on the msgId of an observe) must not race the answer. The
     * answer to a write comes with its last part (index 0).
     */
    private void awaitMcuAnswer(JournalEntry.Received urc) {
        if (mcu.isEmpty() || urc.urc().isEmpty()) {
            return;
        }
        MiplUrc u = urc.urc().get();
        Optional<MiplRequest> request = MiplRequest.of(u);
        if (request.isEmpty() || !(answerModes.get(request.get().kind()) instanceof AnswerMode.Auto auto)
                || u instanceof MiplWrite w && w.index() != 0) {
            return;
        }
        try {
            mcu.get().awaitAnswer(request.get().msgId(), auto.delay().plus(Step.DEFAULT_RESPONSE_TIME));
        } catch (DeadlineExceeded e) {
            // the MCU's log says why; the steps that depend on the answer will show it
        }
    }

    /** The mode in force for a kind of request at a journal index. */
    private McuMode modeAt(RequestType kind, int index) {
        McuMode mode = McuMode.OFF;
        for (ModeChange c : modeChanges) {
            if (c.index() <= index && c.kinds().contains(kind)) {
                mode = c.mode();
            }
        }
        return mode;
    }

    /**
     * Request URCs since the case started that no command answered while the MCU was {@code off} for them (the
     * suite answers those itself): a request the case did not expect, or an answer step missing. A copy of a
     * request answered already (the server retransmitted it while it waited) needs no second answer.
     */
    List<String> unansweredRequests() {
        List<JournalEntry> entries = session.journal().entries(startIndex, Integer.MAX_VALUE);
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

    // ---------------------------------------------------------------- platform

    @Override
    public Void platform(Step.Platform step) {
        PlatformOperation op = step.operation();
        Duration timeout = StepText.platformTimeout(step);
        NodePath path = nodePath(op.path());
        String label = "platform " + op.word() + " " + op.path();
        Supplier<PlatformResult> call = call(op, path, timeout);
        int index = session.journal().size();
        long sent = System.nanoTime();
        Future<Done> done = background.submit(() -> {
            try {
                PlatformResult r = call.get();
                return new Done(r, System.nanoTime());
            } finally {
                watch.signal();
            }
        });
        Pending p = new Pending(label, sent, done);
        step.as().ifPresent(name -> requests.put(name, p));
        latestRequest = p;
        lastAction = new Mark(index, sent, label);
        return null;
    }

    private Supplier<PlatformResult> call(PlatformOperation op, NodePath path, Duration timeout) {
        if (op instanceof PlatformOperation.Discover) {
            return () -> platform.discover(endpoint(), path, timeout);
        }
        if (op instanceof PlatformOperation.Observe o) {
            NotificationAttributes a = attributes(o.attributes());
            return () -> platform.observe(endpoint(), path, a, timeout);
        }
        if (op instanceof PlatformOperation.Cancel) {
            return () -> platform.cancelObservation(endpoint(), path, timeout);
        }
        if (op instanceof PlatformOperation.Read) {
            return () -> platform.read(endpoint(), path, timeout);
        }
        if (op instanceof PlatformOperation.Write w) {
            List<ResourceWrite> values = new ArrayList<>();
            w.values().forEach((p, v) -> values.add(new ResourceWrite(p.resId().orElseThrow(), toValue(v))));
            org.miplhil.platform.WriteMode mode = w.mode() == PlatformOperation.WriteMode.PARTIAL
                    ? org.miplhil.platform.WriteMode.PARTIAL_UPDATE : org.miplhil.platform.WriteMode.REPLACE;
            return () -> platform.write(endpoint(), path, mode, values, timeout);
        }
        if (op instanceof PlatformOperation.Execute x) {
            String args = x.args().map(t -> render(t, "the arguments")).orElse("");
            return () -> platform.execute(endpoint(), path, args, timeout);
        }
        NotificationAttributes a = attributes(((PlatformOperation.WriteAttributes) op).attributes());
        return () -> platform.writeAttributes(endpoint(), path, a, timeout);
    }

    private String endpoint() {
        return platform.deviceByImei(module.imei()).map(Device::endpoint)
                .orElse(module.imei() + ";" + module.imsi());
    }

    @Override
    public Void expectPlatform(Step.ExpectPlatform step) {
        Cursor from = from(step.since());
        long deadline = from.nanoTime() + step.within().toNanos();
        PlatformExpectation e = step.expectation();
        if (e instanceof PlatformExpectation.Response r) {
            expectResponse(r, step.within(), deadline);
        } else if (e instanceof PlatformExpectation.Notification n) {
            expectNotification(n, from, step.since() == Since.STEP_START, step.within(), deadline, label(step.since()));
        } else {
            expectDeviceEvent(e, from, step.since() == Since.STEP_START, step.within(), deadline, label(step.since()));
        }
        return null;
    }

    private void expectResponse(PlatformExpectation.Response r, Duration within, long deadline) {
        Pending p = r.to().map(requests::get).orElse(latestRequest);
        if (p == null) {
            throw StepFailed.harness("no platform request " + r.to().map(n -> "named '" + n + "' ").orElse("")
                    + "was sent in this case");
        }
        Done done;
        try {
            done = p.done().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            rec.deadline(p.label() + " -> answer", p.sentNanos(), within, null);
            throw StepFailed.module(p.label() + ": no outcome within " + millis(within) + " (the platform waits "
                    + "for the device's answer up to its timeout)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StepFailed.harness("interrupted while awaiting " + p.label());
        } catch (CancellationException e) {
            throw StepFailed.harness(p.label() + " was cancelled");
        } catch (ExecutionException e) {
            throw StepFailed.harness(e.getCause() == null ? e : e.getCause());
        }
        PlatformResult result = done.result();
        boolean timeoutExpected = r.code().isPresent() && r.code().get() instanceof PlatformExpectation.ResponseCode.Timeout;
        String outcome = result instanceof PlatformResult.Answered a ? a.code().dotted()
                : result instanceof PlatformResult.TimedOut ? "timeout" : result.toString();
        rec.deadline(p.label() + " -> " + outcome, p.sentNanos(), within, done.nanos());
        if (result instanceof PlatformResult.Answered a) {
            if (timeoutExpected) {
                throw StepFailed.module(p.label() + ": expected no answer (the platform gives up), got " + a);
            }
            if (r.code().isPresent()) {
                PlatformExpectation.ResponseCode.Coap c = (PlatformExpectation.ResponseCode.Coap) r.code().get();
                if (a.code().codeClass() != c.codeClass() || a.code().detail() != c.detail()) {
                    throw StepFailed.module(p.label() + ": expected " + c + ", the device answered " + a);
                }
            } else if (!a.code().isSuccess()) {
                throw StepFailed.module(p.label() + ": expected success (2.xx), the device answered " + a);
            }
            checkValues(p.label() + " answer", r.values(), a.values());
        } else if (result instanceof PlatformResult.TimedOut t) {
            if (!timeoutExpected) {
                throw StepFailed.module(p.label() + ": the device did not answer within " + millis(t.deadline())
                        + " (the platform gave up)");
            }
        } else if (result instanceof PlatformResult.DeviceOffline) {
            throw StepFailed.module(p.label() + ": the device (" + module.imei() + ") was not registered at the"
                    + " platform when the request was made");
        } else if (result instanceof PlatformResult.InvalidRequest i) {
            throw StepFailed.harness(p.label() + ": the platform refused to send it: " + i.reason());
        } else {
            PlatformResult.Failed f = (PlatformResult.Failed) result;
            throw switch (f.failure()) {
                case RESET, INVALID_RESPONSE -> StepFailed.module(p.label() + ": " + f);
                case SEND_FAILED -> StepFailed.infrastructure(p.label() + ": " + f);
                default -> StepFailed.harness(p.label() + ": " + f);
            };
        }
    }

    private void expectNotification(PlatformExpectation.Notification n, Cursor from, boolean stepStart,
                                    Duration within, long deadline, String label) {
        NodePath path = nodePath(n.path());
        Map<LwM2mPath, String> expected = renderValues(n.values());
        Notification[] hit = new Notification[1];
        int[] index = new int[1];
        List<String> seen = new ArrayList<>();
        boolean found = awaitPlatform(() -> {
            List<Notification> all = platform.notifications();
            for (int i = notificationFloor; i < all.size(); i++) {
                Notification x = all.get(i);
                if (stepStart && x.nanoTime() - from.nanoTime() < 0 || !x.path().equals(path)) {
                    continue;
                }
                String mismatch = valuesMismatch(expected, n.values(), x.values());
                if (mismatch == null) {
                    hit[0] = x;
                    index[0] = i;
                    return true;
                }
                if (!seen.contains(x.values() + ": " + mismatch)) {
                    seen.add(x.values() + ": " + mismatch);
                }
            }
            return false;
        }, deadline);
        if (!found) {
            rec.deadline(label + " -> notification " + n.path(), from.nanoTime(), within, null);
            throw StepFailed.module("awaited a notification of " + n.path() + (expected.isEmpty() ? ""
                    : " with " + expected) + " within " + millis(within) + "; notifications of that path received: "
                    + (seen.isEmpty() ? "none" : String.join("; ", seen)));
        }
        notificationFloor = index[0] + 1;
        deadline(label + " -> notification " + n.path(), from.nanoTime(), within, hit[0].nanoTime());
    }

    private void expectDeviceEvent(PlatformExpectation e, Cursor from, boolean stepStart, Duration within,
                                   long deadline, String label) {
        String imei = module.imei();
        List<String> seen = new ArrayList<>();
        DeviceEvent[] hit = new DeviceEvent[1];
        int[] index = new int[1];
        boolean found = awaitPlatform(() -> {
            List<DeviceEvent> all = platform.events();
            for (int i = eventFloor; i < all.size(); i++) {
                DeviceEvent x = all.get(i);
                if (stepStart && x.nanoTime() - from.nanoTime() < 0 || !Device.imeiOf(x.endpoint()).equals(imei)) {
                    continue;
                }
                if (kindMatches(e, x)) {
                    hit[0] = x;
                    index[0] = i;
                    return true;
                }
                String d = PlatformWatch.describe(x);
                if (!seen.contains(d)) {
                    seen.add(d);
                }
            }
            return false;
        }, deadline);
        String what = e.word();
        if (!found) {
            rec.deadline(label + " -> " + what, from.nanoTime(), within, null);
            throw StepFailed.module("awaited the device " + imei + " " + what + " at the platform within "
                    + millis(within) + "; its events since then: " + (seen.isEmpty() ? "none" : String.join("; ", seen)));
        }
        eventFloor = index[0] + 1;
        deadline(label + " -> " + what, from.nanoTime(), within, hit[0].nanoTime());
        String mismatch = null;
        if (e instanceof PlatformExpectation.Registered r) {
            Device d = ((DeviceEvent.Registered) hit[0]).device();
            List<String> problems = new ArrayList<>();
            if (r.lifetime().isPresent() && d.lifetimeSeconds() != r.lifetime().getAsLong()) {
                problems.add("lifetime " + d.lifetimeSeconds() + " s, expected " + r.lifetime().getAsLong() + " s");
            }
            for (LwM2mPath p : r.objects()) {
                if (!d.objectLinks().contains(nodePath(p))) {
                    problems.add("no object link " + p + " (registered " + d.objectLinks() + ")");
                }
            }
            mismatch = problems.isEmpty() ? null : String.join("; ", problems);
        } else if (e instanceof PlatformExpectation.Updated u) {
            Device d = ((DeviceEvent.Updated) hit[0]).device();
            if (u.lifetime().isPresent() && d.lifetimeSeconds() != u.lifetime().getAsLong()) {
                mismatch = "lifetime " + d.lifetimeSeconds() + " s after the update, expected "
                        + u.lifetime().getAsLong() + " s";
            }
        }
        if (mismatch != null) {
            throw StepFailed.module("the device " + what + " at the platform, but with " + mismatch);
        }
    }

    private static boolean kindMatches(PlatformExpectation e, DeviceEvent x) {
        if (e instanceof PlatformExpectation.Registered) {
            return x instanceof DeviceEvent.Registered;
        }
        if (e instanceof PlatformExpectation.Updated) {
            return x instanceof DeviceEvent.Updated;
        }
        return x instanceof DeviceEvent.Deregistered g && !g.expired() && !g.replaced();
    }

    private boolean awaitPlatform(java.util.function.BooleanSupplier done, long deadline) {
        try {
            return watch.await(done, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StepFailed.harness("interrupted while awaiting the platform");
        }
    }

    private void checkValues(String what, Map<LwM2mPath, TypedValue> expected, List<ResourceData> actual) {
        String mismatch = valuesMismatch(renderValues(expected), expected, actual);
        if (mismatch != null) {
            throw StepFailed.module(what + ": " + mismatch + "; values received: " + actual);
        }
    }

    private Map<LwM2mPath, String> renderValues(Map<LwM2mPath, TypedValue> values) {
        Map<LwM2mPath, String> out = new LinkedHashMap<>();
        values.forEach((p, v) -> out.put(p, render(v.text(), "the value of " + p)));
        return out;
    }

    /** Null when every expected value is among the actual ones; else what differs. */
    private static String valuesMismatch(Map<LwM2mPath, String> rendered, Map<LwM2mPath, TypedValue> expected,
                                         List<ResourceData> actual) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<LwM2mPath, TypedValue> e : expected.entrySet()) {
            NodePath path = nodePath(e.getKey());
            Optional<ResourceValue> got = actual.stream().filter(d -> d.path().equals(path)).map(ResourceData::value)
                    .findFirst();
            String want = rendered.get(e.getKey());
            if (got.isEmpty()) {
                problems.add(e.getKey() + " missing (expected " + e.getValue().type().word() + " " + want + ")");
            } else if (!Values.equal(e.getValue().type(), want, got.get())) {
                problems.add(e.getKey() + " is " + Values.describe(got.get()) + ", expected "
                        + e.getValue().type().word() + " " + want);
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private ResourceValue toValue(TypedValue v) {
        String text = render(v.text(), "a value");
        return Values.toResourceValue(v.type(), text)
                .orElseThrow(() -> StepFailed.harness("'" + text + "' is not a " + v.type().word() + " value"));
    }

    static NodePath nodePath(LwM2mPath p) {
        return NodePath.of(p.objId(), p.insId().orElse(NodePath.NONE), p.resId().orElse(NodePath.NONE));
    }

    private static NotificationAttributes attributes(Attributes a) {
        return new NotificationAttributes(a.pmin(), a.pmax(),
                a.gt().map(x -> OptionalDouble.of(x.doubleValue())).orElse(OptionalDouble.empty()),
                a.lt().map(x -> OptionalDouble.of(x.doubleValue())).orElse(OptionalDouble.empty()),
                a.st().map(x -> OptionalDouble.of(x.doubleValue())).orElse(OptionalDouble.empty()));
    }

    // ---------------------------------------------------------------- sleep and wake-up (SleepSteps)

    @Override
    public Void sleep(Step.Sleep step) {
        new SleepSteps(module, rec, vars).sleep(step, from(Since.LAST_ACTION));
        return null;
    }

    @Override
    public Void wake(Step.Wake step) {
        new SleepSteps(module, rec, vars).wake(step);
        lastAction = new Mark(session.journal().size(), System.nanoTime(), "PSM_EINT");
        return null;
    }

    // ---------------------------------------------------------------- wait, faults, power

    @Override
    public Void await(Step.Wait step) {
        pauseUntil(System.nanoTime() + step.duration().toNanos());
        return null;
    }

    /** A deliberate pause (a late answer, a wait step): nothing is awaited, the time itself is the point. */
    private static void pauseUntil(long deadlineNanos) {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw StepFailed.harness("interrupted during a pause");
            }
        }
    }

    @Override
    public Void simFaults(Step.SimFaults step) {
        VirtualModule vm = module.virtual().orElseThrow(() -> StepFailed.skipped(
                "sim-faults needs the virtual module (" + step.position() + ")"));
        FaultSource source = step.source();
        FaultPlan plan = source instanceof FaultSource.FromFile f ? f.plan()
                : source instanceof FaultSource.Inline i ? i.plan() : FaultPlan.none();
        vm.replaceFaultPlan(plan);
        return null;
    }

    @Override
    public Void power(Step.Power step) {
        Supply supply = module.supply().orElseThrow(() -> StepFailed.skipped(
                "power is not available for this target: no power switch (" + step.position() + ")"));
        long stepStart = System.nanoTime();
        long moment = stepStart;
        String trigger = "";
        if (step.cutAt().isPresent()) {
            UrcArrival<Map<String, String>> a = awaitTrigger(step.cutAt().get(), step.within().orElseThrow());
            vars.putAll(a.value());
            moment = a.nanoTime();
            trigger = step.cutAt().get().word() + " (" + a.text() + ")";
            rec.event(moment, EventKind.MARK, "cut trigger " + a.text());
        }
        if (!step.after().isZero()) {
            pauseUntil(moment + step.after().toNanos());
        }
        long triggerNanos = moment;
        try {
            switch (step.action()) {
                case OFF -> off(supply, trigger, triggerNanos);
                case ON -> on(supply);
                case CYCLE -> {
                    long off = off(supply, trigger, triggerNanos);
                    pauseUntil(off + step.offFor().toNanos());
                    long on = on(supply);
                    rec.phase("power off", off, on);
                }
            }
        } catch (StepFailed f) {
            throw f;
        } catch (Exception e) {
            throw StepFailed.infrastructure(supply.describe() + " failed: " + e.getMessage());
        }
        if (step.action() != PowerAction.OFF && step.recover() != Recovery.NONE) {
            recover(step);
        }
        return null;
    }

    /**
     * Waits for a cut trigger: a line since the latest action and after the previous match (as {@code expect-urc}
     * looks), the clock of {@code within} starting with the step. The line is matched once, as any expectation's.
     */
    private UrcArrival<Map<String, String>> awaitTrigger(CutTrigger trigger, Duration within) {
        Cursor from = new Cursor(Math.max(lastAction.index(), matchFloor), System.nanoTime());
        UrcMatcher<Map<String, String>> matcher;
        if (trigger instanceof CutTrigger.AtUrc at) {
            matcher = new LineMatcher(at.urc(), vars);
        } else if (trigger instanceof CutTrigger.AtFotaState st) {
            matcher = fotaMatcher("FOTA state " + st.state().word() + " (6.3: " + stateUrcs(st.state()) + ")",
                    u -> FotaTrace.stateAfter(u).filter(x -> x == st.state()).isPresent()
                            // 43 and START both say updating: the first of them is the moment
                            && !(u instanceof FotaUpdating));
        } else {
            int percent = ((CutTrigger.AtProgress) trigger).percent();
            matcher = fotaMatcher("+QIND: \"FOTA\",\"UPDATING\",<percent> with percent >= " + percent,
                    u -> u instanceof FotaUpdating p && p.percent() >= percent);
        }
        try {
            UrcArrival<Map<String, String>> a = session.expectUrc(from, matcher, within);
            matchFloor = Math.max(matchFloor, a.entry().index() + 1);
            deadline("step start -> cut trigger " + a.text(), from.nanoTime(), within, a.nanoTime());
            return a;
        } catch (DeadlineExceeded | UnexpectedUrc e) {
            rec.deadline("step start -> cut trigger " + trigger.word(), from.nanoTime(), within, null);
            throw StepFailed.module("cut-at " + trigger.word() + ": " + e.getMessage());
        }
    }

    private static String stateUrcs(CutTrigger.FotaState state) {
        return switch (state) {
            case DOWNLOADING -> "+MIPLEVENT: 0,40";
            case DOWNLOADED -> "+MIPLEVENT: 0,42";
            case UPDATING -> "+MIPLEVENT: 0,43 or +QIND: \"FOTA\",\"START\"";
            case IDLE -> "+MIPLEVENT: 0,41|48|49 or +QIND: \"FOTA\",\"END\"";
        };
    }

    private static UrcMatcher<Map<String, String>> fotaMatcher(String description,
                                                               java.util.function.Predicate<MiplUrc> condition) {
        return new UrcMatcher<>() {
            @Override
            public Optional<Map<String, String>> match(JournalEntry.Received urc) {
                return urc.urc().filter(condition).map(u -> Map.of());
            }

            @Override
            public String description() {
                return description;
            }
        };
    }

    private long off(Supply supply, String trigger, long triggerNanos) throws Exception {
        supply.off();
        long t = System.nanoTime();
        rec.event(t, EventKind.POWER_OFF, "power off", trigger);
        powerRecords.add(new FotaTrace.PowerRecord("off", t, java.time.Instant.now(), trigger, triggerNanos));
        instanceMayExist = false; // 3.3.x: nothing of the OneNET state is kept in NVRAM
        lastAction = new Mark(session.journal().size(), t, "power off");
        return t;
    }

    private long on(Supply supply) throws Exception {
        int index = session.journal().size();
        // switching on a module that has power restarts nothing (no RDY, no +IP to wait for)
        boolean wasOff = module.virtual().map(vm -> !vm.isPowered()).orElse(true);
        supply.on();
        long t = System.nanoTime();
        rec.event(t, EventKind.POWER_ON, "power on");
        powerRecords.add(new FotaTrace.PowerRecord("on", t, java.time.Instant.now(), "", t));
        if (wasOff) {
            lastPowerOnIndex = index;
        }
        lastAction = new Mark(index, t, "power on");
        return t;
    }

    /**
     * After power returns: waits until the module is ready ({@code RDY}, then {@code +IP: ...}: the data connection,
     * without which every MIPL command fails) and, with {@code recover: setup}, sets MIPL up again with the suite's
     * recover steps (or its setup). Recovery does not consume what the case expects: the case's next expectation
     * still looks at every line after its previous match, the restart's lines included.
     */
    private void recover(Step.Power step) {
        if (recovering) {
            throw StepFailed.harness("a recovery step recovers again (" + step.position() + ")");
        }
        int floor = matchFloor;
        int notifications = notificationFloor;
        int events = eventFloor;
        recovering = true;
        rec.stepStarted("recover: " + step.recover().word(), Map.of("ready-within", millis(step.readyWithin())));
        try {
            Cursor from = new Cursor(lastAction.index(), lastAction.nanos());
            List<LineMatcher> ready = List.of(
                    new LineMatcher(new TextMatch.Exact(Template.literal("RDY")), new HashMap<>()),
                    new LineMatcher(new TextMatch.Regex("re:^\\+IP: ", Template.literal("^\\+IP: "), List.of()),
                            new HashMap<>()));
            try {
                List<UrcArrival<?>> found = session.expectInOrder(from, ready, step.readyWithin());
                for (UrcArrival<?> a : found) {
                    deadline("power on -> " + a.text(), from.nanoTime(), step.readyWithin(), a.nanoTime());
                }
            } catch (DeadlineExceeded | UnexpectedUrc e) {
                rec.deadline("power on -> RDY, +IP", from.nanoTime(), step.readyWithin(), null);
                throw StepFailed.module("recovery: the module was not ready (RDY, then +IP: ...) within "
                        + millis(step.readyWithin()) + " of power on: " + e.getMessage());
            }
            emitTimeline();
            if (step.recover() == Recovery.SETUP) {
                if (recoverSteps.isEmpty()) {
                    throw StepFailed.harness("recover: setup, and the suite has neither recover nor setup steps");
                }
                for (Step s : recoverSteps) {
                    StepFailed f = run(s);
                    if (f != null) {
                        throw new StepFailed(f.status(), new org.miplhil.report.Failure(f.failure().category(),
                                "recovery after power on, " + s.word() + " at " + s.position() + ": "
                                        + f.failure().message(), f.failure().trace()));
                    }
                }
            }
            rec.stepPassed();
        } catch (RuntimeException e) {
            StepFailed f = classify(e);
            emitTimeline();
            rec.stepFinished(f.status(), f.failure());
            throw f;
        } finally {
            recovering = false;
            matchFloor = floor;
            notificationFloor = notifications;
            eventFloor = events;
        }
    }

    // ---------------------------------------------------------------- FOTA campaign

    @Override
    public Void fota(Step.Fota step) {
        if (campaign != null) {
            throw StepFailed.harness("a FOTA campaign runs already in this case (" + step.position() + ")");
        }
        String version = render(step.version(), "the version");
        FotaSpec defaults = FotaSpec.of(step.packageFile(), version);
        FotaSpec spec = new FotaSpec(step.packageFile(), version,
                step.trigger() == Step.FotaTrigger.NEXT_UPLINK ? FotaSpec.Trigger.NEXT_UPLINK : FotaSpec.Trigger.NOW,
                step.stepTimeout().orElse(defaults.stepTimeout()), step.phaseTimeout().orElse(defaults.phaseTimeout()));
        int index = session.journal().size();
        long t = System.nanoTime();
        campaignClock = new long[] {t, java.time.Instant.now().toEpochMilli()};
        try {
            campaign = platform.startFota(endpoint(), spec);
        } catch (UnsupportedOperationException e) {
            throw StepFailed.harness("the platform runs no FOTA campaign: " + e.getMessage());
        } catch (RuntimeException e) {
            throw StepFailed.harness("the platform could not start the FOTA campaign: " + e);
        }
        campaignVersion = version;
        rec.event(t, EventKind.MARK, "FOTA campaign " + step.packageFile().getFileName() + " -> " + version);
        lastAction = new Mark(index, t, "fota campaign");
        return null;
    }

    @Override
    public Void expectFota(Step.ExpectFota step) {
        if (campaign == null) {
            throw StepFailed.harness("expect-fota: no FOTA campaign was started in this case");
        }
        FotaExpectation want = step.expectation();
        long start = lastAction.nanos();
        long deadline = start + step.within().toNanos();
        FotaOutcome got = campaign.await(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        long arrived = System.nanoTime();
        Optional<FotaOutcome> ended = campaign.outcome();
        String label = lastAction.label() + " -> fota " + want.word();
        if (ended.isEmpty()) {
            rec.deadline(label, start, step.within(), null);
            throw StepFailed.module("awaited the FOTA campaign to end " + want.word() + " within "
                    + millis(step.within()) + "; it is still running (" + describe(got) + ")" + campaignEvidence());
        }
        FotaOutcome outcome = ended.get();
        deadline(label, start, step.within(), arrived);
        String problem = outcomeProblem(want, outcome);
        if (problem == null) {
            problem = missingSteps(want.steps());
        }
        if (problem != null) {
            throw StepFailed.module("FOTA campaign: " + problem + campaignEvidence());
        }
        return null;
    }

    /** Null when the outcome is what the suite expects; else how it differs. */
    private String outcomeProblem(FotaExpectation want, FotaOutcome outcome) {
        if (want instanceof FotaExpectation.AnyOf any) {
            List<String> problems = new ArrayList<>();
            for (FotaExpectation e : any.alternatives()) {
                String p = outcomeProblem(e, outcome);
                if (p == null) {
                    return null;
                }
                problems.add(p);
            }
            return "expected it to end " + any.word() + ": " + String.join("; ", problems);
        }
        if (want instanceof FotaExpectation.Succeeded s) {
            if (!(outcome instanceof FotaOutcome.Succeeded ok)) {
                return "expected the campaign to succeed, it ended " + describe(outcome);
            }
            String version = s.version().map(v -> render(v, "the version")).orElse(campaignVersion);
            return ok.version().equals(version) ? null
                    : "the campaign succeeded with version " + ok.version() + ", expected " + version;
        }
        if (want instanceof FotaExpectation.Failed f) {
            if (!(outcome instanceof FotaOutcome.Failed bad)) {
                return "expected the campaign to fail, it ended " + describe(outcome);
            }
            return f.result().isEmpty() || bad.updateResult() == f.result().getAsInt() ? null
                    : "the campaign failed with update result " + bad.updateResult() + " (/5/0/5), expected "
                            + f.result().getAsInt() + " (" + bad.reason() + ")";
        }
        FotaExpectation.TimedOut to = (FotaExpectation.TimedOut) want;
        if (!(outcome instanceof FotaOutcome.TimedOut t)) {
            return "expected the campaign to time out, it ended " + describe(outcome);
        }
        return to.phase().isEmpty() || new LineMatcher(to.phase().get(), vars).matchText(t.phase()).isPresent() ? null
                : "the campaign timed out in phase '" + t.phase() + "', expected " + to.phase().get().source();
    }

    /** Null when the expected steps are among the campaign's in that order; else which one is missing. */
    private String missingSteps(List<TextMatch> expected) {
        List<FotaStep> steps = campaign.steps();
        int at = 0;
        for (TextMatch m : expected) {
            LineMatcher matcher = new LineMatcher(m, vars);
            boolean found = false;
            while (at < steps.size()) {
                if (matcher.matchText(FotaTrace.stepText(steps.get(at++))).isPresent()) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return "no campaign step " + m.source() + (expected.size() > 1 ? " (in order)" : "");
            }
        }
        return null;
    }

    private String campaignEvidence() {
        List<FotaStep> steps = campaign.steps();
        StringBuilder b = new StringBuilder("; campaign steps: ");
        if (steps.isEmpty()) {
            return b.append("none").toString();
        }
        for (FotaStep s : steps) {
            b.append("\n    ").append(s.ok() ? "" : "FAILED ").append(FotaTrace.stepText(s));
        }
        return b.toString();
    }

    private static String describe(FotaOutcome o) {
        if (o instanceof FotaOutcome.Succeeded s) {
            return "succeeded with version " + s.version();
        }
        if (o instanceof FotaOutcome.Failed f) {
            return "failed (" + f.reason() + (f.updateResult() >= 0 ? ", update result " + f.updateResult() : "") + ")";
        }
        if (o instanceof FotaOutcome.TimedOut t) {
            return "timed out in phase " + t.phase();
        }
        return "cancelled";
    }

    /** The case's campaign, if it started one. */
    Optional<FotaCampaign> campaign() {
        return Optional.ofNullable(campaign);
    }

    /** The case's start on the links' clock: the origin of the FOTA picture. */
    long originNanos() {
        return originNanos;
    }

    /**
     * The journal index of the case's last power-on when no {@code +IP: ...} (the data connection) came after it;
     * empty when the case did not switch the power on or the module attached since.
     */
    OptionalInt powerOnWithoutAttach() {
        if (lastPowerOnIndex < 0) {
            return OptionalInt.empty();
        }
        for (JournalEntry.Received r : session.journal().urcs(lastPowerOnIndex)) {
            if (r.text().startsWith("+IP: ")) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.of(lastPowerOnIndex);
    }

    List<FotaTrace.PowerRecord> powerRecords() {
        return List.copyOf(powerRecords);
    }

    /** The FOTA picture of the case so far, or empty when it saw no firmware update at all. */
    Optional<FotaTimeline> fotaTimeline() {
        List<JournalEntry> entries = session.journal().entries(startIndex, Integer.MAX_VALUE);
        boolean fotaSeen = entries.stream().anyMatch(e -> e instanceof JournalEntry.Received r && r.isUrc()
                && r.urc().filter(u -> FotaTrace.stateAfter(u).isPresent()).isPresent());
        if (!fotaSeen && campaign == null) {
            return Optional.empty();
        }
        List<FotaStep> steps = campaign == null ? List.of() : campaign.steps();
        long[] clock = campaignClock;
        return Optional.of(FotaTrace.of(FotaTrace.fotaUrcs(entries), powerRecords, steps,
                at -> clock == null ? originNanos : clock[0] + (at.toEpochMilli() - clock[1]) * 1_000_000L,
                originNanos, System.nanoTime()));
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Where a wait for something to arrive starts. {@code last-action}: the clock starts at the latest action, and
     * any line after the previous match counts, even one that came before that action (a module may print two
     * requests back to back, before the first is answered). {@code step-start}: the clock starts now and the lines
     * the previous steps looked at do not count: after a command, the lines up to its final result (a URC that came
     * in the same read as the OK is after it, though it was in the journal before this step began).
     */
    private Cursor from(Since since) {
        if (since == Since.STEP_START) {
            return new Cursor(Math.max(stepFloor, matchFloor), System.nanoTime());
        }
        return new Cursor(matchFloor, lastAction.nanos());
    }

    /** The window of an {@code expect-no-urc}: from the latest action (or now), after the previous match. */
    private Cursor window(Since since) {
        if (since == Since.STEP_START) {
            return new Cursor(Math.max(stepFloor, matchFloor), System.nanoTime());
        }
        return new Cursor(Math.max(lastAction.index(), matchFloor), lastAction.nanos());
    }

    /** A deadline measurement; something that was there before the clock started counts as 0. */
    private void deadline(String name, long start, Duration limit, Long arrived) {
        rec.deadline(name, start, limit, arrived == null ? null : Math.max(arrived, start));
    }

    private String label(Since since) {
        return since == Since.STEP_START ? "step start" : lastAction.label();
    }

    private String render(Template t, String what) {
        Template.Rendered r = t.render(vars);
        if (r.text().isEmpty()) {
            throw StepFailed.harness(what + " '" + t.source() + "' uses ${" + r.missing().orElse("?")
                    + "}, which has no value at this point");
        }
        return r.text().get();
    }

    /** {@code AT+MIPLOPEN} of {@code AT+MIPLOPEN=0,86400,30}; {@code AT+MIPLVER?} stays whole. */
    static String commandName(String command) {
        int eq = command.indexOf('=');
        return eq < 0 ? command : command.substring(0, eq);
    }

    private static String describe(List<TextMatch> matches) {
        return String.join(" | ", matches.stream().map(TextMatch::source).toList());
    }

    private static String describeMatchers(List<LineMatcher> matchers) {
        return String.join(", ", matchers.stream().map(LineMatcher::description).toList());
    }

    private static String evidence(Reply reply) {
        return reply.lines().isEmpty() ? "" : "; information lines: " + String.join(" | ", reply.lines());
    }

    static String millis(Duration d) {
        return Durations.format(d);
    }
}
