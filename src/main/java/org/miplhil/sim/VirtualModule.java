package org.miplhil.sim;

import org.miplhil.sim.registrar.Registrar;
import org.miplhil.sim.registrar.RegistrarEvents;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.miplhil.link.Chunk;
import org.miplhil.link.Link;
import org.miplhil.link.LinkListener;
import org.miplhil.sim.Outcome;
import org.miplhil.sim.Outcome.Reply;
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
 * <p>This class assembles the module and holds its public API and the power input; each role is a class of its own
 * (all in {@code org.miplhil.sim}, all on the module's one thread):
 * <ul>
 * <li>{@link ModuleThread}: the thread, and timers that a power cycle drops. The link's reader thread only hands
 *     chunks over; everything else runs here, so commands are answered one at a time and every line goes out whole.
 * <li>{@link CommandRunner}: bytes to lines, the command queue, echo, response delays, deferred replies, the fault
 *     plan's command faults; {@link AtFrontEnd} sends each command to {@link GeneralCommands} or
 *     {@link MiplInterpreter}.
 * <li>{@link SerialOutput}: replies framed {@code \r\n<info>\r\n} then {@code \r\n<result>\r\n} (3.1.2), URCs
 *     {@code \r\n<urc>\r\n} through the fault plan, held lines, the URC history with timestamps.
 * <li>{@link PowerUpSequence}: the profile's power-up lines after power-on.
 * <li>{@link NetworkState}: CFUN/CGATT/CEREG/CSCON/CPSMS and the radio's idle timing (RRC release, T3324, PSM);
 *     {@link SleepController} reacts to it (AT+QSCLK, light and deep sleep, wake-ups).
 * <li>{@link SessionEvents}: the registrar's events and requests of one registration, onto the module thread.
 * <li>{@link FotaEngine}: DFOTA.
 * </ul>
 * The inner {@code *Host} classes below are the only wiring between them.
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

    private final Link link;
    private final FirmwareProfile profile;
    private final Registrar registrar;
    private final boolean ownsRegistrar;
    private final boolean startPowered;
    private final TrafficListener traffic;
    private final ModuleThread thread;
    private volatile FaultEngine faults;
    private final FotaEngine fota;
    private final SleepController sleep;
    private final QsclkCommand qsclk;

    // module-thread state
    private final MiplInterpreter interpreter;
    private final ErrorForm errorForm;
    private final NetworkState network;
    private final GeneralCommands general;
    private final SerialOutput output;
    private final CommandRunner commands;
    private final PowerUpSequence powerUp;
    private boolean powered;
    private volatile boolean poweredView;

    private VirtualModule(Builder b) {
        this.link = Objects.requireNonNull(b.link, "link");
        this.profile = Objects.requireNonNull(b.profile, "profile");
        this.ownsRegistrar = b.registrar == null;
        this.registrar = b.registrar != null ? b.registrar : new LeshanRegistrar(Lwm2mSettings.from(profile));
        this.startPowered = b.startPowered;
        this.traffic = b.traffic != null ? b.traffic : new TrafficListener() {};
        this.faults = new FaultEngine(b.faultPlan != null ? b.faultPlan : FaultPlan.none());
        this.thread = new ModuleThread("virtual-module " + link.name(), traffic::problem);
        this.output = new SerialOutput(link, thread, traffic, b.urcListener != null ? b.urcListener : e -> {},
                b.urcHistory, () -> faults, () -> powered);
        this.sleep = new SleepController(profile.sleep(), new SleepHost());
        this.qsclk = new QsclkCommand(profile, sleep);
        this.errorForm = new ErrorForm(profile);
        this.interpreter = new MiplInterpreter(profile, new InterpreterHost(), errorForm);
        this.network = new NetworkState(profile, new NetworkHost());
        this.general = new GeneralCommands(profile, network, errorForm, new GeneralHost());
        this.fota = new FotaEngine(profile, b.nvFile != null ? NvStore.at(b.nvFile) : NvStore.temporary(),
                new FotaHost());
        AtFrontEnd frontEnd = new AtFrontEnd(general, interpreter, network, b.harnessCommands, new HarnessHost(output, thread));
        this.commands = new CommandRunner(profile, thread, output, frontEnd, sleep, fota, () -> faults, traffic);
        this.powerUp = new PowerUpSequence(profile, thread, output::urc, network, sleep, commands);
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
                thread.submit(() -> commands.onBytes(chunk));
            }

            @Override
            public void onClosed(Throwable causeOrNull) {
                thread.submit(() -> traffic.problem("link " + link.name() + " closed"
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
        thread.call(this::doPowerOn);
    }

    /** Power input off: silent at once, volatile state lost, registration abandoned without deregistering. */
    public void powerOff() {
        thread.call(this::doPowerOff);
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
        thread.call(() -> woke[0] = sleep.wakePin());
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
        return output.recentUrcs();
    }

    /** Stops the module thread (and the registrar it created). The link is its owner's to close. */
    @Override
    public void close() {
        if (thread.closed()) {
            return;
        }
        try {
            thread.call(() -> {
                if (powered) {
                    doPowerOff();
                }
            });
        } catch (RuntimeException ignored) {
            // closing goes on
        }
        thread.shutdown();
        fota.nvStore().discard();
        if (ownsRegistrar && registrar instanceof LeshanRegistrar leshan) {
            leshan.shutdown();
        }
    }

    // ---------------------------------------------------------------- power (module thread)

    private void doPowerOn() {
        if (powered) {
            return;
        }
        powered = true;
        poweredView = true;
        thread.nextEpoch();
        commands.powerOn();
        output.powerOn(); // the fault plan's power-on lines
        interpreter.powerUp();
        errorForm.powerUp();
        general.powerUp();
        network.powerUp(profile.at().cfun());
        sleep.powerOn(profile.at().qsclk());
        FotaEngine.Boot boot = fota.powerOn();
        if (boot instanceof FotaEngine.Boot.ContinueUpdate) {
            return; // 6.2: the update goes on first, reading nothing; the engine restarts the module after it
        }
        powerUp.run(boot);
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
        thread.nextEpoch();
        commands.powerOff();
        output.powerOff();
        interpreter.powerUp(); // what was volatile is gone
        sleep.powerOff();
        network.powerUp(profile.at().cfun());
        try {
            registrar.powerLost();
        } catch (RuntimeException e) {
            traffic.problem("registrar failed on power loss: " + e);
        }
    }

    // ---------------------------------------------------------------- framing (3.1.2), for tests

    static byte[] frameReply(Reply reply) {
        return SerialOutput.frameReply(reply);
    }

    static byte[] garble(byte[] framed, byte[] insert) {
        return SerialOutput.garble(framed, insert);
    }

    // ---------------------------------------------------------------- the interpreter's view

    private final class InterpreterHost implements MiplInterpreter.Host {
        @Override
        public void urc(String line) {
            output.urc(line);
        }

        @Override
        public void schedule(Duration delay, Runnable task) {
            thread.schedule(delay, task);
        }

        @Override
        public void completeDeferred(Reply reply) {
            commands.completeDeferred(reply);
        }

        @Override
        public RegistrarEvents newSession(long session) {
            return new SessionEvents(thread, () -> powered, interpreter, network, sleep, fota, traffic, session);
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
            ScheduledFuture<?> f = thread.schedule(delay, task);
            return () -> ModuleThread.cancel(f);
        }

        @Override
        public void urc(String line) {
            output.urc(line);
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
            return commands.idle() && interpreter.mayRest()
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
            output.urc(line);
        }

        @Override
        public void schedule(Duration delay, Runnable task) {
            thread.schedule(delay, task);
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
            output.urc(line);
        }

        @Override
        public void post(Runnable task) {
            thread.submit(task);
        }

        @Override
        public void schedule(Duration delay, Runnable task) {
            thread.schedule(delay, task);
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
        private final java.util.Map<String, HarnessCommand> harnessCommands = new java.util.HashMap<>();

        private Builder() {}

        /**
         * A command of the harness that no firmware has (the bench's URC burst, {@code AT+HILBENCH}), answered by
         * the module's front end beside the firmware's commands; one per name, the last given wins.
         */
        public Builder harnessCommand(HarnessCommand command) {
            this.harnessCommands.put(command.name(), command);
            return this;
        }

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
