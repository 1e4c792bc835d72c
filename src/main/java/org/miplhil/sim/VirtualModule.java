package org.miplhil.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.miplhil.at.AtCommandLine;
import org.miplhil.at.CommandHead;
import org.miplhil.at.EventId;
import org.miplhil.at.LineFramer;
import org.miplhil.at.RawLine;
import org.miplhil.link.Chunk;
import org.miplhil.link.Link;
import org.miplhil.link.LinkListener;
import org.miplhil.sim.MiplInterpreter.Deferred;
import org.miplhil.sim.MiplInterpreter.Outcome;
import org.miplhil.sim.MiplInterpreter.Reply;
import org.miplhil.sim.fault.FaultAction;
import org.miplhil.sim.fault.FaultEngine;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.sim.fota.FotaEngine;
import org.miplhil.sim.fota.FotaListener;
import org.miplhil.sim.fota.FotaStage;
import org.miplhil.sim.fota.FotaState;
import org.miplhil.sim.fota.NvStore;
import org.miplhil.sim.lwm2m.LeshanRegistrar;
import org.miplhil.sim.lwm2m.Lwm2mSettings;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.sleep.SleepController;
import org.miplhil.sim.sleep.SleepState;

/**
 * The virtual BC260Y-CN: the AT front end of the module on a {@link Link} (the master side of a pseudo-terminal
 * pair, or a pipe in unit tests).
 *
 * <p>Threads: the link's reader thread only hands chunks over; everything else (framing, the interpreter, the
 * output path, timers, registrar events) runs on the module's one thread, so commands are answered one at a
 * time, in order, and every line goes out whole. A command's reply is framed {@code \r\n<info>\r\n} then
 * {@code \r\n<result>\r\n} (3.1.2), a URC {@code \r\n<urc>\r\n}; with echo on (ATE1), the command line and its CR
 * are echoed first.
 *
 * <p>Power: {@link #powerOff()} makes the module silent and forgets everything the note marks "not saved to
 * NVRAM" (which is all its OneNET state); the link stays open. {@link #powerOn()} writes the profile's power-up
 * lines ({@code RDY}, {@code +CFUN: 1}, {@code +IP: ...}); commands are read from the first of them on.
 *
 * <p>Sleep ({@link SleepController}, {@code docs/virtual-module.md} "Sleep"): with {@code AT+QSCLK} 1 (the power-up
 * value) the module goes to light sleep when the RRC connection is released and to deep sleep when the radio reaches
 * PSM (the T3324 active time later; {@link NetworkState}); in deep sleep it reads nothing from the link
 * and receives nothing from the network until {@link #pullWakePin()} or its own timers wake it.
 *
 * <p>DFOTA (chapter 6, {@code docs/virtual-module.md}): the module's own LwM2M objects /3, /4 and /5 take a package
 * URI and an update command from the platform; {@link FotaEngine} downloads, checks and applies the package and
 * restarts the module. The firmware revision, the DFOTA stage and the update progress are kept in a
 * non-volatile storage file ({@link Builder#nvFile}) that survives {@link #powerOff()}.
 */
public final class VirtualModule implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Link link;
    private final FirmwareProfile profile;
    private final Registrar registrar;
    private final boolean ownsRegistrar;
    private final boolean startPowered;
    private final TrafficListener traffic;
    private final Consumer<UrcEmission> urcListener;
    private final int urcHistory;
    private final ScheduledThreadPoolExecutor thread;
    private volatile Thread moduleThread;
    private volatile FaultEngine faults;
    private final ArrayDeque<UrcEmission> recentUrcs = new ArrayDeque<>();
    private final FotaEngine fota;
    private final SleepController sleep;
    private final QsclkCommand qsclk;

    // module-thread state
    private final MiplInterpreter interpreter;
    private final ErrorForm errorForm;
    private final NetworkState network;
    private final GeneralCommands general;
    private final AtFrontEnd frontEnd;
    private final LineFramer framer;
    private final ArrayDeque<RawLine> queue = new ArrayDeque<>();
    private boolean powered;
    private boolean ready;
    private int epoch;
    private boolean busy;
    private DeferredCommand deferred;
    private Held held;
    private volatile boolean closed;
    private volatile boolean poweredView;

    private record DeferredCommand(Optional<FaultEngine.Applied> fault, ScheduledFuture<?> timeout, List<String> before,
                                   Runnable beforeAfter) {}

    private record Held(byte[] bytes, List<String> urcLines, ScheduledFuture<?> flush) {}

    private VirtualModule(Builder b) {
        this.link = Objects.requireNonNull(b.link, "link");
        this.profile = Objects.requireNonNull(b.profile, "profile");
        this.ownsRegistrar = b.registrar == null;
        this.registrar = b.registrar != null ? b.registrar : new LeshanRegistrar(Lwm2mSettings.from(profile));
        this.startPowered = b.startPowered;
        this.traffic = b.traffic != null ? b.traffic : new TrafficListener() {};
        this.urcListener = b.urcListener != null ? b.urcListener : e -> {};
        this.urcHistory = b.urcHistory;
        this.faults = new FaultEngine(b.faultPlan != null ? b.faultPlan : FaultPlan.none());
        this.framer = LineFramer.forCommands(profile.at().maxLineLength());
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "virtual-module " + link.name());
            t.setDaemon(true);
            moduleThread = t;
            return t;
        });
        this.thread.setRemoveOnCancelPolicy(true);
        this.sleep = new SleepController(profile.sleep(), new SleepHost());
        this.qsclk = new QsclkCommand(profile, sleep);
        this.errorForm = new ErrorForm(profile);
        this.interpreter = new MiplInterpreter(profile, new InterpreterHost(), errorForm);
        this.network = new NetworkState(profile, new NetworkHost());
        this.general = new GeneralCommands(profile, network, errorForm, new GeneralHost());
        this.frontEnd = new AtFrontEnd(general, interpreter, network);
        this.fota = new FotaEngine(profile, b.nvFile != null ? NvStore.at(b.nvFile) : NvStore.temporary(),
                new FotaHost());
        this.registrar.firmware(fota);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts reading the link; powers the module on unless the builder said {@code startPowered(false)}. */
    public VirtualModule start() {
        link.start(new LinkListener() {
            @Override
            public void onChunk(Chunk chunk) {
                submit(() -> onBytes(chunk));
            }

            @Override
            public void onClosed(Throwable causeOrNull) {
                submit(() -> traffic.problem("link " + link.name() + " closed"
                        + (causeOrNull == null ? "" : ": " + causeOrNull)));
            }
        });
        if (startPowered) {
            powerOn();
        }
        return this;
    }

    /** Power input on: the power-up sequence of the profile follows. No effect when already on. */
    public void powerOn() {
        call(this::doPowerOn);
    }

    /** Power input off: silent at once, volatile state lost, registration abandoned without deregistering. */
    public void powerOff() {
        call(this::doPowerOff);
    }

    public boolean isPowered() {
        return poweredView;
    }

    /** Sleep now (AT+QSCLK; docs/virtual-module.md "Sleep"). */
    public SleepState sleepState() {
        return sleep.state();
    }

    /**
     * A falling edge on the PSM_EINT pin: wakes deep sleep (the wake-up line follows after the profile's
     * {@code sleep.wake-time}) and light sleep. Returns whether the module was asleep.
     */
    public boolean pullWakePin() {
        boolean[] woke = {false};
        call(() -> woke[0] = sleep.wakePin());
        return woke[0];
    }

    /** Told of every sleep state change, on the module thread, in order. */
    public void addSleepListener(Consumer<SleepState> listener) {
        sleep.addListener(listener);
    }

    public void removeSleepListener(Consumer<SleepState> listener) {
        sleep.removeListener(listener);
    }

    /** The DFOTA state now: stage, update progress, firmware revision, update result (chapter 6). */
    public FotaState fotaState() {
        return fota.state();
    }

    /** Told of every DFOTA state change, on the module thread, in order. */
    public void addFotaListener(FotaListener listener) {
        fota.addListener(Objects.requireNonNull(listener, "listener"));
    }

    public void removeFotaListener(FotaListener listener) {
        fota.removeListener(listener);
    }

    /** The file of the module's non-volatile storage (revision, DFOTA stage and progress). */
    public java.nio.file.Path nvFile() {
        return fota.nvStore().file();
    }

    /** Replaces the fault plan from now on (counters start again). */
    public void replaceFaultPlan(FaultPlan plan) {
        faults = new FaultEngine(Objects.requireNonNull(plan, "plan"));
    }

    public FaultPlan faultPlan() {
        return faults.plan();
    }

    public FirmwareProfile profile() {
        return profile;
    }

    public Registrar registrar() {
        return registrar;
    }

    public Link link() {
        return link;
    }

    /** The most recent URCs written (oldest first), up to the builder's {@code urcHistory}. */
    public List<UrcEmission> recentUrcs() {
        synchronized (recentUrcs) {
            return List.copyOf(recentUrcs);
        }
    }

    /** Stops the module thread (and the registrar it created). The link is its owner's to close. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            call(() -> {
                if (powered) {
                    doPowerOff();
                }
            });
        } catch (RuntimeException ignored) {
            // closing goes on
        }
        closed = true;
        thread.shutdownNow();
        fota.nvStore().discard();
        if (ownsRegistrar && registrar instanceof LeshanRegistrar leshan) {
            leshan.shutdown();
        }
    }

    // ---------------------------------------------------------------- module thread

    private void submit(Runnable task) {
        try {
            thread.execute(() -> guarded(task));
        } catch (RejectedExecutionException e) {
            // closed: the module no longer exists
        }
    }

    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            traffic.problem("virtual module: " + e);
            e.printStackTrace();
        }
    }

    /** Runs on the module thread and waits for it (directly when already there). */
    private void call(Runnable task) {
        if (Thread.currentThread() == moduleThread) {
            task.run();
            return;
        }
        if (closed) {
            throw new IllegalStateException("the virtual module is closed");
        }
        Future<?> f = thread.submit(() -> guarded(task));
        try {
            f.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("virtual module did not act within " + CALL_TIMEOUT + ": " + e, e);
        }
    }

    /** Runs later on the module thread, unless the power was cycled meanwhile. */
    private ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        int e = epoch;
        try {
            return thread.schedule(() -> guarded(() -> {
                if (e == epoch) {
                    task.run();
                }
            }), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException ex) {
            return null;
        }
    }

    private void doPowerOn() {
        if (powered) {
            return;
        }
        powered = true;
        poweredView = true;
        ready = false;
        epoch++;
        framer.flush(); // a partial line from before is gone
        interpreter.powerUp();
        errorForm.powerUp();
        general.powerUp();
        network.powerUp(profile.at().cfun());
        sleep.powerOn(profile.at().qsclk());
        FotaEngine.Boot boot = fota.powerOn();
        if (boot instanceof FotaEngine.Boot.ContinueUpdate) {
            return; // 6.2: the update goes on first, reading nothing; the engine restarts the module after it
        }
        Duration at = Duration.ZERO;
        List<FirmwareProfile.PowerUpStep> steps = profile.powerUp();
        if (steps.isEmpty()) {
            ready = true;
            network.attachNow(false);
            sleep.ready();
        }
        // 7.10.6: after an update, RDY, +CFUN: 1, then +QIND: "FOTA","END",<err> before the data connection's line
        int endAfter = -1;
        if (boot instanceof FotaEngine.Boot.AfterUpdate after) {
            int attachAt = 0;
            while (attachAt < steps.size() && !steps.get(attachAt).attach()) {
                attachAt++;
            }
            endAfter = attachAt == steps.size() ? steps.size() - 1 : attachAt - 1;
            for (int k = 0; k < attachAt && k < steps.size(); k++) {
                if (steps.get(k).line().startsWith("+CFUN")) {
                    endAfter = k; // 7.10.6: the END line follows +CFUN: 1 (the +CPIN: READY line comes after it)
                }
            }
            if (endAfter < 0) {
                String end = FotaEngine.endLine(after.upgradeErr());
                schedule(Duration.ZERO, () -> emitUrc(end));
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            FirmwareProfile.PowerUpStep step = steps.get(i);
            at = at.plus(step.after());
            String end = i == endAfter ? FotaEngine.endLine(((FotaEngine.Boot.AfterUpdate) boot).upgradeErr()) : null;
            schedule(at, () -> {
                if (!ready) {
                    sleep.ready(); // the idle time runs from the first line on
                }
                ready = true;
                if (step.attach()) {
                    network.attachNow(false); // the step's own line is the +IP:
                    sleep.activity(); // the attach was data: the idle time runs from here
                }
                emitUrc(substitute(step.line()));
                if (end != null) {
                    emitUrc(end);
                }
            });
        }
    }

    /** 6.1.3: the module restarts by itself after the update; the power input stays on. */
    private void reboot() {
        if (!powered) {
            return;
        }
        doPowerOff(true);
        doPowerOn();
    }

    /** AT+QRST=1: the module restarts by itself (OK was written); the power input stays on. */
    private void restart() {
        if (!powered) {
            return;
        }
        doPowerOff(false);
        doPowerOn();
    }

    private String substitute(String line) {
        return line.replace("${ip-address}", profile.network().ipAddress())
                .replace("${cfun}", Integer.toString(profile.at().cfun()));
    }

    private void doPowerOff() {
        doPowerOff(false);
    }

    private void doPowerOff(boolean reboot) {
        if (!powered) {
            return;
        }
        fota.powerOff(reboot);
        powered = false;
        poweredView = false;
        ready = false;
        epoch++;
        queue.clear();
        busy = false;
        framer.flush();
        if (held != null) {
            cancel(held.flush());
            held = null;
        }
        if (deferred != null) {
            cancel(deferred.timeout());
            deferred = null;
        }
        interpreter.powerUp(); // what was volatile is gone
        sleep.powerOff();
        network.powerUp(profile.at().cfun());
        try {
            registrar.powerLost();
        } catch (RuntimeException e) {
            traffic.problem("registrar failed on power loss: " + e);
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    private void onBytes(Chunk chunk) {
        if (!powered || !ready) {
            return; // a module without power, or still booting, reads nothing
        }
        if (!sleep.uartBytes()) {
            // deep sleep: the UART is no wake-up source (only PSM_EINT and the timers are), the bytes are lost
            traffic.problem("deep sleep: " + chunk.bytes().length + " bytes on the UART lost");
            framer.flush();
            return;
        }
        for (RawLine line : framer.feed(chunk.bytes(), chunk.nanoTime(), chunk.wallTime())) {
            traffic.received(line.text(), line.lastByteNanos(), chunk.wallTime());
            queue.add(line);
        }
        pump();
    }

    /** Takes the next command while none is in progress. */
    private void pump() {
        while (!busy && powered && !queue.isEmpty()) {
            process(queue.poll());
        }
    }

    private void process(RawLine line) {
        sleep.activity(); // a command keeps the module awake
        FotaStage stage = fota.state().stage();
        FirmwareProfile.BusyCommands rule = stage == FotaStage.UPDATING ? profile.fota().whileUpdating()
                : stage == FotaStage.DOWNLOADING && isMipl(line.text()) ? profile.fota().whileDownloading()
                : FirmwareProfile.BusyCommands.ANSWER;
        if (rule == FirmwareProfile.BusyCommands.IGNORE) {
            traffic.problem("DFOTA " + stage + ": '" + line.text() + "' not read (fota.while-"
                    + (stage == FotaStage.UPDATING ? "updating" : "downloading") + ")");
            return;
        }
        busy = true;
        if (rule == FirmwareProfile.BusyCommands.ERROR) {
            if (frontEnd.echo()) {
                writeOut((line.text() + "\r").getBytes(StandardCharsets.UTF_8), List.of());
            }
            deliver(new Reply(List.of(), profile.fota().busyReply(), () -> {}), Optional.empty(), Duration.ZERO, false);
            return;
        }
        if (rule == FirmwareProfile.BusyCommands.FAIL_DOWNLOAD) {
            fota.failDownload("the MCU sent '" + line.text() + "' while downloading (6.1.1)");
        }
        if (frontEnd.echo()) {
            writeOut((line.text() + "\r").getBytes(StandardCharsets.UTF_8), List.of());
        }
        Outcome outcome = frontEnd.handle(line);
        if (outcome instanceof MiplInterpreter.Silent) {
            busy = false;
            return;
        }
        Optional<FaultEngine.Applied> fault = faults.onCommand(line.text());
        if (outcome instanceof Deferred d) {
            ScheduledFuture<?> timeout = schedule(d.timeout(), () -> completeDeferred(d.onTimeout()));
            deferred = new DeferredCommand(fault, timeout, d.before(), d.beforeAfter());
            return;
        }
        deliver((Reply) outcome, fault, profile.responseDelays().forCommand(commandKey(line.text())), false);
    }

    private void completeDeferred(Reply reply) {
        DeferredCommand d = deferred;
        if (d == null) {
            return;
        }
        deferred = null;
        cancel(d.timeout());
        Reply whole = d.before().isEmpty() ? reply : new Reply(concatLines(d.before(), reply.info()), reply.finalLine(),
                () -> {
                    d.beforeAfter().run();
                    reply.after().run();
                });
        deliver(whole, d.fault(), Duration.ZERO, true);
    }

    private static List<String> concatLines(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Whether the line (read as V.250 reads it) holds a MIPL command. */
    private static boolean isMipl(String line) {
        return V250Line.commands(line).orElse(List.of()).stream().anyMatch(c -> AtCommandLine.head(c).toOptional()
                .map(h -> h.name().startsWith("+MIPL")).orElse(false));
    }

    /** The profile's response-delay key of the line's first command: {@code AT+MIPLOPEN}, {@code ATI}, {@code AT}. */
    private static String commandKey(String line) {
        String first = V250Line.commands(line).map(c -> c.get(0)).orElse(line);
        return "AT" + AtCommandLine.head(first).toOptional().map(CommandHead::name).orElse("");
    }

    private void deliver(Reply reply, Optional<FaultEngine.Applied> fault, Duration delay, boolean pumpAfter) {
        Duration total = delay;
        if (fault.isPresent() && fault.get().action() instanceof FaultAction.Delay d) {
            total = total.plus(d.by());
        }
        if (total.isZero() || total.isNegative()) {
            finishReply(reply, fault);
            if (pumpAfter) {
                pump();
            }
        } else {
            schedule(total, () -> {
                finishReply(reply, fault);
                pump();
            });
        }
    }

    /** Writes the reply as the fault (if any) says, then lets the command's consequences happen. */
    private void finishReply(Reply reply, Optional<FaultEngine.Applied> fault) {
        byte[] bytes = frameReply(reply);
        FaultAction action = fault.map(FaultEngine.Applied::action).orElse(null);
        if (action == null || action instanceof FaultAction.Delay) {
            writeOut(bytes, List.of());
        } else if (action instanceof FaultAction.Reply r) {
            writeOut(frameLines(r.lines()), List.of());
        } else if (action instanceof FaultAction.Duplicate) {
            writeOut(concat(bytes, bytes), List.of());
        } else if (action instanceof FaultAction.SwapNext s) {
            hold(bytes, List.of(), s.maxHold());
        } else if (action instanceof FaultAction.Garble g) {
            writeOut(garble(bytes, g.bytes()), List.of());
        } // Drop: nothing at all
        busy = false;
        try {
            reply.after().run();
        } catch (RuntimeException e) {
            traffic.problem("after " + reply.finalLine() + ": " + e);
        }
    }

    /** A URC through the fault plan. */
    private void emitUrc(String line) {
        if (!powered) {
            return;
        }
        Optional<FaultEngine.Applied> fault = faults.onUrc(line);
        FaultAction action = fault.map(FaultEngine.Applied::action).orElse(null);
        byte[] bytes = frameLines(List.of(line));
        if (action == null) {
            writeOut(bytes, List.of(line));
        } else if (action instanceof FaultAction.Delay d) {
            schedule(d.by(), () -> writeOut(bytes, List.of(line)));
        } else if (action instanceof FaultAction.Reply r) {
            for (String replacement : r.lines()) {
                writeOut(frameLines(List.of(replacement)), List.of(replacement));
            }
        } else if (action instanceof FaultAction.Duplicate) {
            writeOut(bytes, List.of(line));
            writeOut(bytes, List.of(line));
        } else if (action instanceof FaultAction.SwapNext s) {
            hold(bytes, List.of(line), s.maxHold());
        } else if (action instanceof FaultAction.Garble g) {
            writeOut(garble(bytes, g.bytes()), List.of(line));
        } // Drop: nothing at all
    }

    private void hold(byte[] bytes, List<String> urcLines, Duration maxHold) {
        if (held != null) {
            flushHeld();
        }
        ScheduledFuture<?> flush = schedule(maxHold, this::flushHeld);
        held = new Held(bytes, urcLines, flush);
    }

    private void flushHeld() {
        Held h = held;
        if (h != null) {
            held = null;
            cancel(h.flush());
            writeOut(h.bytes(), h.urcLines());
        }
    }

    /** Writes bytes; records URC lines with the time after their last byte; a held line follows. */
    private void writeOut(byte[] bytes, List<String> urcLines) {
        long nanos;
        try {
            nanos = link.write(bytes);
        } catch (IOException e) {
            traffic.problem("write to " + link.name() + " failed: " + e.getMessage());
            return;
        }
        Instant wall = Instant.now();
        traffic.sent(bytes, nanos, wall);
        for (String line : urcLines) {
            UrcEmission emission = new UrcEmission(line, nanos, wall);
            synchronized (recentUrcs) {
                recentUrcs.addLast(emission);
                while (recentUrcs.size() > urcHistory) {
                    recentUrcs.removeFirst();
                }
            }
            urcListener.accept(emission);
        }
        if (held != null) {
            flushHeld(); // swap-next: the held line goes right after the next one written
        }
    }

    // ---------------------------------------------------------------- framing (3.1.2)

    /** {@code \r\n<info lines joined by \r\n>\r\n} then {@code \r\n<final>\r\n}. */
    static byte[] frameReply(Reply reply) {
        StringBuilder sb = new StringBuilder();
        if (!reply.info().isEmpty()) {
            sb.append("\r\n").append(String.join("\r\n", reply.info())).append("\r\n");
        }
        sb.append("\r\n").append(reply.finalLine()).append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Each line as {@code \r\n<line>\r\n}. */
    static byte[] frameLines(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append("\r\n").append(l).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Inserts the garble bytes after the leading CR LF, before the first character of the first line. */
    static byte[] garble(byte[] framed, byte[] insert) {
        int at = framed.length >= 2 && framed[0] == '\r' && framed[1] == '\n' ? 2 : 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(framed, 0, at);
        out.write(insert, 0, insert.length);
        out.write(framed, at, framed.length - at);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ---------------------------------------------------------------- the interpreter's view

    private final class InterpreterHost implements MiplInterpreter.Host {
        @Override
        public void urc(String line) {
            emitUrc(line);
        }

        @Override
        public void schedule(Duration delay, Runnable task) {
            VirtualModule.this.schedule(delay, task);
        }

        @Override
        public void completeDeferred(Reply reply) {
            VirtualModule.this.completeDeferred(reply);
        }

        @Override
        public RegistrarEvents newSession(long session) {
            return new Sink(epoch, session);
        }

        @Override
        public Registrar registrar() {
            return registrar;
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public List<UrcEmission> recentUrcs() {
            return VirtualModule.this.recentUrcs();
        }

        @Override
        public String firmwareRevision() {
            return fota.revision();
        }

        @Override
        public Outcome qsclk(org.miplhil.at.ParsedCommand.Form form, List<org.miplhil.at.Param> params) {
            return qsclk.handle(form, params);
        }
    }

    /** What the sleep model does through the module. */
    private final class SleepHost implements SleepController.Host {
        @Override
        public SleepController.Cancellable schedule(Duration delay, Runnable task) {
            ScheduledFuture<?> f = VirtualModule.this.schedule(delay, task);
            return () -> cancel(f);
        }

        @Override
        public void urc(String line) {
            emitUrc(line);
        }

        @Override
        public void restartIdleTime() {
            network.activity();
        }

        @Override
        public void radio(boolean on) {
            try {
                registrar.radio(on);
            } catch (RuntimeException e) {
                traffic.problem("registrar failed to switch the radio " + (on ? "on" : "off") + ": " + e);
            }
        }

        @Override
        public boolean mayRest() {
            FotaStage stage = fota.state().stage();
            return !busy && deferred == null && queue.isEmpty() && interpreter.mayRest()
                    && stage != FotaStage.DOWNLOADING && stage != FotaStage.UPDATING;
        }

        @Override
        public void note(String message) {
            traffic.problem("sleep: " + message);
        }
    }

    /** What the radio state does through the module. */
    private final class NetworkHost implements NetworkState.Host {
        @Override
        public void urc(String line) {
            emitUrc(line);
        }

        @Override
        public void schedule(Duration delay, Runnable task) {
            VirtualModule.this.schedule(delay, task);
        }

        @Override
        public void dataConnectionUp() {
            interpreter.attach();
        }

        @Override
        public void dataConnectionLost() {
            interpreter.dataConnectionLost();
            try {
                registrar.powerLost(); // radio off: nothing more reaches the platform, no deregistration
            } catch (RuntimeException e) {
                traffic.problem("registrar failed on losing the data connection: " + e);
            }
        }

        @Override
        public void active() {
            sleep.idleTimeRestarted();
        }

        @Override
        public void idle() {
            sleep.rrcReleased();
        }

        @Override
        public void psm() {
            sleep.psmReached();
        }
    }

    private final class GeneralHost implements GeneralCommands.Host {
        @Override
        public void restart() {
            VirtualModule.this.restart();
        }

        @Override
        public String firmwareRevision() {
            return fota.revision();
        }
    }

    /** What the DFOTA engine does through the module. */
    private final class FotaHost implements FotaEngine.Host {
        @Override
        public void urc(String line) {
            emitUrc(line);
        }

        @Override
        public void post(Runnable task) {
            submit(task);
        }

        @Override
        public void schedule(Duration delay, Runnable task) {
            VirtualModule.this.schedule(delay, task);
        }

        @Override
        public void reboot() {
            VirtualModule.this.reboot();
        }

        @Override
        public void firmwareChanged() {
            try {
                registrar.firmwareChanged();
            } catch (RuntimeException e) {
                traffic.problem("registrar failed on a firmware change: " + e);
            }
        }

        @Override
        public void registrationUpdate() {
            interpreter.registrationUpdate();
        }

        @Override
        public void problem(String message) {
            traffic.problem(message);
        }
    }

    /** Events of one registration session; dropped once the session or the power-on period is over. */
    private final class Sink implements RegistrarEvents {
        private final int sinkEpoch;
        private final long session;

        Sink(int sinkEpoch, long session) {
            this.sinkEpoch = sinkEpoch;
            this.session = session;
        }

        private boolean live() {
            return powered && sinkEpoch == epoch && session == interpreter.session();
        }

        @Override
        public void event(EventId event) {
            submit(() -> {
                if (live()) {
                    sleep.wakeByTimer(); // asleep, only the module's own timers make events (3.3.1 remark 2)
                    network.dataActivity();
                    interpreter.onEvent(event, OptionalLong.empty());
                    if (event == EventId.REG_SUCCESS && live()) {
                        fota.registered(); // 6.1.3: the result of an update is reported now
                    }
                }
            });
        }

        @Override
        public void event(EventId event, long extend) {
            submit(() -> {
                if (live()) {
                    sleep.wakeByTimer();
                    network.dataActivity();
                    interpreter.onEvent(event, OptionalLong.of(extend));
                }
            });
        }

        @Override
        public void request(PlatformRequest request) {
            submit(() -> {
                if (live()) {
                    if (!sleep.downlink()) {
                        traffic.problem("deep sleep: " + request + " not received");
                        return;
                    }
                    network.dataActivity();
                    interpreter.onRequest(request);
                }
            });
        }
    }

    // ---------------------------------------------------------------- builder

    public static final class Builder {
        private Link link;
        private FirmwareProfile profile;
        private FaultPlan faultPlan;
        private Registrar registrar;
        private boolean startPowered = true;
        private TrafficListener traffic;
        private Consumer<UrcEmission> urcListener;
        private int urcHistory = 1024;
        private java.nio.file.Path nvFile;

        private Builder() {}

        /**
         * The module's non-volatile storage (firmware revision, DFOTA stage and progress): kept across power cuts
         * and across runs. Default: a fresh temporary file, deleted on {@link VirtualModule#close()}.
         */
        public Builder nvFile(java.nio.file.Path file) {
            this.nvFile = file;
            return this;
        }

        /** The module's side of the serial line (required). */
        public Builder link(Link link) {
            this.link = link;
            return this;
        }

        /** The firmware profile (required). */
        public Builder profile(FirmwareProfile profile) {
            this.profile = profile;
            return this;
        }

        /** Faults to inject; default none. */
        public Builder faultPlan(FaultPlan plan) {
            this.faultPlan = plan;
            return this;
        }

        /**
         * The LwM2M side; default a {@link LeshanRegistrar} (a real LwM2M client, settings from the profile's
         * {@code lwm2m} section) the module creates and shuts down. Unit tests without network give a
         * {@link StandInRegistrar}.
         */
        public Builder registrar(Registrar registrar) {
            this.registrar = registrar;
            return this;
        }

        /** Whether {@link #start()} powers the module on (default true). */
        public Builder startPowered(boolean startPowered) {
            this.startPowered = startPowered;
            return this;
        }

        public Builder trafficListener(TrafficListener listener) {
            this.traffic = listener;
            return this;
        }

        /** Called on the module thread after each URC is written. */
        public Builder urcListener(Consumer<UrcEmission> listener) {
            this.urcListener = listener;
            return this;
        }

        /** How many URC emissions {@link #recentUrcs()} keeps (default 1024). */
        public Builder urcHistory(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("urcHistory must be at least 1: " + count);
            }
            this.urcHistory = count;
            return this;
        }

        public VirtualModule build() {
            return new VirtualModule(this);
        }
    }

    @Override
    public String toString() {
        return "VirtualModule[" + link.name() + ", " + profile.identity().model() + " " + profile.identity().revision()
                + (poweredView ? "" : ", off") + "]";
    }
}
