package org.miplhil.sim;

import org.miplhil.sim.registrar.AccessConfig;
import org.miplhil.sim.registrar.ObjectSpec;
import org.miplhil.sim.registrar.OpenRequest;
import org.miplhil.sim.registrar.PlatformRequest;
import org.miplhil.sim.registrar.Registrar;
import org.miplhil.sim.registrar.RegistrarEvents;

import static org.miplhil.sim.MiplChecks.broken;
import static org.miplhil.sim.MiplChecks.in;
import static org.miplhil.sim.MiplChecks.refSupported;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.miplhil.at.AtCommandLine;
import org.miplhil.at.CommandHead;
import org.miplhil.at.EventId;
import org.miplhil.at.MiplAddObj;
import org.miplhil.at.MiplAnswer;
import org.miplhil.at.MiplClose;
import org.miplhil.at.MiplCommand;
import org.miplhil.at.MiplCommandName;
import org.miplhil.at.MiplCommands;
import org.miplhil.at.MiplConfig;
import org.miplhil.at.MiplDelObj;
import org.miplhil.at.MiplDelete;
import org.miplhil.at.MiplDiscoverRsp;
import org.miplhil.at.MiplEvent;
import org.miplhil.at.MiplNotify;
import org.miplhil.at.MiplOpen;
import org.miplhil.at.MiplRanges;
import org.miplhil.at.MiplResponse.CreateInfo;
import org.miplhil.at.MiplResponse.VerInfo;
import org.miplhil.at.MiplUpdate;
import org.miplhil.at.Param;
import org.miplhil.at.Parsed;
import org.miplhil.at.ParsedCommand;
import org.miplhil.at.ParsedCommand.Form;
import org.miplhil.at.RawLine;
import org.miplhil.at.ValueRules;
import org.miplhil.at.Violation;
import org.miplhil.sim.Outcome.Deferred;
import org.miplhil.sim.Outcome.Reply;
import org.miplhil.sim.Outcome.Silent;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.Mistake;

/**
 * The AT layer of the virtual module and its OneNET state (chapter 3): configuration, instance, objects,
 * registration, observations and pending platform requests. Every answer and every error code comes from the
 * {@link FirmwareProfile}. Runs on the module's one thread; nothing here blocks or does I/O itself.
 *
 * <p>Command lines are read with the harness's own codec ({@code org.miplhil.at}): {@link AtCommandLine} for the
 * syntax of 3.1.2, {@link MiplCommands} for the 16 commands, their {@link Violation}s for the ranges of chapter 3.
 * A MIPL set command is checked in the order of the XY1100 AT layer: data connection, parameter syntax and
 * ranges, instance, state; every mistake is mapped to the profile's {@link Mistake}.
 */
final class MiplInterpreter {

    /** What the interpreter needs from the module around it. */
    interface Host {
        /** Emits a URC line (through the fault plan). */
        void urc(String line);

        /** Runs a task later on the module thread; dropped if the power is cut meanwhile. */
        void schedule(Duration delay, Runnable task);

        /** Finishes the command whose outcome was {@link Deferred}. */
        void completeDeferred(Reply reply);

        /** A fresh event sink for a registration session; calls on older sinks are ignored. */
        RegistrarEvents newSession(long session);

        Registrar registrar();

        long nanoTime();

        /** The firmware revision running now (ATI), changed by a DFOTA update; null: the profile's. */
        default String firmwareRevision() {
            return null;
        }

        /** {@code AT+QSCLK} (sleep, {@link QsclkCommand}); without a sleep model: ERROR. */
        default Outcome qsclk(Form form, List<Param> params) {
            return error();
        }
    }

    private enum RegState { IDLE, REGISTERING, REGISTERED, CLOSING }


    /** An observation the MCU accepted; -1: the whole instance or object. */
    record Observation(int objId, int insId, int resId) {}


    private final FirmwareProfile profile;
    private final Host host;
    /**
     * The valueType/len rules of the XY1100 AT layer (the profile's notify.type-length): the note's, with 8-byte
     * floats, the profile's string and hex limits, and a hex value of at least one byte.
     */
    private final ValueRules valueRules;
    /** The profile's {@code parsing} rules: what the module's AT layer accepts beyond the note's form. */
    private final MiplLeniency leniency;

    // AT layer, reset at power-up (echo and AT+CMEE: GeneralCommands, ErrorForm; AT+QSCLK: sim.sleep)
    private final ErrorForm errors;
    private boolean attached;

    // OneNET state: nothing of it is kept across a power cut (3.3.1, 3.3.5, 3.3.7: "不保存到 NVRAM")
    private final ConfigCommand config;
    private boolean instance;
    private final Map<Integer, ObjectSpec> objects = new LinkedHashMap<>();
    private RegState reg = RegState.IDLE;
    private long session;
    private final Map<Long, Observation> observations = new LinkedHashMap<>();
    private final RequestTable requests = new RequestTable();
    private final RequestAnswers answers;
    private final NotifyCommand notifyCommand;
    private boolean deleteWaiting;
    private long openLifetime;

    MiplInterpreter(FirmwareProfile profile, Host host) {
        this(profile, host, new ErrorForm(profile));
    }

    /** With the AT+CMEE mode shared with the general commands. */
    MiplInterpreter(FirmwareProfile profile, Host host, ErrorForm errors) {
        this.profile = profile;
        this.host = host;
        this.errors = errors;
        var limits = profile.limits();
        this.valueRules = ValueRules.NOTE.withFloatLens(4, 8)
                .withStringLen(new MiplRanges.Range(0, limits.stringLengthMax()))
                .withHexLen(new MiplRanges.Range(1, limits.hexLengthMax()));
        this.leniency = new MiplLeniency(profile.parsing());
        this.config = new ConfigCommand(profile, this::mistake);
        CommandContext context = new CommandContext();
        this.notifyCommand = new NotifyCommand(profile, host, valueRules, context);
        this.answers = new RequestAnswers(profile, host, requests, context);
        powerUp();
    }

    /** Fresh state after power-on: every setting back to the profile's power-up value. */
    void powerUp() {
        attached = false;
        config.powerUp();
        instance = false;
        objects.clear();
        reg = RegState.IDLE;
        session++;
        observations.clear();
        requests.forget();
        notifyCommand.clear();
        deleteWaiting = false;
    }

    /** The data connection is up (the power-up step marked attach). */
    void attach() {
        attached = true;
    }

    /**
     * The data connection is gone (AT+CFUN=0, AT+CGATT=0). The SDK has no hook on it (only the AT layer checks
     * the connection, giving any.no-pdn); the registration is over at once, without a word to the platform or the
     * MCU (docs/virtual-module.md "Network state"); the instance and its objects stay, so AT+MIPLOPEN after the
     * next attach registers again.
     */
    void dataConnectionLost() {
        attached = false;
        if (deleteWaiting) {
            finishDelete();
            host.completeDeferred(Reply.ok());
            return;
        }
        if (reg != RegState.IDLE) {
            reg = RegState.IDLE;
            session++; // events of the lost registration are not shown
            dropRegistrationState();
        }
    }

    boolean attached() {
        return attached;
    }

    /**
     * Attached, and no registration or deregistration in progress: the module may go to sleep (the SDK holds a lock
     * meanwhile; before the data connection the protocol stack is still attaching).
     */
    boolean mayRest() {
        return attached && reg != RegState.REGISTERING && reg != RegState.CLOSING && !deleteWaiting;
    }

    long session() {
        return session;
    }

    // ---------------------------------------------------------------- commands

    /**
     * Answers one command (a strict line from {@link AtFrontEnd}): the MIPL commands and AT+QSCLK; anything else is
     * plain ERROR.
     */
    Outcome handle(RawLine line) {
        if (line.noise()) {
            return error(); // longer than the profile's max-line-length, or bytes that are not text
        }
        if (line.text().isBlank()) {
            return new Silent();
        }
        Parsed<ParsedCommand> parsed = AtCommandLine.parse(line.text());
        // a line whose parameters are malformed still names its command, which answers with its own error
        Parsed<CommandHead> head = parsed.isOk() ? parsed.map(ParsedCommand::head) : AtCommandLine.head(line.text());
        if (!(head instanceof Parsed.Ok<CommandHead> ok)) {
            return error(); // not a command line of 3.1.2
        }
        CommandHead h = ok.value();
        if (!h.isExtended()) {
            return error();
        }
        Optional<MiplCommandName> mipl = MiplCommandName.of(h.name());
        if (mipl.isPresent()) {
            return mipl(mipl.get(), h.form(), parsed);
        }
        List<Param> params = parsed.toOptional().map(ParsedCommand::params).orElse(List.of());
        return switch (h.name()) {
            case QsclkCommand.NAME -> host.qsclk(h.form(), params);
            default -> error();
        };
    }

    /**
     * The forms the command's section lists, then the checks of its set form; {@code parsed} is Invalid when the
     * parameters are malformed.
     */
    private Outcome mipl(MiplCommandName n, Form form, Parsed<ParsedCommand> parsed) {
        switch (form) {
            case TEST:
                return n.supports(Form.TEST) ? testForm(n) : mistake(Mistake.ANY_UNSUPPORTED_FORM);
            case QUERY:
                if (n == MiplCommandName.MIPLVER) {
                    return Reply.ok(new VerInfo(profile.identity().miplVersion()).format());
                }
                return n == MiplCommandName.MIPLCONFIG ? config.query() : mistake(Mistake.ANY_UNSUPPORTED_FORM);
            case EXEC:
                return n == MiplCommandName.MIPLCREATE ? create() : mistake(Mistake.ANY_UNSUPPORTED_FORM);
            default:
                break;
        }
        if (n == MiplCommandName.MIPLCREATE) {
            return mistake(Mistake.CREATE_WITH_PARAMETERS);
        }
        if (!n.supports(Form.SET)) {
            return mistake(Mistake.ANY_UNSUPPORTED_FORM);
        }
        if (n == MiplCommandName.MIPLCONFIG) {
            if (instance) {
                return mistake(Mistake.CONFIG_INSTANCE_EXISTS); // 3.3.1 remark 1: only before AT+MIPLCREATE
            }
        } else if (!attached) {
            return mistake(Mistake.ANY_NO_PDN);
        }
        Parsed<MiplCommand> cmd = parsed.map(pc -> leniency.normalise(n, pc)).flatMap(MiplCommands::parse);
        if (!(cmd instanceof Parsed.Ok<MiplCommand> ok)) {
            return mistake(MiplChecks.syntaxMistake(n, (Parsed.Invalid<MiplCommand>) cmd, parsed));
        }
        MiplCommand c = ok.value();
        return switch (n) {
            case MIPLCONFIG -> config.set((MiplConfig) c);
            case MIPLDELETE -> delete((MiplDelete) c);
            case MIPLADDOBJ -> addObj((MiplAddObj) c);
            case MIPLDELOBJ -> delObj((MiplDelObj) c);
            case MIPLOPEN -> open((MiplOpen) c);
            case MIPLCLOSE -> close((MiplClose) c);
            case MIPLUPDATE -> update((MiplUpdate) c);
            case MIPLNOTIFY -> notifyCommand.handle((MiplNotify) c);
            case MIPLDISCOVERRSP -> answers.discoverRsp((MiplDiscoverRsp) c);
            case MIPLREADRSP -> answers.readRsp((MiplAnswer) c, c.violations(valueRules)); // in full or the failure alone
            case MIPLOBSERVERSP, MIPLWRITERSP, MIPLEXECUTERSP, MIPLPARAMETERRSP ->
                    answers.answer((MiplAnswer) c, c.violations());
            case MIPLCREATE, MIPLVER -> mistake(Mistake.ANY_UNSUPPORTED_FORM); // no set form: refused above
        };
    }

    /** Plain ERROR: unknown commands and errors of the non-MIPL commands. */
    private static Reply error() {
        return new Reply(List.of(), "ERROR", () -> {});
    }

    /** A MIPL error: its code from the profile, in the form AT+CMEE selects (0: ERROR, 1: +CIS ERROR: n). */
    private Reply mistake(Mistake m) {
        return new Reply(List.of(), errors.cis(profile.code(m)), () -> {});
    }

    private Outcome testForm(MiplCommandName n) {
        return profile.testResponse("AT" + n.atName()).<Outcome>map(Reply::ok)
                .orElseGet(() -> mistake(Mistake.ANY_UNSUPPORTED_FORM));
    }

    // ---- 3.3.2 / 3.3.3

    private Outcome create() {
        if (config.current() == null) {
            return mistake(Mistake.CREATE_NO_CONFIG);
        }
        if (!attached) {
            return mistake(Mistake.ANY_NO_PDN);
        }
        if (instance) {
            return mistake(Mistake.CREATE_TWICE); // 3.3.2: only <ref> 0 exists
        }
        instance = true;
        return Reply.ok(new CreateInfo(0).format()).then(() -> host.registrar().instanceCreated());
    }

    private Outcome delete(MiplDelete d) {
        if (!refSupported(d.ref())) {
            return mistake(Mistake.ANY_PARAMETER);
        }
        if (!instance) {
            return mistake(Mistake.DELETE_NO_INSTANCE);
        }
        if (reg == RegState.REGISTERING || reg == RegState.REGISTERED || reg == RegState.CLOSING) {
            boolean wasOpen = reg != RegState.CLOSING;
            reg = RegState.CLOSING;
            dropRegistrationState();
            if (profile.mipl().deleteWaitsForDeregistration()) {
                // OK only after +MIPLEVENT: 0,15 (observed on modules with this command set)
                deleteWaiting = true;
                if (wasOpen) {
                    host.registrar().close();
                }
                return new Deferred(profile.mipl().maxResponseTime(), Reply.ok().then(this::finishDelete));
            }
            finishDelete();
            return wasOpen ? Reply.ok().then(() -> host.registrar().close()) : Reply.ok();
        }
        finishDelete();
        return Reply.ok();
    }

    private void finishDelete() {
        deleteWaiting = false;
        instance = false;
        objects.clear();
        reg = RegState.IDLE;
        session++; // events of the old registration are not shown any more
        dropRegistrationState();
    }

    private void dropRegistrationState() {
        observations.clear();
        requests.clear();
        notifyCommand.clear();
    }

    // ---- 3.3.5 / 3.3.6

    private Outcome addObj(MiplAddObj a) {
        if (!refSupported(a.ref())) {
            return mistake(Mistake.ANY_PARAMETER);
        }
        List<Violation> v = a.violations();
        if (broken(v, "objId", "attrCount", "actCount")) {
            return mistake(Mistake.ADDOBJ_ID_RANGE);
        }
        if (broken(v, "insCount") || a.insCount() > profile.limits().insCountMax()) {
            return mistake(Mistake.ADDOBJ_INS_COUNT);
        }
        if (broken(v, "insBitmap")) {
            return mistake(Mistake.ADDOBJ_BITMAP_LENGTH); // 3.3.5 remark 2
        }
        if (!instance) {
            return mistake(Mistake.ADDOBJ_NO_INSTANCE);
        }
        if (objects.containsKey(a.objId())) {
            return mistake(Mistake.ADDOBJ_DUPLICATE);
        }
        if (objects.size() >= profile.limits().maxObjects()) {
            return mistake(Mistake.ADDOBJ_TOO_MANY);
        }
        objects.put(a.objId(), new ObjectSpec(a.objId(), a.insCount(), a.insBitmap(), a.attrCount(), a.actCount()));
        return Reply.ok();
    }

    private Outcome delObj(MiplDelObj d) {
        if (!refSupported(d.ref()) || broken(d.violations(), "objId")) {
            return mistake(Mistake.ANY_PARAMETER);
        }
        if (!instance) {
            return mistake(Mistake.DELOBJ_NO_INSTANCE);
        }
        if (objects.remove(d.objId()) == null) {
            return mistake(Mistake.DELOBJ_NOT_FOUND);
        }
        return Reply.ok();
    }

    // ---- 3.3.7 / 3.3.8 / 3.3.16

    private Outcome open(MiplOpen o) {
        if (!refSupported(o.ref())) {
            return mistake(Mistake.ANY_PARAMETER);
        }
        var m = profile.mipl();
        OptionalLong lifetime = lifetime(o.lifetime());
        if (lifetime.isEmpty()) {
            return mistake(Mistake.OPEN_LIFETIME_RANGE);
        }
        int timeout = o.timeout().orElse(m.timeoutDefault());
        if (!in(timeout, m.timeoutMin(), m.timeoutMax())) {
            return mistake(Mistake.OPEN_TIMEOUT_RANGE);
        }
        if (!instance) {
            return mistake(Mistake.OPEN_NO_INSTANCE);
        }
        if (reg == RegState.REGISTERED) {
            return mistake(Mistake.OPEN_ALREADY_REGISTERED);
        }
        if (reg == RegState.REGISTERING || reg == RegState.CLOSING) {
            return mistake(Mistake.OPEN_WHILE_REGISTERING);
        }
        reg = RegState.REGISTERING;
        openLifetime = lifetime.getAsLong();
        long s = ++session;
        OpenRequest request = new OpenRequest(endpointName(), config.current(), List.copyOf(objects.values()),
                lifetime.getAsLong(), timeout);
        return Reply.ok().then(() -> {
            if (session == s) {
                host.registrar().open(request, host.newSession(s));
            }
        });
    }

    /** 3.3.7 / 3.3.16: 0 means the profile's value (3600), otherwise the profile's range (15..268435455). */
    private OptionalLong lifetime(long value) {
        var m = profile.mipl();
        if (value == 0) {
            return OptionalLong.of(m.lifetimeZeroMeans());
        }
        return in(value, m.lifetimeMin(), m.lifetimeMax()) ? OptionalLong.of(value) : OptionalLong.empty();
    }

    private String endpointName() {
        var id = profile.identity();
        return profile.mipl().endpointName().replace("${imei}", id.imei()).replace("${imsi}", id.imsi());
    }

    private Outcome close(MiplClose c) {
        if (!refSupported(c.ref())) {
            return mistake(Mistake.ANY_PARAMETER);
        }
        if (!instance) {
            return mistake(Mistake.CLOSE_NO_INSTANCE);
        }
        if (reg == RegState.REGISTERING || reg == RegState.REGISTERED) {
            reg = RegState.CLOSING;
            dropRegistrationState();
            return Reply.ok().then(() -> host.registrar().close());
        }
        // nothing registered: the BC260Y build answers OK, other builds of its AT layer refuse (profile)
        return profile.parsing().closeWhenIdle() == FirmwareProfile.CloseWhenIdle.OK ? Reply.ok()
                : mistake(Mistake.ANY_PARAMETER);
    }

    /** A registration update the module sends by itself (7.10.6: after reporting a DFOTA result, event 11). */
    void registrationUpdate() {
        if (instance && reg == RegState.REGISTERED) {
            host.registrar().update(openLifetime, false, List.copyOf(objects.values()), 0);
        }
    }

    private Outcome update(MiplUpdate u) {
        if (!refSupported(u.ref()) || broken(u.violations(), "withObjectFlag", "raiMode")) {
            return mistake(Mistake.ANY_PARAMETER);
        }
        if (!instance) {
            return mistake(Mistake.UPDATE_NO_INSTANCE);
        }
        OptionalLong lifetime = lifetime(u.lifetime());
        if (lifetime.isEmpty()) {
            return mistake(Mistake.UPDATE_LIFETIME_RANGE);
        }
        if (reg != RegState.REGISTERED) {
            return mistake(Mistake.UPDATE_NOT_REGISTERED);
        }
        List<ObjectSpec> objs = List.copyOf(objects.values());
        boolean with = u.withObjectFlag() == 1;
        int raiMode = u.raiMode().orElse(0);
        return Reply.ok().then(() -> host.registrar().update(lifetime.getAsLong(), with, objs, raiMode));
    }

    // ---------------------------------------------------------------- registrar events

    void onEvent(EventId event, OptionalLong extend) {
        if (!instance && !deleteWaiting) {
            return;
        }
        host.urc(miplEvent(event, extend).format());
        switch (event) {
            case REG_SUCCESS -> {
                if (reg == RegState.REGISTERING) {
                    reg = RegState.REGISTERED;
                }
            }
            case BOOTSTRAP_FAILED, CONNECT_FAILED, REG_FAILED, REG_TIMEOUT, LIFETIME_TIMEOUT -> {
                if (reg != RegState.CLOSING) {
                    reg = RegState.IDLE;
                    dropRegistrationState();
                }
            }
            case DEREG_DONE -> {
                reg = RegState.IDLE;
                dropRegistrationState();
                if (deleteWaiting) {
                    finishDelete();
                    host.completeDeferred(Reply.ok());
                }
            }
            default -> {
                // other events only inform the MCU
            }
        }
    }

    /** 5.7: the third field is the ackId for 25/26 (7.8.4), the extend value for the others. */
    private static MiplEvent miplEvent(EventId event, OptionalLong third) {
        if (third.isPresent() && event.carriesAckId() && third.getAsLong() == (int) third.getAsLong()) {
            return new MiplEvent(0, event.id(), OptionalLong.empty(), OptionalInt.of((int) third.getAsLong()));
        }
        return new MiplEvent(0, event.id(), third, OptionalInt.empty());
    }

    void onRequest(PlatformRequest request) {
        if (!instance || reg != RegState.REGISTERED) {
            return; // nobody registered to receive it
        }
        long msgId = request.msgId();
        long now = host.nanoTime();
        if (request instanceof PlatformRequest.Observe o && !o.observe()) {
            observations.values().removeIf(obs -> obs.objId() == o.objId()
                    && (o.insId() < 0 || obs.insId() == o.insId()) && (o.resId() < 0 || obs.resId() == o.resId()));
        }
        AccessConfig current = config.current();
        int format = current != null ? current.recvDataFormat() : profile.mipl().defaultRecvDataFormat();
        List<String> lines = RequestUrcs.lines(request, format);
        if (requests.get(msgId) != null) {
            // a retransmitted copy of a request still waiting: the SDK prints the URC again with the same msgId;
            // one request stays pending, its purge counted from the first copy (cis_objects.c, cis_packet.c)
            lines.forEach(host::urc);
            return;
        }
        RequestTable.Pending entry = new RequestTable.Pending(RequestUrcs.type(request), request, now);
        requests.add(msgId, entry);
        long s = session;
        host.schedule(profile.mipl().purgeAfter(), () -> {
            if (session == s) {
                requests.purge(msgId, entry);
            }
        });
        lines.forEach(host::urc);
    }

    /** The interpreter's state as the commands kept beside it (NotifyCommand, RequestAnswers) see it. */
    private final class CommandContext implements NotifyCommand.Context, RequestAnswers.Context {
        @Override
        public boolean instance() {
            return instance;
        }

        @Override
        public Reply mistake(Mistake m) {
            return MiplInterpreter.this.mistake(m);
        }

        @Override
        public Map<Long, Observation> observations() {
            return observations;
        }

        @Override
        public void observed(long msgId, int objId, int insId, int resId) {
            observations.put(msgId, new Observation(objId, insId, resId));
        }
    }

}
