package org.miplhil.learn;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Readiness;
import org.miplhil.launch.LaunchSettings;
import org.miplhil.link.LinkSpec;
import org.miplhil.link.Links;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;
import org.miplhil.power.PowerInput;
import org.miplhil.power.PowerSwitch;
import org.miplhil.power.VirtualPowerSwitch;
import org.miplhil.power.WakePin;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.suite.run.BenchException;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.RunPlatform;
import org.miplhil.suite.run.Target;

/**
 * The module the probes talk to, through the harness's {@link ModuleSession}: the virtual module on a fresh
 * pseudo-terminal (its profile and fault plan given), or a real one on the port {@code --target} names (as
 * {@code run}'s). Ready once it answers {@code AT}.
 * <p>
 * With it, the platform the module registers with, started as {@code run} starts it ({@link RunPlatform}: the
 * embedded platform on 127.0.0.1 and free ports for the virtual module, on {@code --platform-bind}/{@code --coap-port}
 * for a real one, or OneNET); the module reaches it through the registration's {@code AT+MIPLCONFIG}
 * ({@link Registration}). A platform that cannot start, or that a real module cannot reach, leaves the probes that
 * need it not run, with why ({@link #noPlatform()}).
 */
public final class ProbedModule implements AutoCloseable {

    private final ModuleSession session;
    private final Optional<RunPlatform> platform;
    private final String noPlatform;
    private final Optional<VirtualModule> virtual;
    private final Duration readyWithin;
    private final AutoCloseable[] owned;
    // the power-cycle and sleep probes' switches (the virtual module's own inputs, or a rack's channels)
    private PowerSwitch power;
    private Duration offTime = Duration.ofMillis(500);
    private WakePin wake;

    private ProbedModule(ModuleSession session, Duration readyWithin, PlatformStart platform, AutoCloseable... owned) {
        this.session = session;
        this.readyWithin = readyWithin;
        this.platform = platform.platform();
        this.noPlatform = platform.why();
        this.virtual = java.util.Arrays.stream(owned).filter(o -> o instanceof VirtualModule)
                .map(o -> (VirtualModule) o).findFirst();
        this.owned = owned;
    }

    public ModuleSession session() {
        return session;
    }

    /** The platform the module registers with; empty when there is none ({@link #noPlatform()} says why). */
    public Optional<RunPlatform> platform() {
        return platform;
    }

    /** The virtual module behind the port, when the target is {@code sim} (its fault plan, its power input). */
    public Optional<VirtualModule> virtual() {
        return virtual;
    }

    /** The switch in the module's supply, when there is one (the power-cycle probes). */
    public Optional<PowerSwitch> power() {
        return Optional.ofNullable(power);
    }

    /** How long a power cycle holds the supply off. */
    public Duration offTime() {
        return offTime;
    }

    /** The switch on the module's PSM_EINT, when there is one (the sleep probes). */
    public Optional<WakePin> wake() {
        return Optional.ofNullable(wake);
    }

    /** How long the module may take to answer and to attach (the registrations wait for the network this long). */
    public Duration readyWithin() {
        return readyWithin;
    }

    /**
     * A rack's switches for this module: its supply (held off {@code offTime} in a cycle) and its wake pin. The
     * module closes them with itself.
     */
    public ProbedModule withSwitches(Optional<PowerSwitch> supply, Duration hold, Optional<WakePin> pin) {
        supply.ifPresent(p -> {
            power = p;
            offTime = hold;
        });
        pin.ifPresent(w -> wake = w);
        return this;
    }

    /** Why there is no platform; empty when there is one. */
    public String noPlatform() {
        return noPlatform;
    }

    /** The platform {@code run} gives the virtual module: embedded, on the loopback address and free ports. */
    public static RunOptions simPlatform() {
        return new LaunchSettings(new Target.Sim(), null, null, null, null, null, null)
                .applyTo(RunOptions.builder(), Map.of()).options().build();
    }

    /** The platform started, or why not. */
    private record PlatformStart(Optional<RunPlatform> platform, String why) {
        static PlatformStart of(Optional<RunOptions> options, Target target) {
            if (options.isEmpty()) {
                return new PlatformStart(Optional.empty(), "no platform was given");
            }
            try {
                RunPlatform p = RunPlatform.start(options.get());
                Optional<String> unreachable = p.unreachableBy(target);
                if (unreachable.isPresent()) {
                    p.close();
                    return new PlatformStart(Optional.empty(), unreachable.get());
                }
                return new PlatformStart(Optional.of(p), "");
            } catch (BenchException | RuntimeException e) {
                return new PlatformStart(Optional.empty(), e.getMessage());
            }
        }
    }

    /** The virtual module with the embedded platform {@code run} gives it ({@link #simPlatform()}). */
    public static ProbedModule virtual(FirmwareProfile profile, FaultPlan faults, Duration readyWithin) throws IOException {
        return virtual(profile, faults, readyWithin, Optional.of(simPlatform()));
    }

    /**
     * The virtual module running {@code profile} with {@code faults}, powered up and attached ({@code +IP}), and the
     * platform {@code platformOptions} start (none: the probes that need one are not run).
     */
    public static ProbedModule virtual(FirmwareProfile profile, FaultPlan faults, Duration readyWithin,
                                       Optional<RunOptions> platformOptions) throws IOException {
        PtyPair pty = PtyPair.open();
        ModuleSession session = null;
        VirtualModule module = null;
        try {
            // the harness's port first, so nothing the module prints at power-up is lost
            session = ModuleSession.open(SerialLink.open(pty.slavePath().toString()));
            module = VirtualModule.builder().link(pty.master()).profile(profile).faultPlan(faults).build().start();
            session.expectUrc("\\+IP: .*", readyWithin);
            PlatformStart p = PlatformStart.of(platformOptions, new Target.Sim());
            VirtualModule vm = module;
            ProbedModule probed = new ProbedModule(session, readyWithin, p, p.platform().orElse(null), module, pty);
            // the virtual module's own supply and PSM_EINT: the power-cycle and sleep probes run on it
            probed.power = new VirtualPowerSwitch(PowerInput.of(vm::powerOff, vm::powerOn, vm::isPowered));
            probed.offTime = Duration.ofMillis(100);
            probed.wake = WakePin.virtual(vm::pullWakePin);
            return probed;
        } catch (IOException | RuntimeException | AssertionError e) {
            closeAll(session, module, pty);
            throw new IOException("the virtual module did not start: " + e.getMessage(), e);
        }
    }

    /** A real module on {@code link}, without a platform. */
    public static ProbedModule hardware(LinkSpec link, Duration within) throws IOException {
        return hardware(link, within, Optional.empty(), null);
    }

    /**
     * A real module on {@code link}: {@code AT} once a second until it answers OK, for at most {@code within}; then the
     * platform {@code platformOptions} start ({@code target}: the module as {@code --target} named it).
     */
    public static ProbedModule hardware(LinkSpec link, Duration within, Optional<RunOptions> platformOptions,
                                        Target target) throws IOException {
        ModuleSession session = ModuleSession.open(Links.open(link)); // a port that cannot be opened: IOException
        Optional<String> silent = Readiness.awaitAt(session, within);
        if (silent.isEmpty()) {
            PlatformStart p = PlatformStart.of(platformOptions, target);
            return new ProbedModule(session, within, p, p.platform().orElse(null));
        }
        session.close();
        throw new Silent("the module did not answer AT with OK within " + within.toSeconds() + " s; last: "
                + silent.get());
    }

    /** The port opened but the module answered nothing the probes could start with. */
    public static final class Silent extends IOException {
        public Silent(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        closeAll(session);
        closeAll(power, wake);
        closeAll(owned);
    }

    private static void closeAll(AutoCloseable... all) {
        for (AutoCloseable c : all) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing goes on
                }
            }
        }
    }
}
