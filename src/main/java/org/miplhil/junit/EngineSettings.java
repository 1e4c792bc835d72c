package org.miplhil.junit;

import java.nio.file.Path;
import org.junit.platform.engine.ConfigurationParameters;
import org.miplhil.fleet.VirtualFleet;
import org.miplhil.launch.LaunchSettings;
import org.miplhil.launch.PlatformChoice;
import org.miplhil.report.ReportLayout;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.Target;

/**
 * The engine's configuration parameters (Surefire's {@code configurationParameters}, {@code junit-platform.properties}
 * or {@code -D} system properties), read into the {@link LaunchSettings} that {@code ./mipl-hil run} builds from its
 * options: the defaults and the fault plan's loading are that record's, not the engine's.
 *
 * <table>
 * <caption>parameters</caption>
 * <tr><td>{@code mipl-hil.suites}</td><td>directory of the suites (default {@code suites})</td></tr>
 * <tr><td>{@code mipl-hil.target}</td><td>{@code sim} (default), {@code serial:DEVICE[@BAUD]}, {@code tcp:HOST:PORT}</td></tr>
 * <tr><td>{@code mipl-hil.report}</td><td>report directory (default {@code target/mipl-hil})</td></tr>
 * <tr><td>{@code mipl-hil.profile}</td><td>a firmware profile replacing every suite's</td></tr>
 * <tr><td>{@code mipl-hil.sim-faults}</td><td>a fault plan for every case on the virtual module</td></tr>
 * <tr><td>{@code mipl-hil.platform-host}</td><td>the platform's address as a real module reaches it</td></tr>
 * <tr><td>{@code mipl-hil.platform}</td><td>{@code embedded} (default), {@code onenet} or {@code container} (the
 * platform in a container for the run; needs Docker: without it every case is broken with the reason)</td></tr>
 * <tr><td>{@code mipl-hil.onenet.api}</td><td>{@code legacy} (default) or {@code current}</td></tr>
 * <tr><td>{@code mipl-hil.onenet.url}</td><td>the API's base URL (default: the API's own)</td></tr>
 * <tr><td>{@code mipl-hil.onenet.coap}</td><td>HOST:PORT of OneNET's LwM2M server (default: the note's)</td></tr>
 * <tr><td>{@code mipl-hil.onenet.bootstrap}</td><td>HOST:PORT of OneNET's bootstrap server (default: the
 * note's)</td></tr>
 * <tr><td>{@code mipl-hil.onenet.push-url}</td><td>the URL OneNET pushes to (default: none, poll)</td></tr>
 * <tr><td>{@code mipl-hil.onenet.push-bind}</td><td>HOST:PORT the push receiver listens on (default: loopback and
 * the push URL's port)</td></tr>
 * <tr><td>{@code mipl-hil.onenet.product}</td><td>OneNET's product id</td></tr>
 * <tr><td>{@code mipl-hil.health-check}</td><td>{@code true} (default): the module answers AT, attaches and registers
 * once before the first case, a failure is one failing test and every case is skipped with the verdict;
 * {@code false}: no check</td></tr>
 * <tr><td>{@code mipl-hil.breaker}</td><td>after K cases in a row failed in setup with the same cause the rest are
 * skipped (default 3; 0: off)</td></tr>
 * <tr><td>{@code mipl-hil.max-failures}</td><td>after N failed or broken cases the rest are skipped (default 0: no
 * limit)</td></tr>
 * <tr><td>{@code mipl-hil.parallel}</td><td>N virtual modules running the cases at once, sharded as {@code ./mipl-hil
 * run --parallel N} does (longest expected first, each case once, on whichever module is free); {@code auto}: as
 * many as {@code --parallel} without a number; {@code 0} (default): one module, one case at a time. The virtual
 * module and the embedded platform only.</td></tr>
 * </table>
 * OneNET's credentials come from the environment ({@code ONENET_API_KEY} ...), as for {@code ./mipl-hil run}.
 */
record EngineSettings(Path suites, ReportLayout layout, RunOptions options, int parallel) {

    static final String SUITES = "mipl-hil.suites";
    static final String TARGET = "mipl-hil.target";
    static final String REPORT = "mipl-hil.report";
    static final String PROFILE = "mipl-hil.profile";
    static final String SIM_FAULTS = "mipl-hil.sim-faults";
    static final String PLATFORM_HOST = "mipl-hil.platform-host";
    static final String PLATFORM = "mipl-hil.platform";
    static final String ONENET_API = "mipl-hil.onenet.api";
    static final String ONENET_URL = "mipl-hil.onenet.url";
    static final String ONENET_COAP = "mipl-hil.onenet.coap";
    static final String ONENET_BOOTSTRAP = "mipl-hil.onenet.bootstrap";
    static final String ONENET_PUSH_URL = "mipl-hil.onenet.push-url";
    static final String ONENET_PUSH_BIND = "mipl-hil.onenet.push-bind";
    static final String ONENET_PRODUCT = "mipl-hil.onenet.product";
    static final String HEALTH_CHECK = "mipl-hil.health-check";
    static final String BREAKER = "mipl-hil.breaker";
    static final String MAX_FAILURES = "mipl-hil.max-failures";
    static final String PARALLEL = "mipl-hil.parallel";
    /** Under Maven the reports go beside Surefire's, not into the command line's {@code reports}. */
    static final String DEFAULT_REPORT = "target/mipl-hil";

    /** @throws IllegalArgumentException for a parameter that makes no sense (the engine reports it) */
    static EngineSettings from(ConfigurationParameters params) {
        return from(params, System.getenv());
    }

    /** {@code env}: where OneNET's credentials are read. */
    static EngineSettings from(ConfigurationParameters params, java.util.Map<String, String> env) {
        Path suites = params.get(SUITES).map(Path::of).orElse(LaunchSettings.DEFAULT_SUITES);
        ReportLayout layout = new ReportLayout(Path.of(params.get(REPORT).orElse(DEFAULT_REPORT)));
        Target.Parsed parsed = Target.parse(params.get(TARGET).orElse(LaunchSettings.DEFAULT_TARGET));
        if (parsed instanceof Target.Parsed.Invalid invalid) {
            throw new IllegalArgumentException(TARGET + ": " + invalid.message());
        }
        LaunchSettings launch = new LaunchSettings(((Target.Parsed.Ok) parsed).target(),
                params.get(PROFILE).map(Path::of).orElse(null), params.get(PLATFORM_HOST).orElse(null), null, null,
                null, params.get(SIM_FAULTS).map(Path::of).orElse(null), platform(params));
        LaunchSettings.Applied applied = launch.applyTo(RunOptions.builder(), env);
        if (!applied.settings().isEmpty()) {
            // the messages name the command line's options: name the parameters instead
            throw new IllegalArgumentException(String.join("; ", applied.settings().stream()
                    .map(EngineSettings::parameterNames).toList()));
        }
        if (!applied.faultPlan().isEmpty()) {
            throw new IllegalArgumentException(SIM_FAULTS + ": " + String.join("; ", applied.faultPlan()));
        }
        RunOptions options = applied.options().failFast(failFast(params)).build();
        return new EngineSettings(suites, layout, options, parallel(params, options));
    }

    /** {@code mipl-hil.parallel}: 0 (serial), N, or {@code auto}; the virtual module on the embedded platform only. */
    static int parallel(ConfigurationParameters params, RunOptions options) {
        String v = params.get(PARALLEL).map(String::trim).orElse("0");
        int n;
        if (v.equalsIgnoreCase("auto")) {
            n = VirtualFleet.defaultSize();
        } else {
            try {
                n = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 0) {
                throw new IllegalArgumentException(PARALLEL + ": expected a number of virtual modules (0: one case"
                        + " at a time) or auto, found '" + v + "'");
            }
        }
        if (n > 0 && !(options.target() instanceof Target.Sim)) {
            throw new IllegalArgumentException(PARALLEL + " starts virtual modules: it takes no real module ("
                    + TARGET + " = " + options.target().describe() + ")");
        }
        if (n > 0 && (options.onenet().isPresent() || options.container())) {
            throw new IllegalArgumentException(PARALLEL + " runs with the embedded platform only, not "
                    + options.platformName());
        }
        return n;
    }

    /** {@code mipl-hil.health-check}, {@code mipl-hil.breaker}, {@code mipl-hil.max-failures}. */
    static RunOptions.FailFast failFast(ConfigurationParameters params) {
        RunOptions.FailFast d = RunOptions.FailFast.DEFAULT;
        String check = params.get(HEALTH_CHECK).map(String::trim).orElse("true");
        if (!check.equalsIgnoreCase("true") && !check.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(HEALTH_CHECK + ": expected true or false, found '" + check + "'");
        }
        return new RunOptions.FailFast(Boolean.parseBoolean(check), count(params, BREAKER, d.breaker()),
                count(params, MAX_FAILURES, d.maxFailures()));
    }

    private static int count(ConfigurationParameters params, String key, int fallback) {
        String v = params.get(key).map(String::trim).orElse(null);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + ": expected a whole number, 0 or more, found '" + v + "'");
    }

    private static PlatformChoice platform(ConfigurationParameters params) {
        return new PlatformChoice(params.get(PLATFORM).orElse(null), params.get(ONENET_API).orElse(null),
                params.get(ONENET_URL).orElse(null), params.get(ONENET_COAP).orElse(null),
                params.get(ONENET_BOOTSTRAP).orElse(null), params.get(ONENET_PUSH_URL).orElse(null),
                params.get(ONENET_PUSH_BIND).orElse(null), params.get(ONENET_PRODUCT).orElse(null),
                java.util.Map.of());
    }

    /** {@code --onenet-url: ...} as {@code mipl-hil.onenet.url: ...}. */
    static String parameterNames(String message) {
        return message.replace("--platform-host", PLATFORM_HOST).replace("--platform ", PLATFORM + " ")
                .replace("--onenet-api", ONENET_API).replace("--onenet-url", ONENET_URL)
                .replace("--onenet-coap", ONENET_COAP).replace("--onenet-bootstrap", ONENET_BOOTSTRAP)
                .replace("--push-url", ONENET_PUSH_URL).replace("--push-bind", ONENET_PUSH_BIND)
                .replace("--onenet-product", ONENET_PRODUCT)
                .replace(" (or the rack's push-url)", ""); // the engine reads no rack file
    }
}
