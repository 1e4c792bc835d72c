package org.miplhil.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.miplhil.sim.AtLineParser.Arg;
import org.miplhil.sim.AtLineParser.Extended;
import org.miplhil.sim.AtLineParser.Form;
import org.miplhil.sim.AtLineParser.Parsed;
import org.miplhil.sim.ResourceValue.ValueType;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.FirmwareProfile.ConfigAtPowerUp;
import org.miplhil.sim.profile.Mistake;

/**
 * The AT layer of the virtual module and its OneNET state (chapter 3): configuration, instance, objects,
 * registration, observations and pending platform requests. Every answer and every error code comes from the
 * {@link FirmwareProfile}. Runs on the module's one thread; nothing here blocks or does I/O itself.
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

        /** The URCs written lately, with the time their last byte was handed to the link (oldest first). */
        default List<UrcEmission> recentUrcs() {
            return List.of();
        }
    }

    sealed interface Outcome {}

    /**
     * The reply to a command: information lines (written as one block), the final result line, and what to do
     * once the reply is out (hand work to the registrar only after the MCU saw OK, as a module does).
     */
    record Reply(List<String> info, String finalLine, Runnable after) implements Outcome {
        Reply {
            info = List.copyOf(info);
        }

        static Reply ok() {
            return new Reply(List.of(), "OK", () -> {});
        }

        static Reply ok(String... info) {
            return new Reply(List.of(info), "OK", () -> {});
        }

        Reply then(Runnable next) {
            Runnable first = after;
            return new Reply(info, finalLine, () -> {
                first.run();
                next.run();
            });
        }
    }

    /** The command finishes later ({@link Host#completeDeferred}); after {@code timeout}, with {@code onTimeout}. */
    record Deferred(Duration timeout, Reply onTimeout) implements Outcome {}

    /** No reply at all (an empty command line). */
    record Silent() implements Outcome {}

    private enum RegState { IDLE, REGISTERING, REGISTERED, CLOSING }

    private enum RequestType { DISCOVER, OBSERVE, READ, WRITE, EXECUTE, PARAMETER }

    private record Pending(RequestType type, PlatformRequest request, long urcNanos) {}

    private record Observation(int objId, int insId, int resId) {}

    private static final int PURGED_MEMORY = 512;
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final FirmwareProfile profile;
    private final Host host;

    // AT layer, reset at power-up
    private boolean echo;
    private int cmee;
    private int qsclk;
    private boolean attached;

    // OneNET state: nothing of it is kept across a power cut (3.3.1, 3.3.5, 3.3.7: "不保存到 NVRAM")
    private AccessConfig config;
    private boolean instance;
    private final Map<Integer, ObjectSpec> objects = new LinkedHashMap<>();
    private RegState reg = RegState.IDLE;
    private long session;
    private final Map<Long, Observation> observations = new LinkedHashMap<>();
    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private final Set<Long> purged = new LinkedHashSet<>();
    private final Map<Long, List<ResourceValue>> notifyParts = new LinkedHashMap<>();
    private final Map<Long, List<ResourceValue>> readParts = new LinkedHashMap<>();
    private boolean deleteWaiting;

    MiplInterpreter(FirmwareProfile profile, Host host) {
        this.profile = profile;
        this.host = host;
        powerUp();
    }

    /** Fresh state after power-on: every setting back to the profile's power-up value. */
    void powerUp() {
        echo = profile.at().echo();
        cmee = profile.at().cmee();
        qsclk = profile.at().qsclk();
        attached = false;
        config = profile.mipl().configAtPowerUp() == ConfigAtPowerUp.DEFAULTS ? defaultConfig() : null;
        instance = false;
        objects.clear();
        reg = RegState.IDLE;
        session++;
        observations.clear();
        pending.clear();
        purged.clear();
        notifyParts.clear();
        readParts.clear();
        deleteWaiting = false;
    }

    /** The data connection is up (the power-up step marked attach). */
    void attach() {
        attached = true;
    }

    boolean echo() {
        return echo;
    }

    long session() {
        return session;
    }

    private AccessConfig defaultConfig() {
        var m = profile.mipl();
        String host = m.defaultBsMode() == 1 ? m.bootstrapAddress() : m.serverAddress();
        return new AccessConfig(m.defaultMode(), m.defaultRecvDataFormat(), m.defaultBsMode(), host, m.defaultPort(),
                m.defaultAutoUpdate());
    }

    // ---------------------------------------------------------------- commands

    Outcome handle(Parsed parsed, boolean overlong) {
        if (overlong) {
            return error();
        }
        if (parsed instanceof AtLineParser.NotAt n) {
            return n.line().isBlank() ? new Silent() : error();
        }
        if (parsed instanceof AtLineParser.Basic b) {
            return basic(b.name());
        }
        if (parsed instanceof Extended e) {
            return extended(e);
        }
        return Reply.ok(); // AT alone
    }

    private Outcome basic(String name) {
        switch (name) {
            case "E", "E0" -> {
                echo = false;
                return Reply.ok();
            }
            case "E1" -> {
                echo = true;
                return Reply.ok();
            }
            case "I", "I0" -> {
                var id = profile.identity();
                // 7.10.6: manufacturer, model, "Revision: <revision>", then OK
                return Reply.ok(id.manufacturer(), id.model(), "Revision: " + id.revision());
            }
            default -> {
                return error();
            }
        }
    }

    private Outcome extended(Extended e) {
        return switch (e.name()) {
            case "+MIPLCONFIG" -> config(e);
            case "+MIPLCREATE" -> create(e);
            case "+MIPLDELETE" -> delete(e);
            case "+MIPLVER" -> e.form() == Form.QUERY ? Reply.ok("+MIPLVER: " + profile.identity().miplVersion())
                    : mistake(Mistake.ANY_UNSUPPORTED_FORM);
            case "+MIPLADDOBJ" -> addObj(e);
            case "+MIPLDELOBJ" -> delObj(e);
            case "+MIPLOPEN" -> open(e);
            case "+MIPLCLOSE" -> close(e);
            case "+MIPLDISCOVERRSP" -> discoverRsp(e);
            case "+MIPLOBSERVERSP" -> simpleRsp(e, RequestType.OBSERVE);
            case "+MIPLREADRSP" -> readRsp(e);
            case "+MIPLWRITERSP" -> simpleRsp(e, RequestType.WRITE);
            case "+MIPLEXECUTERSP" -> simpleRsp(e, RequestType.EXECUTE);
            case "+MIPLPARAMETERRSP" -> simpleRsp(e, RequestType.PARAMETER);
            case "+MIPLNOTIFY" -> notifyCmd(e);
            case "+MIPLUPDATE" -> update(e);
            case "+CMEE" -> cmeeCmd(e);
            case "+CGSN" -> cgsn(e);
            case "+CEREG" -> e.form() == Form.QUERY ? Reply.ok("+CEREG: " + (attached
                    ? profile.network().ceregAttached() : profile.network().ceregDetached())) : error();
            case "+CGPADDR" -> cgpaddr(e);
            case "+QSCLK" -> qsclkCmd(e);
            case "+CFUN" -> e.form() == Form.QUERY ? Reply.ok("+CFUN: " + profile.at().cfun()) : error();
            case BENCH -> benchUrcs(e);
            default -> error();
        };
    }

    /** Bench aid of the harness, not a module command (docs/benchmarks.md). */
    static final String BENCH = "+HILBENCH";
    /** Bursts stay within the module's URC history, which answers the query. */
    static final int BENCH_MAX_URCS = 1000;

    /**
     * {@code AT+HILBENCH=<n>}: OK, then n URCs {@code +HILBENCH: <k>} written one by one, as URCs are.
     * {@code AT+HILBENCH?}: {@code +HILBENCH: <k>,<nanoTime>} for each of them still in the history, the time
     * taken after its last byte was written. System.nanoTime() is CLOCK_MONOTONIC on Linux, shared by every
     * process of the machine, so a client in another process compares it with its own arrival times.
     */
    private Outcome benchUrcs(Extended e) {
        if (e.form() == Form.SET && e.args().size() == 1) {
            long n = e.args().get(0).integer().orElse(-1);
            if (n >= 1 && n <= BENCH_MAX_URCS) {
                return Reply.ok().then(() -> {
                    for (long k = 1; k <= n; k++) {
                        host.urc(BENCH + ": " + k);
                    }
                });
            }
        }
        if (e.form() == Form.QUERY) {
            return Reply.ok(host.recentUrcs().stream().filter(u -> u.line().startsWith(BENCH + ": "))
                    .map(u -> u.line() + "," + u.writtenNanos()).toArray(String[]::new));
        }
        return error();
    }

    /** Plain ERROR: unknown commands and errors of the non-MIPL commands. */
    private static Reply error() {
        return new Reply(List.of(), "ERROR", () -> {});
    }

    /** A MIPL error: its code from the profile, in the form AT+CMEE selects (0: ERROR, 1: +CIS ERROR: n). */
    private Reply mistake(Mistake m) {
        return new Reply(List.of(), cmee == 1 ? "+CIS ERROR: " + profile.code(m) : "ERROR", () -> {});
    }

    private Outcome testForm(String command) {
        return profile.testResponse(command).<Outcome>map(Reply::ok).orElseGet(() -> mistake(Mistake.ANY_UNSUPPORTED_FORM));
    }

    // ---- non-MIPL

    private Outcome cmeeCmd(Extended e) {
        return switch (e.form()) {
            case QUERY -> Reply.ok("+CMEE: " + cmee);
            case TEST -> profile.testResponse("AT+CMEE").<Outcome>map(Reply::ok).orElseGet(MiplInterpreter::error);
            case SET -> {
                OptionalLong n = e.args().size() == 1 ? e.args().get(0).integer() : OptionalLong.empty();
                if (n.isEmpty() || n.getAsLong() < 0 || n.getAsLong() > 1) {
                    yield error();
                }
                cmee = (int) n.getAsLong();
                yield Reply.ok();
            }
            case EXEC -> error();
        };
    }

    private Outcome qsclkCmd(Extended e) {
        return switch (e.form()) {
            case QUERY -> Reply.ok("+QSCLK: " + qsclk);
            case TEST -> profile.testResponse("AT+QSCLK").<Outcome>map(Reply::ok).orElseGet(MiplInterpreter::error);
            case SET -> {
                OptionalLong n = e.args().size() == 1 ? e.args().get(0).integer() : OptionalLong.empty();
                if (n.isEmpty() || n.getAsLong() < 0 || n.getAsLong() > 1) {
                    yield error();
                }
                qsclk = (int) n.getAsLong();
                yield Reply.ok();
            }
            case EXEC -> error();
        };
    }

    private Outcome cgsn(Extended e) {
        String imei = profile.identity().imei();
        if (e.form() == Form.EXEC) {
            return Reply.ok(imei);
        }
        if (e.form() == Form.SET && e.args().size() == 1 && e.args().get(0).integer().orElse(-1) == 1) {
            return Reply.ok("+CGSN: " + imei);
        }
        return error();
    }

    private Outcome cgpaddr(Extended e) {
        var n = profile.network();
        boolean known = e.form() == Form.QUERY || e.form() == Form.EXEC
                || (e.form() == Form.SET && e.args().size() == 1 && e.args().get(0).integer().isPresent());
        if (!known) {
            return error();
        }
        if (e.form() == Form.SET && e.args().get(0).integer().getAsLong() != n.pdnCid()) {
            return Reply.ok();
        }
        // 7.1: +CGPADDR: 5,"10.177.135.245" once attached; nothing before
        return attached ? Reply.ok("+CGPADDR: " + n.pdnCid() + ",\"" + n.ipAddress() + "\"") : Reply.ok();
    }

    // ---- 3.3.1 AT+MIPLCONFIG

    private Outcome config(Extended e) {
        switch (e.form()) {
            case TEST:
                return testForm("AT+MIPLCONFIG");
            case QUERY: {
                AccessConfig c = config != null ? config : defaultConfig();
                String hostText = config == null ? "" : c.host();
                String ip = profile.mipl().configQueryQuotesIp() ? "\"" + hostText + "\"" : hostText;
                return Reply.ok("+MIPLCONFIG: " + c.mode() + "," + c.recvDataFormat() + "," + c.bsMode() + ","
                        + ip + "," + c.port() + "," + c.autoUpdate());
            }
            case EXEC:
                return mistake(Mistake.ANY_UNSUPPORTED_FORM);
            default:
                break;
        }
        if (instance) {
            return mistake(Mistake.CONFIG_INSTANCE_EXISTS); // 3.3.1 remark 1: only before AT+MIPLCREATE
        }
        List<Arg> a = e.args();
        int n = a.size();
        if (!e.argsWellFormed() || (n != 2 && n != 5 && n != 6)) {
            return mistake(Mistake.ANY_PARAMETER);
        }
        OptionalLong mode = a.get(0).integer();
        OptionalLong format = a.get(1).integer();
        if (mode.isEmpty() || format.isEmpty()) {
            return mistake(Mistake.ANY_PARAMETER);
        }
        if (mode.getAsLong() != 0 || !in(format.getAsLong(), 0, 1)) {
            return mistake(Mistake.CONFIG_PARAMETER);
        }
        AccessConfig base = config != null ? config : defaultConfig();
        // 3.1.1: an omitted optional parameter keeps its previous (or default) value
        int bs = base.bsMode();
        String hostName = base.host();
        int port = base.port();
        int auto = base.autoUpdate();
        if (n >= 5) {
            OptionalLong bsArg = a.get(2).integer();
            OptionalLong portArg = a.get(4).integer();
            if (bsArg.isEmpty() || portArg.isEmpty()) {
                return mistake(Mistake.ANY_PARAMETER);
            }
            if (!in(bsArg.getAsLong(), 0, 1) || !in(portArg.getAsLong(), 1, 65535)) {
                return mistake(Mistake.CONFIG_PARAMETER);
            }
            bs = (int) bsArg.getAsLong();
            port = (int) portArg.getAsLong();
            String ip = a.get(3).text().strip();
            if (ip.isEmpty()) {
                ip = bs == 1 ? profile.mipl().bootstrapAddress() : profile.mipl().serverAddress();
            } else if (!IPV4.matcher(ip).matches() && !(bs == 0 && IPV6.matcher(ip).matches())) {
                return mistake(Mistake.CONFIG_PARAMETER); // bootstrap over IPv6 is refused, as in the XY1100 layer
            }
            hostName = ip;
        }
        if (n == 6) {
            OptionalLong autoArg = a.get(5).integer();
            if (autoArg.isEmpty()) {
                return mistake(Mistake.ANY_PARAMETER);
            }
            if (!in(autoArg.getAsLong(), 0, 1)) {
                return mistake(Mistake.CONFIG_PARAMETER);
            }
            auto = (int) autoArg.getAsLong();
        }
        config = new AccessConfig(0, (int) format.getAsLong(), bs, hostName, port, auto);
        return Reply.ok();
    }

    // ---- 3.3.2 / 3.3.3

    private Outcome create(Extended e) {
        switch (e.form()) {
            case SET:
                return mistake(Mistake.CREATE_WITH_PARAMETERS);
            case TEST:
            case QUERY:
                return mistake(Mistake.ANY_UNSUPPORTED_FORM);
            default:
                break;
        }
        if (config == null) {
            return mistake(Mistake.CREATE_NO_CONFIG);
        }
        if (!attached) {
            return mistake(Mistake.ANY_NO_PDN);
        }
        if (instance) {
            return mistake(Mistake.CREATE_TWICE); // 3.3.2: only <ref> 0 exists
        }
        instance = true;
        return Reply.ok("+MIPLCREATE: 0");
    }

    private Outcome delete(Extended e) {
        if (e.form() == Form.TEST) {
            return testForm("AT+MIPLDELETE");
        }
        if (e.form() != Form.SET) {
            return mistake(Mistake.ANY_UNSUPPORTED_FORM);
        }
        if (!attached) {
            return mistake(Mistake.ANY_NO_PDN);
        }
        if (!refOnly(e, 1, 1)) {
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
        pending.clear();
        notifyParts.clear();
        readParts.clear();
    }

    // ---- 3.3.5 / 3.3.6

    private Outcome addObj(Extended e) {
        if (e.form() == Form.TEST) {
            return testForm("AT+MIPLADDOBJ");
        }
        if (e.form() != Form.SET) {
            return mistake(Mistake.ANY_UNSUPPORTED_FORM);
        }
        if (!attached) {
            return mistake(Mistake.ANY_NO_PDN);
        }
        List<Arg> a = e.args();
        if (!e.argsWellFormed() || a.size() != 6 || !isRef(a.get(0))) {
            return mistake(Mistake.ANY_PARAMETER);
        }
        OptionalLong objId = a.get(1).integer();
        OptionalLong insCount = a.get(2).integer();
        OptionalLong attrCount = a.get(4).integer();
        OptionalLong actCount = a.get(5).integer();
        if (objId.isEmpty() || insCount.isEmpty() || attrCount.isEmpty() || actCount.isEmpty()) {
            return mistake(Mistake.ANY_PARAMETER);
        }
        if (!in(objId.getAsLong(), 0, 65535) || !in(attrCount.getAsLong(), 0, 65535)
                || !in(actCount.getAsLong(), 0, 65535)) {
            return mistake(Mistake.ADDOBJ_ID_RANGE);
        }
        if (!in(insCount.getAsLong(), 0, profile.limits().insCountMax())) {
            return mistake(Mistake.ADDOBJ_INS_COUNT);
        }
        String bitmap = a.get(3).text();
        if (bitmap.length() != insCount.getAsLong() || !bitmap.matches("[01]*")) {
            return mistake(Mistake.ADDOBJ_BITMAP_LENGTH); // 3.3.5 remark 2
        }
        if (!instance) {
            return mistake(Mistake.ADDOBJ_NO_INSTANCE);
        }
        int id = (int) objId.getAsLong();
        if (objects.containsKey(id)) {
            return mistake(Mistake.ADDOBJ_DUPLICATE);
        }
        if (objects.size() >= profile.limits().maxObjects()) {
            return mistake(Mistake.ADDOBJ_TOO_MANY);
        }
        objects.put(id, new ObjectSpec(id, (int) insCount.getAsLong(), bitmap, (int) attrCount.getAsLong(),
                (int) actCount.getAsLong()));
        return Reply.ok();
    }

    private Outcome delObj(Extended e) {
        if (e.form() == Form.TEST) {
            return testForm("AT+MIPLDELOBJ");
        }
        if (e.form() != Form.SET) {
            return mistake(Mistake.ANY_UNSUPPORTED_FORM);
        }
        if (!attached) {
            return mistake(Mistake.ANY_NO_PDN);
        }
        List<Arg> a = e.args();
        if (!e.argsWellFormed() || a.size() != 2 || !isRef(a.get(0)) || a.get(1).integer().isEmpty()
                || a.get(1).integer().getAsLong() < 0) {
            return mistake(Mistake.ANY_PARAMETER);
        }
        if (!instance) {
            return mistake(Mistake.DELOBJ_NO_INSTANCE);
        }
        if (objects.remove((int) a.get(1).integer().getAsLong()) == null) {
            return mistake(Mistake.DELOBJ_NOT_FOUND);
        }
        return Reply.ok();
    }

    // ---- 3.3.7 / 3.3.8 / 3.3.16

    private Outcome open(Extended e) {
        if (e.form() == Form.TEST) {
            return testForm("AT+MIPLOPEN");
        }
        if (e.form() != Form.SET) {
            return mistake(Mistake.ANY_UNSUPPORTED_FORM);
        }
        if (!attached) {
            return mistake(Mistake.ANY_NO_PDN);
        }
        List<Arg> a = e.args();
        if (!e.argsWellFormed() || a.size() < 2 || a.size() > 3 || !isRef(a.get(0)) || a.get(1).integer().isEmpty()
                || (a.size() == 3 && a.get(2).integer().isEmpty())) {
            return mistake(Mistake.ANY_PARAMETER);
        }
        var m = profile.mipl();
        OptionalLong lifetime = lifetime(a.get(1).integer().getAsLong());
        if (lifetime.isEmpty()) {
            return mistake(Mistake.OPEN_LIFETIME_RANGE);
        }
        long timeout = a.size() == 3 ? a.get(2).integer().getAsLong() : m.timeoutDefault();
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
        long s = ++session;
        OpenRequest request = new OpenRequest(endpointName(), config, List.copyOf(objects.values()),
                lifetime.getAsLong(), (int) timeout);
        return Reply.ok().then(() -> {
            if (session == s) {
                host.registrar().open(request, host.newSession(s));
            }
        });
    }

    /** 3.3.7 / 3.3.16: 0 means the profile's value (3600), otherwise 15..268435455. */
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

    private Outcome close(Extended e) {
        if (e.form() == Form.TEST) {
            return testForm("AT+MIPLCLOSE");
        }
        if (e.form() != Form.SET) {
            return mistake(Mistake.ANY_UNSUPPORTED_FORM);
        }
        if (!attached) {
            return mistake(Mistake.ANY_NO_PDN);
        }
        if (!refOnly(e, 1, 1)) {
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
        return Reply.ok(); // nothing registered: nothing to send
    }

    private Outcome update(Extended e) {
        if (e.form() == Form.TEST) {
            return testForm("AT+MIPLUPDATE");
        }
        if (e.form() != Form.SET) {
            return mistake(Mistake.ANY_UNSUPPORTED_FORM);
        }
        if (!attached) {
            return mistake(Mistake.ANY_NO_PDN);
        }
        List<Arg> a = e.args();
        if (!e.argsWellFormed() || a.size() < 3 || a.size() > 4 || !isRef(a.get(0))) {
            return mistake(Mistake.ANY_PARAMETER);
        }
        OptionalLong lifetimeArg = a.get(1).integer();
        OptionalLong withObjects = a.get(2).integer();
        OptionalLong rai = a.size() == 4 ? a.get(3).integer() : OptionalLong.of(0);
        if (lifetimeArg.isEmpty() || withObjects.isEmpty() || !in(withObjects.getAsLong(), 0, 1) || rai.isEmpty()
                || !in(rai.getAsLong(), 0, 2)) {
            return mistake(Mistake.ANY_PARAMETER);
        }
        if (!instance) {
            return mistake(Mistake.UPDATE_NO_INSTANCE);
        }
        OptionalLong lifetime = lifetime(lifetimeArg.getAsLong());
        if (lifetime.isEmpty()) {
            return mistake(Mistake.UPDATE_LIFETIME_RANGE);
        }
        if (reg != RegState.REGISTERED) {
            return mistake(Mistake.UPDATE_NOT_REGISTERED);
        }
        List<ObjectSpec> objs = List.copyOf(objects.values());
        boolean with = withObjects.getAsLong() == 1;
        int raiMode = (int) rai.getAsLong();
        return Reply.ok().then(() -> host.registrar().update(lifetime.getAsLong(), with, objs, raiMode));
    }

    // ---- 3.3.15 AT+MIPLNOTIFY

    private Outcome notifyCmd(Extended e) {
        if (e.form() == Form.TEST) {
            return testForm("AT+MIPLNOTIFY");
        }
        if (e.form() != Form.SET) {
            return mistake(Mistake.ANY_UNSUPPORTED_FORM);
        }
        if (!attached) {
            return mistake(Mistake.ANY_NO_PDN);
        }
        List<Arg> a = e.args();
        if (!e.argsWellFormed() || a.size() < 10 || a.size() > 12 || !isRef(a.get(0))) {
            return mistake(Mistake.ANY_PARAMETER);
        }
        long[] n = new long[12];
        for (int i : new int[] {1, 2, 3, 4, 5, 6, 8, 9, 10, 11}) {
            if (i >= a.size()) {
                continue;
            }
            OptionalLong v = a.get(i).integer();
            if (v.isEmpty()) {
                return i == 5 || i == 6 ? mistake(Mistake.NOTIFY_TYPE_LENGTH) : mistake(Mistake.ANY_PARAMETER);
            }
            n[i] = v.getAsLong();
        }
        long msgId = n[1];
        var limits = profile.limits();
        if (msgId < 0 || !in(n[2], 0, 65535) || !in(n[3], 0, 65535) || !in(n[4], 0, 65535)) {
            return mistake(Mistake.NOTIFY_INDEX_RANGE);
        }
        Optional<ResourceValue> value = value((int) n[2], (int) n[3], (int) n[4], n[5], n[6], a.get(7));
        if (value.isEmpty()) {
            return mistake(Mistake.NOTIFY_TYPE_LENGTH);
        }
        long index = n[8];
        long flag = n[9];
        long ackId = a.size() > 10 ? n[10] : 0;
        long rai = a.size() > 11 ? n[11] : 0;
        if (!in(index, 0, limits.indexMax())) {
            return mistake(Mistake.NOTIFY_INDEX_RANGE);
        }
        if (!in(flag, 0, 2)) {
            return mistake(Mistake.NOTIFY_FLAG_RANGE);
        }
        if (!in(ackId, 0, 65535)) {
            return mistake(Mistake.NOTIFY_INDEX_RANGE);
        }
        if (!in(rai, 0, 2)) {
            return mistake(Mistake.NOTIFY_RAI_RANGE);
        }
        if (!instance) {
            return mistake(Mistake.NOTIFY_NO_INSTANCE);
        }
        if (!observations.containsKey(msgId)) {
            return mistake(Mistake.NOTIFY_NO_OBSERVATION);
        }
        List<ResourceValue> parts = notifyParts.computeIfAbsent(msgId, k -> new ArrayList<>());
        int total = parts.stream().mapToInt(ResourceValue::len).sum() + value.get().len();
        if (total > limits.notifyTotalMax()) {
            // 3.3.15 remark 2: the parts before the failing one are still sent
            List<ResourceValue> sent = List.copyOf(parts);
            notifyParts.remove(msgId);
            Reply r = mistake(Mistake.NOTIFY_TOO_LONG);
            return sent.isEmpty() ? r : r.then(() -> host.registrar().notify(
                    new Notification(msgId, sent, (int) ackId, (int) rai, false)));
        }
        parts.add(value.get());
        if (index != 0) {
            return Reply.ok();
        }
        List<ResourceValue> all = List.copyOf(parts);
        notifyParts.remove(msgId);
        return Reply.ok().then(() -> host.registrar().notify(new Notification(msgId, all, (int) ackId, (int) rai, true)));
    }

    /**
     * Checks a (valueType, len, value) triple the way the XY1100 AT layer does: integer len 2/4/8 and a value
     * that fits, float 4/8, boolean 1 and 0/1, string its exact length, hex 2 x len digits.
     */
    private Optional<ResourceValue> value(int objId, int insId, int resId, long typeCode, long len, Arg arg) {
        Optional<ValueType> type = ValueType.of(typeCode);
        if (type.isEmpty() || len < 0) {
            return Optional.empty();
        }
        String v = arg.text();
        var limits = profile.limits();
        boolean ok = switch (type.get()) {
            case STRING -> len <= limits.stringLengthMax() && v.length() == len;
            case HEX -> len > 0 && len <= limits.hexLengthMax() && v.length() == 2 * len && v.matches("[0-9A-Fa-f]+");
            case INTEGER -> !arg.quoted() && (len == 2 || len == 4 || len == 8) && fitsInteger(v, (int) len);
            case FLOAT -> !arg.quoted() && (len == 4 || len == 8) && isFloat(v);
            case BOOLEAN -> !arg.quoted() && len == 1 && (v.equals("0") || v.equals("1"));
        };
        return ok ? Optional.of(new ResourceValue(objId, insId, resId, type.get(), (int) len, v)) : Optional.empty();
    }

    private static boolean fitsInteger(String v, int bytes) {
        if (!v.matches("[-+]?\\d{1,19}")) {
            return false;
        }
        try {
            long x = Long.parseLong(v);
            return bytes == 8 || (bytes == 4 ? x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE
                    : x >= Short.MIN_VALUE && x <= Short.MAX_VALUE);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isFloat(String v) {
        if (!v.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            return false;
        }
        return Double.isFinite(Double.parseDouble(v));
    }

    // ---- 3.3.9 - 3.3.14 answers to platform requests

    /** Common checks of every ...RSP: instance, result code for the type, msgId pending and of the right type. */
    private Optional<Reply> checkAnswer(long msgId, long result, RequestType type) {
        if (!instance) {
            return Optional.of(mistake(Mistake.RSP_NO_INSTANCE));
        }
        boolean allowed = switch (type) {
            case READ, OBSERVE, DISCOVER -> result == 1 || in(result, 11, 15);
            case WRITE, EXECUTE, PARAMETER -> result == 2 || in(result, 11, 14);
        };
        if (!allowed) {
            return Optional.of(mistake(Mistake.RSP_RESULT_NOT_ALLOWED));
        }
        Pending p = pending.get(msgId);
        if (p == null) {
            return Optional.of(mistake(purged.contains(msgId) ? Mistake.RSP_EXPIRED_MSGID : Mistake.RSP_UNKNOWN_MSGID));
        }
        if (p.type() != type) {
            return Optional.of(mistake(Mistake.RSP_WRONG_TYPE));
        }
        return Optional.empty();
    }

    private boolean inAnswerWindow(long msgId) {
        Pending p = pending.get(msgId);
        return p != null && host.nanoTime() - p.urcNanos() <= profile.mipl().answerWindow().toNanos();
    }

    private Outcome simpleRsp(Extended e, RequestType type) {
        String command = switch (type) {
            case OBSERVE -> "AT+MIPLOBSERVERSP";
            case WRITE -> "AT+MIPLWRITERSP";
            case EXECUTE -> "AT+MIPLEXECUTERSP";
            default -> "AT+MIPLPARAMETERRSP";
        };
        if (e.form() == Form.TEST) {
            return testForm(command);
        }
        if (e.form() != Form.SET) {
            return mistake(Mistake.ANY_UNSUPPORTED_FORM);
        }
        if (!attached) {
            return mistake(Mistake.ANY_NO_PDN);
        }
        List<Arg> a = e.args();
        if (!e.argsWellFormed() || a.size() < 3 || a.size() > 4 || !isRef(a.get(0)) || a.get(1).integer().isEmpty()
                || a.get(2).integer().isEmpty() || (a.size() == 4 && a.get(3).integer().isEmpty())
                || a.get(1).integer().getAsLong() < 0) {
            return mistake(Mistake.ANY_PARAMETER);
        }
        long msgId = a.get(1).integer().getAsLong();
        long result = a.get(2).integer().getAsLong();
        long rai = a.size() == 4 ? a.get(3).integer().getAsLong() : 0;
        if (!in(rai, 0, 2)) {
            return mistake(Mistake.RSP_RAI_RANGE);
        }
        Optional<Reply> bad = checkAnswer(msgId, result, type);
        if (bad.isPresent()) {
            return bad.get();
        }
        boolean window = inAnswerWindow(msgId);
        Pending p = pending.remove(msgId);
        int res = (int) result;
        int raiMode = (int) rai;
        PlatformResponse response = switch (type) {
            case OBSERVE -> {
                if (p.request() instanceof PlatformRequest.Observe o && o.observe() && res == 1) {
                    observations.put(msgId, new Observation(o.objId(), o.insId(), o.resId()));
                }
                yield new PlatformResponse.Observe(msgId, res, raiMode, window);
            }
            case WRITE -> new PlatformResponse.Write(msgId, res, raiMode, window);
            case EXECUTE -> new PlatformResponse.Execute(msgId, res, raiMode, window);
            default -> new PlatformResponse.Parameter(msgId, res, raiMode, window);
        };
        return Reply.ok().then(() -> host.registrar().respond(response));
    }

    private Outcome discoverRsp(Extended e) {
        if (e.form() == Form.TEST) {
            return testForm("AT+MIPLDISCOVERRSP");
        }
        if (e.form() != Form.SET) {
            return mistake(Mistake.ANY_UNSUPPORTED_FORM);
        }
        if (!attached) {
            return mistake(Mistake.ANY_NO_PDN);
        }
        List<Arg> a = e.args();
        if (!e.argsWellFormed() || a.size() < 5 || a.size() > 6 || !isRef(a.get(0))) {
            return mistake(Mistake.ANY_PARAMETER);
        }
        OptionalLong msgId = a.get(1).integer();
        OptionalLong result = a.get(2).integer();
        OptionalLong length = a.get(3).integer();
        OptionalLong rai = a.size() == 6 ? a.get(5).integer() : OptionalLong.of(0);
        if (msgId.isEmpty() || result.isEmpty() || length.isEmpty() || rai.isEmpty() || msgId.getAsLong() < 0
                || length.getAsLong() < 0) {
            return mistake(Mistake.ANY_PARAMETER);
        }
        if (!in(rai.getAsLong(), 0, 2)) {
            return mistake(Mistake.RSP_RAI_RANGE);
        }
        String valueString = a.get(4).text();
        if (length.getAsLong() > profile.limits().discoverLengthMax()) {
            return mistake(Mistake.DISCOVERRSP_TOO_LONG);
        }
        if (length.getAsLong() != valueString.length()) {
            return mistake(Mistake.DISCOVERRSP_LENGTH_MISMATCH);
        }
        Optional<Reply> bad = checkAnswer(msgId.getAsLong(), result.getAsLong(), RequestType.DISCOVER);
        if (bad.isPresent()) {
            return bad.get();
        }
        List<Integer> resIds = new ArrayList<>();
        if (result.getAsLong() == 1 && !valueString.isEmpty()) {
            for (String part : valueString.split(";", -1)) {
                if (!part.matches("\\d{1,5}") || Integer.parseInt(part) > 65535) {
                    return mistake(Mistake.ANY_PARAMETER);
                }
                resIds.add(Integer.parseInt(part));
            }
        }
        long id = msgId.getAsLong();
        boolean window = inAnswerWindow(id);
        pending.remove(id);
        PlatformResponse response = new PlatformResponse.Discover(id, (int) result.getAsLong(), resIds,
                (int) rai.getAsLong(), window);
        return Reply.ok().then(() -> host.registrar().respond(response));
    }

    private Outcome readRsp(Extended e) {
        if (e.form() == Form.TEST) {
            return testForm("AT+MIPLREADRSP");
        }
        if (e.form() != Form.SET) {
            return mistake(Mistake.ANY_UNSUPPORTED_FORM);
        }
        if (!attached) {
            return mistake(Mistake.ANY_NO_PDN);
        }
        List<Arg> a = e.args();
        // <ref>,<msgId>,<result> alone is enough for an error result (the XY1100 layer answers it at once)
        if (!e.argsWellFormed() || (a.size() != 3 && (a.size() < 11 || a.size() > 12)) || !isRef(a.get(0))
                || a.get(1).integer().isEmpty() || a.get(2).integer().isEmpty() || a.get(1).integer().getAsLong() < 0) {
            return mistake(Mistake.ANY_PARAMETER);
        }
        long msgId = a.get(1).integer().getAsLong();
        long result = a.get(2).integer().getAsLong();
        Optional<Reply> bad = checkAnswer(msgId, result, RequestType.READ);
        if (bad.isPresent()) {
            return bad.get();
        }
        if (result != 1) {
            boolean window = inAnswerWindow(msgId);
            pending.remove(msgId);
            readParts.remove(msgId);
            PlatformResponse response = new PlatformResponse.Read(msgId, (int) result, List.of(), 0, window);
            return Reply.ok().then(() -> host.registrar().respond(response));
        }
        if (a.size() == 3) {
            return mistake(Mistake.ANY_PARAMETER);
        }
        long[] n = new long[12];
        for (int i : new int[] {3, 4, 5, 6, 7, 9, 10, 11}) {
            if (i >= a.size()) {
                continue;
            }
            OptionalLong v = a.get(i).integer();
            if (v.isEmpty()) {
                return i == 6 || i == 7 ? mistake(Mistake.READRSP_TYPE_LENGTH) : mistake(Mistake.ANY_PARAMETER);
            }
            n[i] = v.getAsLong();
        }
        PlatformRequest.Read request = (PlatformRequest.Read) pending.get(msgId).request();
        if (n[3] != request.objId() || (request.insId() >= 0 && n[4] != request.insId())
                || (request.resId() >= 0 && n[5] != request.resId()) || !in(n[4], 0, 65535) || !in(n[5], 0, 65535)) {
            return mistake(Mistake.READRSP_URI_MISMATCH);
        }
        Optional<ResourceValue> value = value((int) n[3], (int) n[4], (int) n[5], n[6], n[7], a.get(8));
        if (value.isEmpty() || !in(n[9], 0, profile.limits().indexMax()) || !in(n[10], 0, 2)) {
            return mistake(Mistake.READRSP_TYPE_LENGTH);
        }
        long rai = a.size() == 12 ? n[11] : 0;
        if (!in(rai, 0, 2)) {
            return mistake(Mistake.RSP_RAI_RANGE);
        }
        List<ResourceValue> parts = readParts.computeIfAbsent(msgId, k -> new ArrayList<>());
        if (parts.stream().mapToInt(ResourceValue::len).sum() + value.get().len() > profile.limits().readTotalMax()) {
            return mistake(Mistake.READRSP_TOO_LONG);
        }
        parts.add(value.get());
        if (n[9] != 0) {
            return Reply.ok(); // 3.3.11: index counts down to 0; 0 is the last part
        }
        boolean window = inAnswerWindow(msgId);
        pending.remove(msgId);
        List<ResourceValue> all = List.copyOf(readParts.remove(msgId));
        PlatformResponse response = new PlatformResponse.Read(msgId, 1, all, (int) rai, window);
        return Reply.ok().then(() -> host.registrar().respond(response));
    }

    // ---------------------------------------------------------------- registrar events

    void onEvent(int evtId, OptionalLong extend) {
        if (!instance && !deleteWaiting) {
            return;
        }
        host.urc("+MIPLEVENT: 0," + evtId + (extend.isPresent() ? "," + extend.getAsLong() : ""));
        switch (evtId) {
            case EventIds.REG_SUCCESS -> {
                if (reg == RegState.REGISTERING) {
                    reg = RegState.REGISTERED;
                }
            }
            case EventIds.BOOTSTRAP_FAILED, EventIds.CONNECT_FAILED, EventIds.REG_FAILED, EventIds.REG_TIMEOUT,
                    EventIds.LIFETIME_TIMEOUT -> {
                if (reg != RegState.CLOSING) {
                    reg = RegState.IDLE;
                    dropRegistrationState();
                }
            }
            case EventIds.DEREG_DONE -> {
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

    void onRequest(PlatformRequest request) {
        if (!instance || reg != RegState.REGISTERED) {
            return; // nobody registered to receive it
        }
        long msgId = request.msgId();
        long now = host.nanoTime();
        RequestType type;
        List<String> lines = new ArrayList<>();
        if (request instanceof PlatformRequest.Discover d) {
            type = RequestType.DISCOVER;
            lines.add("+MIPLDISCOVER: 0," + msgId + "," + d.objId());
        } else if (request instanceof PlatformRequest.Observe o) {
            type = RequestType.OBSERVE;
            if (!o.observe()) {
                observations.values().removeIf(obs -> obs.objId() == o.objId()
                        && (o.insId() < 0 || obs.insId() == o.insId()) && (o.resId() < 0 || obs.resId() == o.resId()));
            }
            lines.add("+MIPLOBSERVE: 0," + msgId + "," + (o.observe() ? 1 : 0) + "," + o.objId() + ","
                    + o.insId() + "," + o.resId());
        } else if (request instanceof PlatformRequest.Read r) {
            type = RequestType.READ;
            lines.add("+MIPLREAD: 0," + msgId + "," + r.objId() + "," + r.insId() + "," + r.resId());
        } else if (request instanceof PlatformRequest.Write w) {
            type = RequestType.WRITE;
            int count = w.items().size();
            for (int i = 0; i < count; i++) {
                PlatformRequest.WriteItem item = w.items().get(i);
                // 5.4: <valueType>,<len>,<value>,<flag>,<index>; index counts down to 0
                lines.add("+MIPLWRITE: 0," + msgId + "," + w.objId() + "," + w.insId() + "," + item.resId()
                        + "," + writeValue(item.value()) + ",0," + (count - 1 - i));
            }
        } else if (request instanceof PlatformRequest.Execute x) {
            type = RequestType.EXECUTE;
            lines.add("+MIPLEXECUTE: 0," + msgId + "," + x.objId() + "," + x.insId() + "," + x.resId()
                    + x.arguments().map(s -> "," + s.length() + ",\"" + s + "\"").orElse(""));
        } else {
            PlatformRequest.Parameter p = (PlatformRequest.Parameter) request;
            type = RequestType.PARAMETER;
            lines.add("+MIPLPARAMETER: 0," + msgId + "," + p.objId() + "," + p.insId() + "," + p.resId() + ","
                    + p.parameter().length() + ",\"" + p.parameter() + "\"");
        }
        Pending entry = new Pending(type, request, now);
        pending.put(msgId, entry);
        purged.remove(msgId);
        long s = session;
        host.schedule(profile.mipl().purgeAfter(), () -> purge(msgId, entry, s));
        lines.forEach(host::urc);
    }

    /** recv_data_format 0: {@code 2,<len>,<HEX>} (7.4.1); 1: {@code 1,<len>,<text>}. */
    private String writeValue(byte[] value) {
        int format = config != null ? config.recvDataFormat() : profile.mipl().defaultRecvDataFormat();
        if (format == 1) {
            return "1," + value.length + "," + new String(value, java.nio.charset.StandardCharsets.UTF_8);
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : value) {
            hex.append(String.format("%02X", b & 0xFF));
        }
        return "2," + value.length + "," + hex;
    }

    private void purge(long msgId, Pending entry, long s) {
        if (session == s && pending.get(msgId) == entry) {
            pending.remove(msgId);
            readParts.remove(msgId);
            purged.add(msgId);
            Iterator<Long> it = purged.iterator();
            while (purged.size() > PURGED_MEMORY && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static boolean in(long v, long min, long max) {
        return v >= min && v <= max;
    }

    /** 3.3.2: <ref> 0 is the only instance. */
    private static boolean isRef(Arg a) {
        OptionalLong r = a.integer();
        return r.isPresent() && r.getAsLong() == 0;
    }

    private static boolean refOnly(Extended e, int min, int max) {
        return e.argsWellFormed() && e.args().size() >= min && e.args().size() <= max && isRef(e.args().get(0));
    }
}
