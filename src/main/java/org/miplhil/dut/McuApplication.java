package org.miplhil.dut;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.miplhil.at.EventId;
import org.miplhil.at.MiplClose;
import org.miplhil.at.MiplConfig;
import org.miplhil.at.MiplCreate;
import org.miplhil.at.MiplDelete;
import org.miplhil.at.MiplDiscover;
import org.miplhil.at.MiplDiscoverRsp;
import org.miplhil.at.MiplEvent;
import org.miplhil.at.MiplExecute;
import org.miplhil.at.MiplExecuteRsp;
import org.miplhil.at.MiplNotify;
import org.miplhil.at.MiplObserve;
import org.miplhil.at.MiplObserveRsp;
import org.miplhil.at.MiplOpen;
import org.miplhil.at.MiplParameter;
import org.miplhil.at.MiplParameterRsp;
import org.miplhil.at.MiplRead;
import org.miplhil.at.MiplReadRsp;
import org.miplhil.at.MiplUrc;
import org.miplhil.at.MiplValue;
import org.miplhil.at.MiplWrite;
import org.miplhil.at.MiplWriteRsp;
import org.miplhil.at.RequestType;
import org.miplhil.at.MiplRequest;
import org.miplhil.at.ResultCode;
import org.miplhil.objects.ModelResult;
import org.miplhil.objects.ObjectModel;
import org.miplhil.objects.ObjectPath;
import org.miplhil.objects.PathValue;
import org.miplhil.objects.RecvDataFormat;
import org.miplhil.objects.ResourceDef;
import org.miplhil.objects.WriteDecoder;

/**
 * The MCU (terminal equipment) side of a module: answers the platform's requests from an {@link ObjectModel}, sends
 * notifications, and brings the module up and down.
 *
 * <p>Attached to a {@link ModuleSession} it hears every URC (on the link's reader thread) and answers on its own
 * thread, one request at a time in arrival order, with the commands of 3.3.9–3.3.14:
 * <ul>
 *   <li>{@code +MIPLOBSERVE} → {@code AT+MIPLOBSERVERSP} result 1, and the observation is remembered (flag 0 cancels it);</li>
 *   <li>{@code +MIPLDISCOVER} → {@code AT+MIPLDISCOVERRSP} with the object's discover list and its length (7.2.1);</li>
 *   <li>{@code +MIPLREAD} of a resource, an instance (-1) or an object (-1,-1) → one {@code AT+MIPLREADRSP} per value,
 *       index counting down to 0, flag 0 (3.3.11, 7.3.2, 7.3.3);</li>
 *   <li>{@code +MIPLWRITE} parts (same msgId, index counting down to 0, 5.4) → decoded, written to the model, then
 *       {@code AT+MIPLWRITERSP} result 2 (7.4.2);</li>
 *   <li>{@code +MIPLEXECUTE} → the arguments recorded, {@code AT+MIPLEXECUTERSP} result 2 (7.5);</li>
 *   <li>{@code +MIPLPARAMETER} → the attributes recorded, {@code AT+MIPLPARAMETERRSP} result 2 (7.6).</li>
 * </ul>
 * An unknown object, instance or resource is answered 13 (4.04), an operation the resource does not allow 14 (4.05),
 * a written value that does not decode 11 (4.00). Each kind of request has an {@link AnswerMode}; {@link #setEnabled}
 * switches all answering off. Commands sent in the background do not move the session's cursor.
 */
public final class McuApplication implements AutoCloseable {

    private static final Pattern CEREG_ATTACHED = Pattern.compile("\\+CEREG: *\\d+,(1|5)(,.*)?");

    private final ModuleSession session;
    private final ObjectModel model;
    private final int ref;
    private final Duration commandDeadline;
    private final Duration writeAssembly;
    private final Optional<MiplConfig> config;
    private final long lifetime;
    private final OptionalInt openTimeout;
    private final Duration readyWithin;
    private final Duration registrationWithin;
    private final Duration closeWithin;
    private final boolean disableSleep;
    private final boolean awaitNetwork;
    private volatile RecvDataFormat recvDataFormat;
    private volatile boolean enabled;

    private final ScheduledThreadPoolExecutor executor;
    private final AutoCloseable listener;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // guarded by lock
    private final Map<RequestType, AnswerMode> modes = new EnumMap<>(RequestType.class);
    private final List<McuLogEntry> log = new ArrayList<>();
    private final List<McuRequest> requests = new ArrayList<>();
    private final List<McuRequest> manual = new ArrayList<>();
    private final Map<Long, Observation> observations = new LinkedHashMap<>();
    private final List<WriteCall> writes = new ArrayList<>();
    private final List<ExecuteCall> executions = new ArrayList<>();
    private final List<ParameterCall> parameters = new ArrayList<>();

    /**
     * Requests received since the last registration, by msgId: a URC with a msgId here, of the same kind and path,
     * is a copy of that request (guarded by lock). The OneNET SDK prints a request's URC again, with the same
     * msgId, for each retransmission of the request that reaches it before the MCU answered; answering the copy
     * too would be a second answer (652, or event 20).
     */
    private final Map<Long, McuRequest> received = new LinkedHashMap<>();

    /**
     * How long a msgId marks copies: RFC 7252's MAX_TRANSMIT_WAIT (93 s), the longest a server retransmits one
     * request. Later, the same msgId is a request of its own (the module's msgIds are CoAP message IDs).
     */
    static final Duration COPIES_WITHIN = Duration.ofSeconds(93);

    /** Requests whose delayed answer is still due; removing one is the right to answer it (or to cancel it). */
    private final Set<McuRequest> waiting = ConcurrentHashMap.newKeySet();
    /** Write parts collected per msgId until index 0 (mcu thread; cleared at teardown). */
    private final Map<Long, WriteAssembly> assemblies = new ConcurrentHashMap<>();

    private static final class WriteAssembly {
        final List<MiplWrite> parts = new ArrayList<>();
        JournalEntry.Received last;
        long generation;
        final StringBuilder note = new StringBuilder();
    }

    private McuApplication(Builder b) {
        this.session = b.session;
        this.model = b.model;
        this.ref = b.ref;
        this.commandDeadline = b.commandDeadline;
        this.writeAssembly = b.writeAssembly;
        this.config = Optional.ofNullable(b.config);
        this.lifetime = b.lifetime;
        this.openTimeout = b.openTimeout;
        this.readyWithin = b.readyWithin;
        this.registrationWithin = b.registrationWithin;
        this.closeWithin = b.closeWithin;
        this.disableSleep = b.disableSleep;
        this.awaitNetwork = b.awaitNetwork;
        this.recvDataFormat = b.recvDataFormat;
        this.enabled = b.enabled;
        this.modes.putAll(b.modes);
        String name = "mcu " + session.link().name();
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        this.executor.setRemoveOnCancelPolicy(true);
        this.listener = session.addUrcListener(this::onUrc);
    }

    public static Builder builder(ModuleSession session, ObjectModel model) {
        return new Builder(session, model);
    }

    /** Attached with every request answered at once, recv_data_format hex. */
    public static McuApplication attach(ModuleSession session, ObjectModel model) {
        return builder(session, model).start();
    }

    public static final class Builder {
        private final ModuleSession session;
        private final ObjectModel model;
        private final Map<RequestType, AnswerMode> modes = new EnumMap<>(RequestType.class);
        private int ref;
        private Duration commandDeadline = ModuleSession.DEFAULT_DEADLINE;
        private Duration writeAssembly = Duration.ofSeconds(2);
        private MiplConfig config;
        private RecvDataFormat recvDataFormat = RecvDataFormat.HEX;
        private long lifetime = 86400;
        private OptionalInt openTimeout = OptionalInt.empty();
        private Duration readyWithin = Duration.ofSeconds(10);
        private Duration registrationWithin = Duration.ofSeconds(60);
        private Duration closeWithin = Duration.ofSeconds(10);
        private boolean disableSleep = true;
        private boolean awaitNetwork = true;
        private boolean enabled = true;

        private Builder(ModuleSession session, ObjectModel model) {
            this.session = Objects.requireNonNull(session, "session");
            this.model = Objects.requireNonNull(model, "model");
            for (RequestType t : RequestType.values()) {
                modes.put(t, AnswerMode.auto());
            }
        }

        /** {@code <ref>} of every command (3.3.2: only 0 is supported). Default 0. */
        public Builder ref(int ref) {
            this.ref = ref;
            return this;
        }

        public Builder mode(RequestType kind, AnswerMode mode) {
            modes.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(mode, "mode"));
            return this;
        }

        /** The same mode for every kind of request. */
        public Builder modeAll(AnswerMode mode) {
            for (RequestType t : RequestType.values()) {
                mode(t, mode);
            }
            return this;
        }

        /** Every request answered automatically {@code delay} after its URC. */
        public Builder answerDelay(Duration delay) {
            return modeAll(AnswerMode.auto(delay));
        }

        /** Deadline of each command's final result (default 5 s, chapter 3). */
        public Builder commandDeadline(Duration d) {
            this.commandDeadline = positive(d);
            return this;
        }

        /**
         * How long the parts of a write may stop short of index 0 before the write is taken as complete (default
         * 2 s): 7.4.1 prints a write whose one part has index 2.
         */
        public Builder writeAssembly(Duration d) {
            this.writeAssembly = positive(d);
            return this;
        }

        /**
         * {@code AT+MIPLCONFIG} that {@link #setup()} sends before {@code AT+MIPLCREATE} (none by default: the module's
         * defaults, as in 7.2.1). Its {@code <recv_data_format>} becomes the application's.
         */
        public Builder config(MiplConfig config) {
            this.config = config;
            RecvDataFormat.of(config.recvDataFormat()).ifPresent(f -> this.recvDataFormat = f);
            return this;
        }

        /** How +MIPLWRITE values are to be read when {@link #setup()} sends no configuration (default hex, 3.3.1). */
        public Builder recvDataFormat(RecvDataFormat format) {
            this.recvDataFormat = Objects.requireNonNull(format, "format");
            return this;
        }

        /** {@code <lifetime>} of {@code AT+MIPLOPEN} (default 86400, as in 7.2.1). */
        public Builder lifetime(long seconds) {
            this.lifetime = seconds;
            return this;
        }

        /** {@code <timeout>} of {@code AT+MIPLOPEN} (default: left out, the module's 30 s). */
        public Builder openTimeout(int seconds) {
            this.openTimeout = OptionalInt.of(seconds);
            return this;
        }

        /** How long {@link #setup()} tries {@code AT} and waits for the network after power-up (default 10 s). */
        public Builder readyWithin(Duration d) {
            this.readyWithin = positive(d);
            return this;
        }

        /** How long {@link #setup()} waits for {@code +MIPLEVENT: 0,6} after {@code AT+MIPLOPEN} (default 60 s). */
        public Builder registrationWithin(Duration d) {
            this.registrationWithin = positive(d);
            return this;
        }

        /** How long {@link #teardown()} waits for {@code +MIPLEVENT: 0,15} after {@code AT+MIPLCLOSE} (default 10 s). */
        public Builder closeWithin(Duration d) {
            this.closeWithin = positive(d);
            return this;
        }

        /** Whether {@link #setup()} sends {@code AT+QSCLK=0} first (7.1 remark 1; default true). */
        public Builder disableSleep(boolean on) {
            this.disableSleep = on;
            return this;
        }

        /** Whether {@link #setup()} waits for {@code +CEREG: 0,1} (or 0,5) first (7.1; default true). */
        public Builder awaitNetwork(boolean on) {
            this.awaitNetwork = on;
            return this;
        }

        /** Start switched on (default) or off. */
        public Builder enabled(boolean on) {
            this.enabled = on;
            return this;
        }

        /** Attaches to the session: from now on URCs are answered. */
        public McuApplication start() {
            return new McuApplication(this);
        }

        private static Duration positive(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("must be positive: " + d);
            }
            return d;
        }
    }

    public ModuleSession session() {
        return session;
    }

    public ObjectModel model() {
        return model;
    }

    // ---------------------------------------------------------------- switches

    public void setMode(RequestType kind, AnswerMode mode) {
        Objects.requireNonNull(mode, "mode");
        lock.lock();
        try {
            modes.put(kind, mode);
        } finally {
            lock.unlock();
        }
    }

    public void setModeAll(AnswerMode mode) {
        for (RequestType t : RequestType.values()) {
            setMode(t, mode);
        }
    }

    public AnswerMode mode(RequestType kind) {
        lock.lock();
        try {
            return modes.get(kind);
        } finally {
            lock.unlock();
        }
    }

    /** Off: nothing is answered (requests are still logged, as {@code OFF}); on: the modes apply again. */
    public void setEnabled(boolean on) {
        this.enabled = on;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public RecvDataFormat recvDataFormat() {
        return recvDataFormat;
    }

    /** How +MIPLWRITE values are read from now on (3.3.1), e.g. after the test sent its own AT+MIPLCONFIG. */
    public void setRecvDataFormat(RecvDataFormat format) {
        this.recvDataFormat = Objects.requireNonNull(format, "format");
    }

    // ---------------------------------------------------------------- what happened

    /** Everything answered, refused, left or notified, in order. */
    public List<McuLogEntry> log() {
        return locked(() -> List.copyOf(log));
    }

    /** Every request received (a write once, with all its parts), in order. */
    public List<McuRequest> requests() {
        return locked(() -> List.copyOf(requests));
    }

    /** Requests left to the test (mode MANUAL), not yet answered with {@link #answer}. */
    public List<McuRequest> manualRequests() {
        return locked(() -> List.copyOf(manual));
    }

    /** Observations held: every {@code +MIPLOBSERVE} flag 1 since the last registration, less those cancelled. */
    public List<Observation> observations() {
        return locked(() -> List.copyOf(observations.values()));
    }

    public Optional<Observation> observation(long msgId) {
        return locked(() -> Optional.ofNullable(observations.get(msgId)));
    }

    /** The most recent observation of exactly {@code path}. */
    public Optional<Observation> observation(ObjectPath path) {
        return locked(() -> {
            Observation found = null;
            for (Observation o : observations.values()) {
                if (o.path().equals(path)) {
                    found = o;
                }
            }
            return Optional.ofNullable(found);
        });
    }

    public List<WriteCall> writes() {
        return locked(() -> List.copyOf(writes));
    }

    public List<ExecuteCall> executions() {
        return locked(() -> List.copyOf(executions));
    }

    public List<ParameterCall> parameters() {
        return locked(() -> List.copyOf(parameters));
    }

    /** Within {@code within}, a log entry satisfying {@code condition} exists; gives the first. */
    public McuLogEntry awaitLog(Predicate<McuLogEntry> condition, String description, Duration within) {
        return await(() -> log.stream().filter(condition).findFirst(), description, within);
    }

    /** Within {@code within}, the request with this msgId has been dealt with (answered, refused, left, ...). */
    public McuLogEntry awaitAnswer(long msgId, Duration within) {
        return awaitLog(e -> e.request().isPresent() && e.msgId() == msgId && e.outcome() != McuLogEntry.Outcome.COPY,
                "the answer to msgId " + msgId, within);
    }

    /** Within {@code within}, a request satisfying {@code condition} has been received; gives the first. */
    public McuRequest awaitRequest(Predicate<McuRequest> condition, String description, Duration within) {
        return await(() -> requests.stream().filter(condition).findFirst(), description, within);
    }

    /** Within {@code within}, the platform observes {@code path}; gives the observation. */
    public Observation awaitObservation(ObjectPath path, Duration within) {
        return await(() -> observations.values().stream().filter(o -> o.path().equals(path)).reduce((a, b) -> b),
                "an observation of " + path, within);
    }

    private <T> T await(java.util.function.Supplier<Optional<T>> probe, String description, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        lock.lock();
        try {
            while (true) {
                Optional<T> found = probe.get();
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    StringBuilder b = new StringBuilder("awaited ").append(description).append(" within ")
                            .append(within.toMillis()).append(" ms; the MCU's log so far:");
                    if (log.isEmpty()) {
                        b.append("\n  (nothing)");
                    }
                    log.forEach(e -> b.append("\n  ").append(e.toString().replace("\n", "\n  ")));
                    b.append("\n  requests received: ").append(requests);
                    throw new DeadlineExceeded(description, within, b.toString());
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while awaiting " + description, e);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- receiving (reader thread, then mcu thread)

    private void onUrc(JournalEntry.Received entry) {
        Optional<MiplUrc> urc = entry.urc();
        if (urc.isEmpty()) {
            return;
        }
        MiplUrc u = urc.get();
        if (u instanceof MiplEvent || MiplRequest.of(u).isPresent()) {
            try {
                executor.execute(() -> guarded(() -> onMiplUrc(u, entry)));
            } catch (RejectedExecutionException e) {
                // closed
            }
        }
    }

    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            System.err.println("mcu: " + e);
            e.printStackTrace();
        }
    }

    private void onMiplUrc(MiplUrc u, JournalEntry.Received entry) {
        if (u instanceof MiplEvent e) {
            onEvent(e);
        } else if (u instanceof MiplWrite w) {
            onWritePart(w, entry);
        } else if (u instanceof MiplDiscover d) {
            received(new McuRequest(RequestType.DISCOVER, d.msgId(), ObjectPath.object(d.objId()), List.of(u), entry), "");
        } else if (u instanceof MiplObserve o) {
            received(new McuRequest(RequestType.OBSERVE, o.msgId(), path(o.objId(), o.insId(), o.resId()), List.of(u),
                    entry), "");
        } else if (u instanceof MiplRead r) {
            received(new McuRequest(RequestType.READ, r.msgId(), path(r.objId(), r.insId(), r.resId()), List.of(u),
                    entry), "");
        } else if (u instanceof MiplExecute x) {
            received(new McuRequest(RequestType.EXECUTE, x.msgId(), path(x.objId(), x.insId(), x.resId()), List.of(u),
                    entry), "");
        } else if (u instanceof MiplParameter p) {
            received(new McuRequest(RequestType.PARAMETER, p.msgId(), path(p.objId(), p.insId(), p.resId()), List.of(u),
                    entry), "");
        }
    }

    /** A path from a URC; ids out of range (the URC's own violations) fall back to the object. */
    private static ObjectPath path(int objId, int insId, int resId) {
        try {
            return new ObjectPath(objId, insId, resId);
        } catch (IllegalArgumentException e) {
            return new ObjectPath(Math.max(0, Math.min(65535, objId)), -1, -1);
        }
    }

    private void onEvent(MiplEvent e) {
        // a new registration, an expired one or a deregistration ends every observation (5.7: 6, 9, 15)
        if (e.evtId() == EventId.REG_SUCCESS.id() || e.evtId() == EventId.LIFETIME_TIMEOUT.id()
                || e.evtId() == EventId.DEREG_DONE.id()) {
            lock.lock();
            try {
                observations.clear();
                if (e.evtId() == EventId.REG_SUCCESS.id()) {
                    received.clear(); // the SDK's requests of the last registration are gone
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** 5.4: the parts of one write share the msgId, index counting down; index 0 is the last. */
    private void onWritePart(MiplWrite w, JournalEntry.Received entry) {
        WriteAssembly a = assemblies.computeIfAbsent(w.msgId(), k -> new WriteAssembly());
        if (!a.parts.isEmpty()) {
            MiplWrite previous = a.parts.get(a.parts.size() - 1);
            if (w.index() != previous.index() - 1) {
                a.note.append("part index ").append(w.index()).append(" follows ").append(previous.index())
                        .append(" (5.4: counting down); ");
            }
            if (w.objId() != previous.objId() || w.insId() != previous.insId()) {
                a.note.append("parts name different instances; ");
            }
        }
        a.parts.add(w);
        a.last = entry;
        long generation = ++a.generation;
        if (w.index() == 0) {
            assemblies.remove(w.msgId());
            completeWrite(w.msgId(), a);
            return;
        }
        try {
            executor.schedule(() -> guarded(() -> {
                if (a.generation == generation && assemblies.remove(w.msgId(), a)) {
                    a.note.append("no part with index 0 came within ").append(writeAssembly.toMillis())
                            .append(" ms of index ").append(w.index()).append(": taken as complete (7.4.1 prints such a write); ");
                    completeWrite(w.msgId(), a);
                }
            }), writeAssembly.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    private void completeWrite(long msgId, WriteAssembly a) {
        MiplWrite first = a.parts.get(0);
        received(new McuRequest(RequestType.WRITE, msgId, path(first.objId(), first.insId(), -1), List.copyOf(a.parts),
                a.last), a.note.toString().trim());
    }

    /** A complete request: recorded, then answered as its mode says; a copy only logged. */
    private void received(McuRequest r, String note) {
        AnswerMode mode;
        boolean on = enabled;
        long wait = 0;
        lock.lock();
        try {
            McuRequest first = received.get(r.msgId());
            if (first != null && first.kind() == r.kind() && first.path().equals(r.path())
                    && r.nanoTime() - first.nanoTime() <= COPIES_WITHIN.toNanos()) {
                log.add(new McuLogEntry(r.last().wall(), Optional.of(r.kind()), r.msgId(), r.path(), r.lines(),
                        Optional.ofNullable(modes.get(r.kind())), McuLogEntry.Outcome.COPY, List.of(), List.of(),
                        join(note, "the same request again (the server retransmitted it before the answer; the"
                                + " module shows every copy): answered once")));
                changed.signalAll();
                return;
            }
            received.values().removeIf(x -> r.nanoTime() - x.nanoTime() > COPIES_WITHIN.toNanos());
            received.put(r.msgId(), r);
            requests.add(r);
            if (r.urcs().get(0) instanceof MiplObserve o) {
                if (o.observe()) {
                    observations.put(o.msgId(), new Observation(o.msgId(), r.path(), r.last().wall()));
                } else {
                    // 5.2 flag 0: the platform cancels the observation of that path
                    observations.values().removeIf(x -> x.path().equals(r.path()));
                }
            }
            mode = modes.get(r.kind());
            if (on && (mode instanceof AnswerMode.Auto || mode instanceof AnswerMode.Late)) {
                Duration delay = mode instanceof AnswerMode.Auto a ? a.delay() : ((AnswerMode.Late) mode).delay();
                wait = r.nanoTime() + delay.toNanos() - System.nanoTime();
                if (wait > 0) {
                    waiting.add(r); // before anyone can see the request: teardown finds it
                }
            }
            if (on && mode instanceof AnswerMode.Manual) {
                manual.add(r); // before the signal: whoever awaits the request finds it left to them
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (!on) {
            record(r, Optional.of(mode), McuLogEntry.Outcome.OFF, List.of(), List.of(), note);
            return;
        }
        if (mode instanceof AnswerMode.Never) {
            record(r, Optional.of(mode), McuLogEntry.Outcome.NOT_ANSWERED, List.of(), List.of(), note);
        } else if (mode instanceof AnswerMode.Manual) {
            record(r, Optional.of(mode), McuLogEntry.Outcome.LEFT_TO_TEST, List.of(), List.of(), note);
        } else {
            if (wait <= 0) {
                answerAndLog(r, mode, note, false);
            } else {
                try {
                    executor.schedule(() -> guarded(() -> {
                        if (waiting.remove(r)) {
                            answerAndLog(r, mode, note, false);
                        }
                    }), wait, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    waiting.remove(r);
                }
            }
        }
    }

    // ---------------------------------------------------------------- answering

    /** A planned answer: the command lines, and what the model said. */
    private record Plan(List<String> commands, String note) {}

    /**
     * Answers a request left to the test (mode MANUAL), or any other, from the model now, on the caller's thread.
     *
     * @return the reply to each command sent (sending stops at the first that is not OK)
     */
    public List<Reply> answer(McuRequest r) {
        lock.lock();
        try {
            manual.remove(r);
        } finally {
            lock.unlock();
        }
        return answerAndLog(r, mode(r.kind()), "", true);
    }

    private List<Reply> answerAndLog(McuRequest r, AnswerMode mode, String receivedNote, boolean foreground) {
        Plan plan = plan(r);
        String note = join(receivedNote, plan.note());
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
            note = join(note, firstLine(e.getMessage()));
            if (foreground) {
                record(r, Optional.ofNullable(mode), outcome, sent, results, note);
                throw e;
            }
        }
        record(r, Optional.ofNullable(mode), outcome, sent, results, note);
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
                    add(executions, new ExecuteCall(msgId, path, urc.arguments(), Instant.now()));
                }
                return simple(new MiplExecuteRsp(ref, msgId, code(x, ResultCode.CHANGED)).format(), x);
            }
            default: { // PARAMETER
                ModelResult<ObjectPath> p = model.parameter(path);
                if (p.isOk()) {
                    MiplParameter urc = (MiplParameter) r.urcs().get(0);
                    add(parameters, new ParameterCall(msgId, path, urc.parameter(), urc.attributes(), Instant.now()));
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
                add(writes, new WriteCall(r.msgId(), ok.value(), Instant.now()));
                return new Plan(List.of(new MiplWriteRsp(ref, r.msgId(), ResultCode.CHANGED).format()),
                        join(decodeNotes, "wrote " + ok.value().stream().map(v -> v.path() + "=" + v.value().format())
                                .toList()));
            }
            ModelResult.Refused<List<PathValue>> no = (ModelResult.Refused<List<PathValue>>) applied;
            refusal = no.code();
            reason = no.reason();
        }
        return new Plan(List.of(new MiplWriteRsp(ref, r.msgId(), refusal).format()), join(decodeNotes, reason));
    }

    private static int code(ModelResult<?> result, ResultCode success) {
        return result instanceof ModelResult.Refused<?> no ? no.code().code() : success.code();
    }

    private static Plan simple(String command, ModelResult<?> result) {
        return new Plan(List.of(command), result instanceof ModelResult.Refused<?> no ? no.reason() : "");
    }

    // ---------------------------------------------------------------- notifications (3.3.15)

    /** Notifies the value(s) of the observation {@code msgId}'s path. */
    public List<Reply> notify(long msgId) {
        return notify(msgId, OptionalInt.empty());
    }

    /** The same, confirmable with {@code ackId} on every part (7.8.4, 7.8.5). */
    public List<Reply> notify(long msgId, int ackId) {
        return notify(msgId, OptionalInt.of(ackId));
    }

    private List<Reply> notify(long msgId, OptionalInt ackId) {
        Observation o = observation(msgId).orElseThrow(() -> new IllegalStateException(
                "no observation with msgId " + msgId + "; observations held: " + observations()));
        return notify(msgId, o.path(), ackId);
    }

    /** Notifies the values of the (most recent) observation of exactly {@code path}. */
    public List<Reply> notify(ObjectPath path) {
        return notify(path, OptionalInt.empty());
    }

    public List<Reply> notify(ObjectPath path, int ackId) {
        return notify(path, OptionalInt.of(ackId));
    }

    private List<Reply> notify(ObjectPath path, OptionalInt ackId) {
        Observation o = observation(path).orElseThrow(() -> new IllegalStateException(
                "no observation of " + path + "; observations held: " + observations()));
        return notify(o.msgId(), path, ackId);
    }

    /**
     * Sends {@code AT+MIPLNOTIFY} for the values of {@code path} with this msgId (which need not be an observation the
     * application knows: a test may want the module's refusal). Stops at the first part that is not OK (3.3.15
     * remark 2). Runs on the caller's thread and moves the session cursor like any command the test sends.
     */
    public List<Reply> notify(long msgId, ObjectPath path, OptionalInt ackId) {
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
            recordNotify(msgId, path, McuLogEntry.Outcome.SEND_FAILED, sent, results, firstLine(e.getMessage()));
            throw e;
        }
        recordNotify(msgId, path, outcome, sent, results, "");
        return replies;
    }

    /**
     * The {@code AT+MIPLNOTIFY} lines for {@code path}'s current values: a resource in one line; an instance's
     * readable values with index counting down to 0 (7.8.2); an object instance by instance, each counting down to 0
     * on its own (7.8.3). The ackId, when given, goes on every line (7.8.5).
     *
     * @throws IllegalStateException the model has nothing to notify there (no such path, no readable value)
     */
    public List<MiplNotify> notifyCommands(long msgId, ObjectPath path, OptionalInt ackId) {
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
                MiplNotify n = MiplNotify.of(ref, msgId, v.objId(), v.insId(), v.resId(), v.value(),
                        group.size() - 1 - i, 0);
                out.add(ackId.isPresent() ? n.withAckId(ackId.getAsInt()) : n);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- setup / teardown

    /**
     * Brings a module from power-up to registered: {@code AT} until it answers, {@code AT+QSCLK=0} (7.1), the network
     * ({@code +CEREG: 0,1}), the configuration if one was given, {@code AT+MIPLCREATE}, {@code AT+MIPLADDOBJ} for each
     * object of the model, {@code AT+MIPLOPEN}, then {@code +MIPLEVENT: 0,6} — a failure event (3, 5, 7, 8) ends it
     * at once. Leaves the session cursor after event 6.
     *
     * @throws McuSetupFailed a step failed; the message says which and what the module printed
     */
    public SetupResult setup() {
        List<Reply> replies = new ArrayList<>();
        awaitReady(replies);
        if (disableSleep) {
            replies.add(expectOk(session.send("AT+QSCLK=0", commandDeadline), "disable sleep (7.1)"));
        }
        if (awaitNetwork) {
            awaitAttached(replies);
        }
        if (config.isPresent()) {
            replies.add(expectOk(session.send(config.get(), commandDeadline), "configure (3.3.1)"));
        }
        replies.add(expectOk(session.send(new MiplCreate(), commandDeadline), "create the instance (3.3.2)"));
        for (var add : model.addObjCommands(ref)) {
            replies.add(expectOk(session.send(add, commandDeadline), "add object " + add.objId() + " (3.3.5)"));
        }
        Reply open = expectOk(session.send(new MiplOpen(ref, lifetime, openTimeout), commandDeadline),
                "register (3.3.7)");
        replies.add(open);
        UrcMatcher<MiplEvent> outcome = UrcMatcher.type(MiplEvent.class, e -> switch (e.evtId()) {
            case 3, 5, 6, 7, 8 -> true;
            default -> false;
        }, "+MIPLEVENT 6 (REG_SUCCESS) or a failure (3, 5, 7, 8)");
        UrcArrival<MiplEvent> event;
        try {
            event = session.expectUrc(open.cursor(), outcome, registrationWithin);
        } catch (DeadlineExceeded e) {
            throw new McuSetupFailed("setup: no registration outcome after " + open.command() + ": " + e.getMessage(), e);
        }
        if (event.value().evtId() != EventId.REG_SUCCESS.id()) {
            throw new McuSetupFailed("setup: registration failed with " + event.text() + " ("
                    + event.value().event().map(Enum::name).orElse("?") + ") " + event.delay().toMillis()
                    + " ms after " + open.command());
        }
        session.moveCursor(event.after());
        return new SetupResult(replies, event);
    }

    private void awaitReady(List<Reply> replies) {
        long deadline = System.nanoTime() + readyWithin.toNanos();
        Duration probe = Duration.ofMillis(Math.min(1000, Math.max(100, readyWithin.toMillis() / 5)));
        StringBuilder tried = new StringBuilder();
        while (true) {
            Cursor sent = session.now();
            try {
                Reply r = session.send("AT", probe);
                if (r.isOk()) {
                    replies.add(r);
                    return;
                }
                tried.append("\n  AT -> ").append(r.result().text());
            } catch (DeadlineExceeded e) {
                tried.append("\n  AT -> no answer within ").append(probe.toMillis()).append(" ms");
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new McuSetupFailed("setup: the module did not answer AT with OK within " + readyWithin.toMillis()
                        + " ms:" + tried);
            }
            // a module still booting prints RDY or +CFUN when it is ready: ask again as soon as a line came
            try {
                session.expectUrc(sent, UrcMatcher.any(), probe.multipliedBy(2));
            } catch (DeadlineExceeded ignored) {
                // nothing came: ask again
            }
        }
    }

    private void awaitAttached(List<Reply> replies) {
        long deadline = System.nanoTime() + readyWithin.toNanos();
        StringBuilder seen = new StringBuilder();
        while (true) {
            Reply r = session.send("AT+CEREG?", commandDeadline);
            Optional<String> line = r.line("+CEREG:");
            if (r.isOk() && line.isPresent() && CEREG_ATTACHED.matcher(line.get()).matches()) {
                replies.add(r);
                return;
            }
            seen.append("\n  AT+CEREG? -> ").append(line.orElse("")).append(' ').append(r.result().text());
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new McuSetupFailed("setup: the module did not attach to the network (+CEREG: 0,1 or 0,5) within "
                        + readyWithin.toMillis() + " ms:" + seen);
            }
            try {
                // 7.1: query again once something happens (+IP, +CEREG) or after a second
                session.expectUrc(session.now(), UrcMatcher.where(u -> u.text().startsWith("+IP")
                        || u.text().startsWith("+CEREG"), "+IP or +CEREG"), Duration.ofNanos(Math.min(left, 1_000_000_000L)));
            } catch (DeadlineExceeded ignored) {
                // ask again
            }
        }
    }

    private static Reply expectOk(Reply r, String step) {
        if (!r.isOk()) {
            throw new McuSetupFailed("setup: " + step + ": " + r.command() + " answered " + r.result().text()
                    + (r.lines().isEmpty() ? "" : " after " + r.lines()));
        }
        return r;
    }

    /**
     * Leaves the module closed and deleted, whatever state it is in: drops delayed answers still due,
     * {@code AT+MIPLCLOSE} (then {@code +MIPLEVENT: 0,15}, 7.2.1) and {@code AT+MIPLDELETE}, both allowed to fail
     * when there is nothing to close or delete. When the delete is refused, {@code AT+MIPLCREATE} tells whether an
     * instance is left (it is refused) or not (it succeeds, and that new one is deleted); an instance left is closed
     * and deleted again until {@code closeWithin} runs out.
     *
     * @throws McuSetupFailed the module could not be left deleted; the report is in the message
     */
    public TeardownReport teardown() {
        List<String> steps = new ArrayList<>();
        for (Iterator<McuRequest> it = waiting.iterator(); it.hasNext(); ) {
            McuRequest r = it.next();
            if (waiting.remove(r)) {
                record(r, Optional.of(mode(r.kind())), McuLogEntry.Outcome.CANCELLED, List.of(), List.of(),
                        "teardown came before the answer was due");
                steps.add("dropped the delayed answer to " + r);
            }
        }
        assemblies.clear();
        long deadline = System.nanoTime() + closeWithin.toNanos();
        try {
            while (true) {
                Reply close = step(steps, new MiplClose(ref).format());
                if (close != null && close.isOk()) {
                    try {
                        UrcArrival<MiplEvent> e = session.expectUrc(close.cursor(), UrcMatcher.event(EventId.DEREG_DONE),
                                Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                        steps.add(e.text());
                    } catch (DeadlineExceeded e) {
                        steps.add("no +MIPLEVENT: " + ref + ",15 within " + closeWithin.toMillis() + " ms");
                    }
                }
                Reply delete = step(steps, new MiplDelete(ref).format());
                if (delete != null && delete.isOk()) {
                    return new TeardownReport(steps);
                }
                Reply create = step(steps, new MiplCreate().format());
                if (create != null && create.isOk()) {
                    Reply again = step(steps, new MiplDelete(ref).format());
                    if (again != null && again.isOk()) {
                        return new TeardownReport(steps); // nothing was left
                    }
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new McuSetupFailed("teardown: the module was not left deleted within " + closeWithin.toMillis()
                            + " ms:\n  " + String.join("\n  ", steps));
                }
                // an instance is still there (registering, closing): wait for the module to say something
                try {
                    session.expectUrc(session.now(), UrcMatcher.any(),
                            Duration.ofNanos(Math.min(1_000_000_000L, Math.max(1, deadline - System.nanoTime()))));
                } catch (DeadlineExceeded ignored) {
                    // try again
                }
            }
        } catch (LinkClosedException e) {
            throw new McuSetupFailed("teardown: the link closed:\n  " + String.join("\n  ", steps), e);
        }
    }

    /** Sends one teardown command; a missing answer is a step, not a failure. */
    private Reply step(List<String> steps, String command) {
        try {
            Reply r = session.send(command, commandDeadline);
            steps.add(command + " -> " + r.result().text());
            return r;
        } catch (DeadlineExceeded e) {
            steps.add(command + " -> no answer within " + commandDeadline.toMillis() + " ms");
            return null;
        }
    }

    /** Detaches from the session; pending delayed answers are dropped. The session stays open. */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (Exception ignored) {
            // removing a listener does not fail
        }
        waiting.clear();
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- helpers

    private void record(McuRequest r, Optional<AnswerMode> mode, McuLogEntry.Outcome outcome, List<String> sent,
                        List<String> replies, String note) {
        add(log, new McuLogEntry(r.last().wall(), Optional.of(r.kind()), r.msgId(), r.path(), r.lines(), mode, outcome,
                sent, replies, note));
    }

    private void recordNotify(long msgId, ObjectPath path, McuLogEntry.Outcome outcome, List<String> sent,
                              List<String> replies, String note) {
        add(log, new McuLogEntry(Instant.now(), Optional.empty(), msgId, path, List.of(), Optional.empty(), outcome, sent,
                replies, note));
    }

    private <T> void add(List<T> list, T item) {
        lock.lock();
        try {
            list.add(item);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private <T> T locked(java.util.function.Supplier<T> s) {
        lock.lock();
        try {
            return s.get();
        } finally {
            lock.unlock();
        }
    }

    private static String join(String a, String b) {
        if (a == null || a.isEmpty()) {
            return b == null ? "" : b;
        }
        return b == null || b.isEmpty() ? a : a + "; " + b;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
