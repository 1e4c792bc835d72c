package org.miplhil.suite.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.miplhil.platform.DeviceScope;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.Platform;
import org.miplhil.platform.onenet.client.DeviceLookup;
import org.miplhil.platform.onenet.client.OneNetPlatform;
import org.miplhil.platform.onenet.client.OneNetSettings;
import org.miplhil.power.PowerException;
import org.miplhil.power.PowerSpec;
import org.miplhil.power.PowerSwitch;
import org.miplhil.power.PowerSwitches;
import org.miplhil.sim.lwm2m.LeshanRegistrar;
import org.miplhil.sim.lwm2m.Lwm2mSettings;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.sim.profile.FirmwareProfile;

/**
 * What a run sets up around the module: the platform (the embedded LwM2M platform with its bootstrap server, or
 * OneNET through its adapter) and the module itself. The virtual module is started for the first suite and kept while the suites use the same firmware
 * profile; a real module is opened once.
 * <p>
 * In a fleet the embedded platform may be one for every module ({@link #onShared}): the bench then sees it through a
 * {@link DeviceScope} of its module's IMEI (the module's events, notifications, requests, campaigns and downloads
 * only, its {@link PlatformWatch} hearing of those only) and leaves it running when it closes.
 */
final class Bench implements AutoCloseable {

    private final RunOptions options;
    private final Platform platform;
    private final PlatformWatch watch = new PlatformWatch();
    private ModuleUnderTest module;
    /** The adapter when OneNET is the platform (the platform field may be a view of it). */
    private OneNetPlatform oneNet;
    /** The adapter's settings when it is the platform's way in (OneNET, or the platform in a container). */
    private Optional<OneNetSettings> oneNetSettings = Optional.empty();
    /** The platform in a container and its relay (started and closed by the runner), when it is the platform. */
    private Optional<org.miplhil.container.PlatformLab> lab = Optional.empty();
    private final List<PowerSwitch> switches = new ArrayList<>();
    /** Whether closing the bench closes the platform (not when the platform is a fleet's, shared). */
    private boolean ownsPlatform = true;

    private Bench(RunOptions options, Platform platform) {
        this.options = options;
        this.platform = platform;
        platform.addListener(watch);
    }

    /**
     * A bench on a platform the caller started and closes, which other modules share: seen through the view of this
     * module's device (its IMEI: the module's once open, else the options'), then through {@code view}.
     */
    static Bench onShared(RunOptions options, Platform shared, java.util.function.UnaryOperator<Platform> view) {
        Bench[] self = new Bench[1];
        DeviceScope scope = new DeviceScope(shared, () -> self[0] == null ? options.imei() : self[0].moduleImei());
        Bench b = new Bench(options, view.apply(scope));
        self[0] = b;
        b.ownsPlatform = false;
        return b;
    }

    /** The IMEI of the module under test: asked of the module once open, else the one the run was given. */
    private Optional<String> moduleImei() {
        ModuleUnderTest m = module;
        if (m != null && m.imei() != null && !m.imei().isEmpty()) {
            return Optional.of(m.imei());
        }
        return options.imei();
    }

    /** Starts the run's platform: OneNET through its adapter, or the embedded platform. */
    static Bench start(RunOptions options) throws BenchException {
        return start(options, java.util.function.UnaryOperator.identity());
    }

    /** The same, the platform seen through {@code view} (tests: a platform that lacks capabilities). */
    static Bench start(RunOptions options, java.util.function.UnaryOperator<Platform> view) throws BenchException {
        return start(options, view, Optional.empty());
    }

    /**
     * The same with the platform in a container ({@code lab}): reached through OneNET's adapter at the lab's API,
     * polling, the module pointed at the lab's relay.
     */
    static Bench start(RunOptions options, java.util.function.UnaryOperator<Platform> view,
                       Optional<org.miplhil.container.PlatformLab> lab) throws BenchException {
        Optional<OneNetSettings> settings = lab.isPresent()
                ? Optional.of(ContainerPlatform.settings(lab.get(), options.onenet().map(OneNetSettings::credentials)
                .orElseGet(() -> org.miplhil.platform.onenet.OneNetCredentials.fromEnvironment(System.getenv()))))
                : options.onenet();
        if (settings.isPresent()) {
            OneNetPlatform oneNet = startOneNet(settings.get(), lab.isPresent());
            Bench b = new Bench(options, view.apply(oneNet));
            b.oneNet = oneNet;
            b.oneNetSettings = settings;
            b.lab = lab;
            return b;
        }
        try {
            LeshanPlatform p = LeshanPlatform.builder().address(options.platformBind()).coapPort(options.coapPort())
                    .bootstrapPort(options.bootstrapPort())
                    // the package URI of a FOTA campaign must carry the address the module reaches, not the bind address
                    .packageHost(options.advertisedHost()).start();
            return new Bench(options, view.apply(p));
        } catch (RuntimeException e) {
            throw BenchException.infrastructure("cannot start the embedded LwM2M platform on "
                    + options.platformBind().getHostAddress() + " (CoAP port " + options.coapPort() + ", bootstrap port "
                    + options.bootstrapPort() + "): " + e.getMessage(), e);
        }
    }

    /** OneNET as the platform: the adapter connected (and its push receiver listening), or why it is not. */
    private static OneNetPlatform startOneNet(OneNetSettings s, boolean inContainer) throws BenchException {
        String where = (inContainer ? RunOptions.CONTAINER_NAME + ": its OneNET-shaped " : "OneNET's ")
                + s.api().word() + " API at " + s.baseUrl()
                + s.pushUrl().map(u -> " (push to " + u + ")").orElse(" (polling, no push URL)");
        try {
            OneNetPlatform p = OneNetPlatform.start(s);
            try {
                p.probe();
            } catch (IOException e) {
                p.close();
                throw e;
            }
            return p;
        } catch (IOException | RuntimeException e) {
            // the adapter's messages name no credential (OneNetCredentials redacts); the report redacts them besides
            throw BenchException.infrastructure("cannot start " + (inContainer ? RunOptions.CONTAINER_NAME
                    : "OneNET") + " as the platform: " + where + ": " + e.getMessage(), e);
        }
    }

    Platform platform() {
        return platform;
    }

    /** What the platform can give the cases, under the name messages use for it. */
    PlatformNeeds needs() {
        return new PlatformNeeds(platform, options.platformName());
    }

    PlatformWatch watch() {
        return watch;
    }

    /** The platform's host as the module sees it (OneNET's or the lab relay's LwM2M server's host). */
    String platformHost() {
        return oneNetSettings.map(o -> o.coap().getHostString()).orElseGet(options::advertisedHost);
    }

    /** The bootstrap server's host as the module sees it: OneNET's own (or the lab's relay), else the platform's host. */
    String bootstrapHost() {
        return oneNetSettings.flatMap(OneNetSettings::bootstrap).map(InetSocketAddress::getHostString)
                .orElseGet(this::platformHost);
    }

    /** The platform in a container, when it is the run's platform. */
    Optional<org.miplhil.container.PlatformLab> lab() {
        return lab;
    }

    int coapPort() {
        return platform.coapPort();
    }

    int bootstrapPort() {
        return platform.bootstrapPort();
    }

    /**
     * The module for a suite: on the virtual target, the virtual module running {@code profile} (started, or
     * restarted when the previous suite used another profile), its defaults pointing at the run's platform.
     */
    ModuleUnderTest module(Path profileFile, FirmwareProfile profile) throws BenchException {
        if (options.target() instanceof Target.Hardware hw) {
            if (module == null) {
                module = HardwareModule.open(hw, options, options.power().map(this::supply));
                ensureDevice(module);
            }
            return module;
        }
        if (module instanceof SimModule sim && Objects.equals(sim.profileFile(), profileFile)) {
            return module;
        }
        closeModule();
        FirmwareProfile pointed = SimProfiles.pointedAt(SimProfiles.identified(profile, options.imei(),
                options.imsi()), platformHost(), coapPort(), bootstrapHost(), bootstrapPort());
        LeshanRegistrar registrar = new LeshanRegistrar(Lwm2mSettings.from(pointed));
        module = SimModule.open(profileFile, pointed, registrar, registrar::shutdown,
                options.simFaults().orElse(FaultPlan.none()), options.readyWithin());
        ensureDevice(module);
        return module;
    }

    /**
     * On OneNET the module's device must exist before it registers: found by IMEI, created with its IMSI when absent.
     * A device that can be neither is the run's infrastructure failing, with OneNET's answer.
     */
    private void ensureDevice(ModuleUnderTest m) throws BenchException {
        if (oneNet == null) {
            return;
        }
        DeviceLookup d = oneNet.ensureDevice(m.imei(), m.imsi());
        if (!d.present()) {
            throw BenchException.infrastructure("OneNET has no device for the module (IMEI " + m.imei() + "): "
                    + d.status() + ": " + d.message(), null);
        }
    }

    /** The rack's power switch, opened on first use (a switch that cannot be opened fails the power step). */
    private Supply supply(PowerSpec spec) {
        return new Supply() {
            private Supply opened;

            private Supply opened() throws PowerException {
                if (opened == null) {
                    PowerSwitch power = PowerSwitches.open(spec, System.getenv(), Optional.empty());
                    switches.add(power);
                    opened = Supply.of(power);
                }
                return opened;
            }

            @Override
            public void off() throws Exception {
                opened().off();
            }

            @Override
            public void on() throws Exception {
                opened().on();
            }

            @Override
            public String describe() {
                return "the rack's power switch (" + spec.driver() + ")";
            }
        };
    }

    Optional<ModuleUnderTest> currentModule() {
        return Optional.ofNullable(module);
    }

    private void closeModule() {
        if (module != null) {
            module.close();
            module = null;
        }
    }

    @Override
    public void close() {
        closeModule();
        switches.forEach(PowerSwitch::close);
        platform.removeListener(watch);
        if (ownsPlatform) {
            platform.close();
        }
    }
}
