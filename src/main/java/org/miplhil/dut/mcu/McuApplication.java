package org.miplhil.dut.mcu;

import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.miplhil.at.MiplConfig;
import org.miplhil.at.MiplNotify;
import org.miplhil.at.RequestType;
import org.miplhil.dut.state.ModuleState;
import org.miplhil.dut.state.ModuleStrategy;
import org.miplhil.dut.state.RegistrationTarget;
import org.miplhil.dut.state.TransitionFailure;
import org.miplhil.dut.state.TransitionResult;
import org.miplhil.objects.ObjectModel;
import org.miplhil.objects.ObjectPath;
import org.miplhil.objects.RecvDataFormat;

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

    /**
     * How long a msgId marks copies: RFC 7252's MAX_TRANSMIT_WAIT (93 s), the longest a server retransmits one
     * request. Later, the same msgId is a request of its own (the module's msgIds are CoAP message IDs).
     */

    private final ModuleSession session;
    private final ObjectModel model;
    private final McuBookkeeping book;
    private final RequestAnswerer answerer;
    private final RequestIntake intake;
    private final Notifier notifier;
    private final ModuleStrategy strategy;
    private final AutoCloseable listener;

    private McuApplication(Builder b) {
        this.session = b.session;
        this.model = b.model;
        this.book = new McuBookkeeping(b.modes);
        this.answerer = new RequestAnswerer(session, model, b.ref, b.commandDeadline, book, b.recvDataFormat);
        this.intake = new RequestIntake("mcu " + session.link().name(), book, answerer, b.writeAssembly, b.enabled);
        this.notifier = new Notifier(session, model, b.ref, b.commandDeadline, book);
        RegistrationTarget target = new RegistrationTarget(b.ref, Optional.ofNullable(b.config),
                model.addObjCommands(b.ref), b.lifetime, b.openTimeout, b.disableSleep, b.awaitNetwork,
                new RegistrationTarget.Deadlines(b.commandDeadline, b.readyWithin, b.registrationWithin, b.closeWithin));
        this.strategy = new ModuleStrategy(session, target);
        this.listener = session.addUrcListener(intake::onUrc);
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

    /**
     * The module's states as this application brings it up and down ({@link #setup()}, {@link #teardown()}), with
     * its registration target (the builder's configuration, the model's objects, lifetime and deadlines).
     */
    public ModuleStrategy strategy() {
        return strategy;
    }

    // ---------------------------------------------------------------- switches

    public void setMode(RequestType kind, AnswerMode mode) {
        Objects.requireNonNull(mode, "mode");
        book.setMode(kind, mode);
    }

    public void setModeAll(AnswerMode mode) {
        for (RequestType t : RequestType.values()) {
            setMode(t, mode);
        }
    }

    public AnswerMode mode(RequestType kind) {
        return book.mode(kind);
    }

    /** Off: nothing is answered (requests are still logged, as {@code OFF}); on: the modes apply again. */
    public void setEnabled(boolean on) {
        intake.setEnabled(on);
    }

    public boolean isEnabled() {
        return intake.isEnabled();
    }

    public RecvDataFormat recvDataFormat() {
        return answerer.recvDataFormat();
    }

    /** How +MIPLWRITE values are read from now on (3.3.1), e.g. after the test sent its own AT+MIPLCONFIG. */
    public void setRecvDataFormat(RecvDataFormat format) {
        answerer.setRecvDataFormat(Objects.requireNonNull(format, "format"));
    }

    // ---------------------------------------------------------------- what happened

    /** Everything answered, refused, left or notified, in order. */
    public List<McuLogEntry> log() {
        return book.log();
    }

    /** Every request received (a write once, with all its parts), in order. */
    public List<McuRequest> requests() {
        return book.requests();
    }

    /** Requests left to the test (mode MANUAL), not yet answered with {@link #answer}. */
    public List<McuRequest> manualRequests() {
        return book.manualRequests();
    }

    /** Observations held: every {@code +MIPLOBSERVE} flag 1 since the last registration, less those cancelled. */
    public List<Observation> observations() {
        return book.observations();
    }

    public Optional<Observation> observation(long msgId) {
        return book.observation(msgId);
    }

    /** The most recent observation of exactly {@code path}. */
    public Optional<Observation> observation(ObjectPath path) {
        return book.observation(path);
    }

    public List<WriteCall> writes() {
        return book.writes();
    }

    public List<ExecuteCall> executions() {
        return book.executions();
    }

    public List<ParameterCall> parameters() {
        return book.parameters();
    }

    /** Within {@code within}, a log entry satisfying {@code condition} exists; gives the first. */
    public McuLogEntry awaitLog(Predicate<McuLogEntry> condition, String description, Duration within) {
        return book.awaitLog(condition, description, within);
    }

    /** Within {@code within}, the request with this msgId has been dealt with (answered, refused, left, ...). */
    public McuLogEntry awaitAnswer(long msgId, Duration within) {
        return awaitLog(e -> e.request().isPresent() && e.msgId() == msgId && e.outcome() != McuLogEntry.Outcome.COPY,
                "the answer to msgId " + msgId, within);
    }

    /** Within {@code within}, a request satisfying {@code condition} has been received; gives the first. */
    public McuRequest awaitRequest(Predicate<McuRequest> condition, String description, Duration within) {
        return book.awaitRequest(condition, description, within);
    }

    /** Within {@code within}, the platform observes {@code path}; gives the observation. */
    public Observation awaitObservation(ObjectPath path, Duration within) {
        return book.awaitObservation(path, within);
    }

    // ---------------------------------------------------------------- answering

    /**
     * Answers a request left to the test (mode MANUAL), or any other, from the model now, on the caller's thread.
     *
     * @return the reply to each command sent (sending stops at the first that is not OK)
     */
    public List<Reply> answer(McuRequest r) {
        book.takeManual(r);
        return answerer.answerAndLog(r, mode(r.kind()), "", true);
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
        return notifier.notify(msgId, path, ackId);
    }

    /**
     * The {@code AT+MIPLNOTIFY} lines for {@code path}'s current values: a resource in one line; an instance's
     * readable values with index counting down to 0 (7.8.2); an object instance by instance, each counting down to 0
     * on its own (7.8.3). The ackId, when given, goes on every line (7.8.5).
     *
     * @throws IllegalStateException the model has nothing to notify there (no such path, no readable value)
     */
    public List<MiplNotify> notifyCommands(long msgId, ObjectPath path, OptionalInt ackId) {
        return notifier.notifyCommands(msgId, path, ackId);
    }

    // ---------------------------------------------------------------- setup / teardown

    /**
     * Brings a module from power-up to registered through the {@link #strategy()}: {@code AT} until it answers,
     * {@code AT+QSCLK=0} (7.1), the network ({@code +CEREG: 0,1}), the configuration if one was given,
     * {@code AT+MIPLCREATE}, {@code AT+MIPLADDOBJ} for each object of the model, {@code AT+MIPLOPEN}, then
     * {@code +MIPLEVENT: 0,6} — a failure event (3, 5, 7, 8) ends it at once. Leaves the session cursor after event 6.
     *
     * @throws McuSetupFailed a step failed; the message says which and what the module printed
     */
    public SetupResult setup() {
        strategy.assume(ModuleState.UNKNOWN); // from power-up, whatever came before
        TransitionResult r = strategy.transition(ModuleState.REGISTERED);
        if (r.failure().isPresent()) {
            TransitionFailure f = r.failure().get();
            if (f.kind() == TransitionFailure.Kind.SESSION && f.cause().orElse(null) instanceof RuntimeException e) {
                throw e; // a command without a final result, a closed link: as the session reported it
            }
            throw new McuSetupFailed("setup: " + f.message(), f.cause().orElse(null));
        }
        return new SetupResult(r.replies(), r.registered().orElseThrow());
    }

    /**
     * Leaves the module closed and deleted, whatever state it is in: drops delayed answers still due, then the
     * strategy's way down to attached ({@code AT+MIPLCLOSE}, then {@code +MIPLEVENT: 0,15}, 7.2.1, and
     * {@code AT+MIPLDELETE}, both allowed to fail when there is nothing to close or delete; a refused delete proved by
     * {@code AT+MIPLCREATE}, an instance left closed and deleted again until {@code closeWithin} runs out).
     *
     * @throws McuSetupFailed the module could not be left deleted; the report is in the message
     */
    public TeardownReport teardown() {
        List<String> steps = new ArrayList<>(intake.dropPending("teardown came before the answer was due"));
        strategy.assume(ModuleState.REGISTERED); // anything may have been created, by us or by the test
        TransitionResult r = strategy.transition(ModuleState.ATTACHED);
        steps.addAll(r.steps());
        if (r.failure().isPresent()) {
            TransitionFailure f = r.failure().get();
            throw new McuSetupFailed("teardown: " + f.message(), f.cause().orElse(null));
        }
        return new TeardownReport(steps);
    }

    /** Detaches from the session; pending delayed answers are dropped. The session stays open. */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (Exception ignored) {
            // removing a listener does not fail
        }
        intake.close();
    }
}
