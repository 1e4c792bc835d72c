package org.miplhil.suite.run;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.miplhil.platform.onenet.client.OneNetSettings;
import org.miplhil.power.PowerSpec;
import org.miplhil.sim.fault.FaultPlan;

/**
 * How a run goes: which module, what the embedded platform listens on and how the module reaches it, the fault
 * plan and profile of the virtual module, how many times. Built with {@link #builder()}.
 *
 * @param target         the module
 * @param simFaults      a fault plan the virtual module runs with in every case (a suite's own plan replaces it)
 * @param simFaultsFile  where it came from, for the report
 * @param profile        a firmware profile that replaces every suite's: the virtual module's behaviour and
 *                       {@code ${profile.*}}
 * @param repeat         how many times the selected cases run (1 or more)
 * @param platformBind   the address the embedded platform binds (loopback for the virtual module)
 * @param platformHost   the platform's address as the module sees it ({@code ${platform.host}}); empty: the bind
 *                       address
 * @param coapPort       the LwM2M server's UDP port (0: any free port)
 * @param bootstrapPort  the bootstrap server's UDP port (0: any free port)
 * @param imei           the module's IMEI when it cannot be asked ({@code AT+CGSN=1}); empty: ask
 * @param imsi           the module's IMSI; empty: ask ({@code AT+CIMI}) or, on the virtual module, its profile's
 * @param readyWithin    how long the module may take to answer {@code AT} (and, virtual, to attach) before a run
 * @param power          the switch in a real module's supply (a rack file's {@code power:}); empty: power steps
 *                       cannot run on hardware
 * @param rackName       the rack, for the report; empty without one
 * @param wake           the switch on a real module's PSM_EINT (a rack file's {@code wake:}); empty: wake steps
 *                       cannot run on hardware
 * @param onenet         OneNET as the platform ({@code --platform onenet}): the adapter's settings, the module
 *                       pointed at OneNET's addresses; empty: the embedded platform
 * @param secrets        values never to appear in a report (OneNET's credentials found in the environment, whatever
 *                       the platform)
 * @param container      the platform in a container for the run ({@code --platform container}): started before any
 *                       case, reached through OneNET's adapter, the module pointed at the relay in front of it
 * @param failFast       the health check before the run, the circuit breaker and {@code --max-failures}
 */
public record RunOptions(Target target, Optional<FaultPlan> simFaults, Optional<Path> simFaultsFile,
                         Optional<Path> profile, int repeat, InetAddress platformBind, Optional<String> platformHost,
                         int coapPort, int bootstrapPort, Optional<String> imei, Optional<String> imsi,
                         Duration readyWithin, Optional<PowerSpec> power, Optional<String> rackName,
                         Optional<org.miplhil.power.WakeSpec> wake, Optional<OneNetSettings> onenet, java.util.List<String> secrets, boolean container,
                         FailFast failFast) {

    public RunOptions {
        Objects.requireNonNull(target, "target");
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1: " + repeat);
        }
        Objects.requireNonNull(platformBind, "platformBind");
        onenet = onenet == null ? Optional.empty() : onenet;
        secrets = secrets == null ? java.util.List.of() : java.util.List.copyOf(secrets);
        failFast = failFast == null ? FailFast.OFF : failFast;
    }

    /**
     * How a run stops early on a dead module.
     *
     * @param healthCheck whether the module answers AT, attaches and registers once before the first case
     *                    ({@code --no-health-check} turns it off)
     * @param breaker     after this many cases in a row failed before their first own step with the same cause, the
     *                    rest are not run ({@code --breaker K}; 0: off)
     * @param maxFailures after this many failed or broken cases, the rest are not run ({@code --max-failures N};
     *                    0: no limit)
     */
    public record FailFast(boolean healthCheck, int breaker, int maxFailures) {
        /** The defaults of {@code ./mipl-hil run} and the JUnit engine: the check on, the breaker at 3, no budget. */
        public static final FailFast DEFAULT = new FailFast(true, CircuitBreaker.DEFAULT_THRESHOLD, 0);
        /**
         * The builder's default: every case runs, as for callers that run the catalogue against a module meant to be
         * defective ({@code mutate}, the benchmarks), where the cases, not a check before them, must tell.
         */
        public static final FailFast OFF = new FailFast(false, 0, 0);

        public FailFast {
            if (breaker < 0) {
                throw new IllegalArgumentException("the breaker's threshold must be 0 (off) or more: " + breaker);
            }
            if (maxFailures < 0) {
                throw new IllegalArgumentException("max failures must be 0 (no limit) or more: " + maxFailures);
            }
        }
    }

    /** How messages and the report name the platform in a container. */
    public static final String CONTAINER_NAME = "the platform in a container";

    /** How messages and the report name the run's platform. */
    public String platformName() {
        return container ? CONTAINER_NAME : onenet.isPresent() ? "OneNET" : "the embedded platform";
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * These options for one module of a fleet: its own target, identity, supply and wake line; the platform on a port
     * of its own (any free one) when it is the embedded platform, so that the modules' platforms never meet.
     */
    public RunOptions forModule(Target moduleTarget, Optional<String> moduleImei, Optional<String> moduleImsi,
                                Optional<PowerSpec> modulePower, Optional<org.miplhil.power.WakeSpec> moduleWake) {
        boolean embedded = onenet.isEmpty() && !container;
        return new RunOptions(moduleTarget, simFaults, simFaultsFile, profile, repeat, platformBind, platformHost,
                embedded ? 0 : coapPort, embedded ? 0 : bootstrapPort, moduleImei, moduleImsi, readyWithin,
                modulePower, rackName, moduleWake, onenet, secrets, container, failFast);
    }

    /** The same options with another firmware profile replacing every suite's (a rack module's own, a fleet lane's). */
    public RunOptions withProfile(Optional<Path> otherProfile) {
        return new RunOptions(target, simFaults, simFaultsFile, otherProfile, repeat, platformBind, platformHost,
                coapPort, bootstrapPort, imei, imsi, readyWithin, power, rackName, wake, onenet, secrets, container,
                failFast);
    }

    /** The platform's host as the module must write it in {@code AT+MIPLCONFIG}: OneNET's LwM2M server's host. */
    public String advertisedHost() {
        if (onenet.isPresent()) {
            return onenet.get().coap().getHostString();
        }
        return platformHost.orElseGet(() -> platformBind.isAnyLocalAddress()
                ? InetAddress.getLoopbackAddress().getHostAddress() : platformBind.getHostAddress());
    }

    public static final class Builder {
        private Target target = new Target.Sim();
        private FaultPlan simFaults;
        private Path simFaultsFile;
        private Path profile;
        private int repeat = 1;
        private InetAddress platformBind = InetAddress.getLoopbackAddress();
        private String platformHost;
        private int coapPort;
        private int bootstrapPort;
        private String imei;
        private String imsi;
        private Duration readyWithin = Duration.ofSeconds(30);
        private PowerSpec power;
        private String rackName;
        private org.miplhil.power.WakeSpec wake;
        private OneNetSettings onenet;
        private java.util.List<String> secrets = java.util.List.of();
        private boolean container;
        private FailFast failFast = FailFast.OFF;

        private Builder() {
        }

        /** The health check, the circuit breaker and {@code --max-failures}. */
        public Builder failFast(FailFast f) {
            this.failFast = f;
            return this;
        }

        /** The platform in a container for the run ({@code --platform container}). */
        public Builder container(boolean inContainer) {
            this.container = inContainer;
            return this;
        }

        /** Values the report redacts wherever they appear. */
        public Builder secrets(java.util.List<String> values) {
            this.secrets = values;
            return this;
        }

        /** OneNET as the platform; null: the embedded platform. */
        public Builder onenet(OneNetSettings settings) {
            this.onenet = settings;
            return this;
        }

        public Builder power(PowerSpec power) {
            this.power = power;
            return this;
        }

        public Builder wake(java.util.Optional<org.miplhil.power.WakeSpec> wake) {
            this.wake = wake.orElse(null);
            return this;
        }

        public Builder rackName(String name) {
            this.rackName = name;
            return this;
        }

        public Builder target(Target target) {
            this.target = target;
            return this;
        }

        public Builder simFaults(Path file, FaultPlan plan) {
            this.simFaultsFile = file;
            this.simFaults = plan;
            return this;
        }

        public Builder profile(Path profile) {
            this.profile = profile;
            return this;
        }

        public Builder repeat(int repeat) {
            this.repeat = repeat;
            return this;
        }

        public Builder platformBind(InetAddress address) {
            this.platformBind = address;
            return this;
        }

        public Builder platformHost(String host) {
            this.platformHost = host;
            return this;
        }

        public Builder coapPort(int port) {
            this.coapPort = port;
            return this;
        }

        public Builder bootstrapPort(int port) {
            this.bootstrapPort = port;
            return this;
        }

        public Builder imei(String imei) {
            this.imei = imei;
            return this;
        }

        public Builder imsi(String imsi) {
            this.imsi = imsi;
            return this;
        }

        public Builder readyWithin(Duration d) {
            this.readyWithin = d;
            return this;
        }

        public RunOptions build() {
            return new RunOptions(target, Optional.ofNullable(simFaults), Optional.ofNullable(simFaultsFile),
                    Optional.ofNullable(profile), repeat, platformBind, Optional.ofNullable(platformHost), coapPort,
                    bootstrapPort, Optional.ofNullable(imei), Optional.ofNullable(imsi), readyWithin,
                    Optional.ofNullable(power), Optional.ofNullable(rackName), Optional.ofNullable(wake),
                    Optional.ofNullable(onenet), secrets, container, failFast);
        }
    }
}
