package org.miplhil.launch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.sim.fault.FaultPlanLoader;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.Target;
import org.miplhil.yaml.LoadResult;

/**
 * What a run of suites is launched with, as {@code ./mipl-hil run} (its picocli options) and the JUnit engine (its
 * configuration parameters) both take it; the defaults live here once. An absent setting ({@code null}) takes the
 * target's default: the virtual module's platform on loopback and any free ports, a real module's on every address
 * and the LwM2M ports 5683/5684.
 *
 * @param target        the module; null: {@link #DEFAULT_TARGET}
 * @param profile       a firmware profile replacing every suite's
 * @param platformHost  the platform's address as the module must reach it ({@code ${platform.host}})
 * @param platformBind  the address the embedded platform binds
 * @param coapPort      the LwM2M server's UDP port
 * @param bootstrapPort the bootstrap server's UDP port
 * @param simFaults     a fault plan for every case on the virtual module
 * @param platform      which platform ({@code embedded}, {@code onenet} or {@code container}) and how OneNET is
 *                      reached; the four
 *                      settings above are the embedded platform's
 */
public record LaunchSettings(Target target, Path profile, String platformHost, String platformBind, Integer coapPort,
                             Integer bootstrapPort, Path simFaults, PlatformChoice platform) {

    public LaunchSettings {
        platform = platform == null ? PlatformChoice.none() : platform;
    }

    /** The embedded platform. */
    public LaunchSettings(Target target, Path profile, String platformHost, String platformBind, Integer coapPort,
                          Integer bootstrapPort, Path simFaults) {
        this(target, profile, platformHost, platformBind, coapPort, bootstrapPort, simFaults, PlatformChoice.none());
    }

    /** The target without a {@code --target} or {@code mipl-hil.target}. */
    public static final String DEFAULT_TARGET = "sim";
    /** The suites directory without a path. */
    public static final Path DEFAULT_SUITES = Path.of("suites");
    /** A real module reaches the platform from outside: it binds every address. */
    public static final String HARDWARE_BIND = "0.0.0.0";
    /** The LwM2M ports (OMA LwM2M 1.0 over CoAP) a real module is configured for. */
    public static final int HARDWARE_COAP_PORT = 5683;
    public static final int HARDWARE_BOOTSTRAP_PORT = 5684;

    /**
     * The options filled in; {@code settings}: an address or port that makes no sense; {@code faultPlan}: the fault
     * plan's own problems ({@code file:line:column: message}).
     */
    public record Applied(RunOptions.Builder options, List<String> settings, List<String> faultPlan) {
        public boolean ok() {
            return settings.isEmpty() && faultPlan.isEmpty();
        }
    }

    public Target targetOrDefault() {
        return target != null ? target : new Target.Sim();
    }

    /**
     * Fills {@code b}: target, profile, platform host, bind address and ports (defaults for the target), the fault
     * plan loaded (unless a setting is wrong already). Problems (an unknown bind address, a port out of range, a fault
     * plan that does not load) are returned, never thrown.
     */
    public Applied applyTo(RunOptions.Builder b) {
        return applyTo(b, System.getenv());
    }

    /** The same with OneNET's credentials read from {@code env} (the variables {@link PlatformChoice} names). */
    /** Each of the embedded platform's options given, refused with why it does not apply to the chosen platform. */
    private void refuseEmbeddedOptions(List<String> problems, String why) {
        Map<String, Object> embedded = new java.util.LinkedHashMap<>();
        embedded.put("--platform-host", platformHost);
        embedded.put("--platform-bind", platformBind);
        embedded.put("--coap-port", coapPort);
        embedded.put("--bootstrap-port", bootstrapPort);
        embedded.forEach((option, v) -> {
            if (v != null) {
                problems.add(option + " is the embedded platform's; " + why);
            }
        });
    }

    public Applied applyTo(RunOptions.Builder b, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        b.onenet(platform.resolve(env, problems).orElse(null));
        b.secrets(platform.credentials(env).secrets()); // redacted from the reports whatever the platform
        b.container(platform.isContainer());
        if (platform.isContainer() && target != null && !target.isSim()) {
            // the lab publishes its ports on 127.0.0.1 only: a module on a radio network cannot reach them
            problems.add("--platform container publishes the platform's ports on 127.0.0.1 only, which a real module"
                    + " cannot reach: use it with the virtual module (--target sim)");
        }
        if (platform.isContainer()) {
            refuseEmbeddedOptions(problems, "with --platform container the module reaches the container's relay on"
                    + " 127.0.0.1 at ports chosen for the run");
        }
        if (platform.isOneNet()) {
            // OneNET's addresses are --onenet-coap and --onenet-bootstrap; nothing is bound for the module
            refuseEmbeddedOptions(problems, "with --platform onenet give --onenet-coap and --onenet-bootstrap");
        }
        List<String> planErrors = new ArrayList<>();
        Target t = targetOrDefault();
        b.target(t).profile(profile).platformHost(platformHost);
        try {
            b.platformBind(platformBind != null ? InetAddress.getByName(platformBind)
                    : t.isSim() ? InetAddress.getLoopbackAddress() : InetAddress.getByName(HARDWARE_BIND));
        } catch (UnknownHostException e) {
            problems.add("--platform-bind: unknown address '" + platformBind + "'");
        }
        for (Integer port : new Integer[] {coapPort, bootstrapPort}) {
            if (port != null && (port < 0 || port > 65535)) {
                problems.add("a port must be 0..65535, found " + port);
            }
        }
        b.coapPort(coapPort != null ? coapPort : t.isSim() ? 0 : HARDWARE_COAP_PORT);
        b.bootstrapPort(bootstrapPort != null ? bootstrapPort : t.isSim() ? 0 : HARDWARE_BOOTSTRAP_PORT);
        if (simFaults != null && problems.isEmpty()) {
            LoadResult<FaultPlan> plan = FaultPlanLoader.load(simFaults);
            if (plan.isOk()) {
                b.simFaults(simFaults, plan.orElseThrow());
            } else {
                planErrors.addAll(plan.errors());
            }
        }
        return new Applied(b, List.copyOf(problems), List.copyOf(planErrors));
    }
}
