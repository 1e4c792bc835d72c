package org.miplhil.junit;

import java.nio.file.Path;
import org.junit.platform.engine.ConfigurationParameters;
import org.miplhil.launch.LaunchSettings;
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
 * </table>
 */
record EngineSettings(Path suites, ReportLayout layout, RunOptions options) {

    static final String SUITES = "mipl-hil.suites";
    static final String TARGET = "mipl-hil.target";
    static final String REPORT = "mipl-hil.report";
    static final String PROFILE = "mipl-hil.profile";
    static final String SIM_FAULTS = "mipl-hil.sim-faults";
    static final String PLATFORM_HOST = "mipl-hil.platform-host";
    /** Under Maven the reports go beside Surefire's, not into the command line's {@code reports}. */
    static final String DEFAULT_REPORT = "target/mipl-hil";

    /** @throws IllegalArgumentException for a parameter that makes no sense (the engine reports it) */
    static EngineSettings from(ConfigurationParameters params) {
        Path suites = params.get(SUITES).map(Path::of).orElse(LaunchSettings.DEFAULT_SUITES);
        ReportLayout layout = new ReportLayout(Path.of(params.get(REPORT).orElse(DEFAULT_REPORT)));
        Target.Parsed parsed = Target.parse(params.get(TARGET).orElse(LaunchSettings.DEFAULT_TARGET));
        if (parsed instanceof Target.Parsed.Invalid invalid) {
            throw new IllegalArgumentException(TARGET + ": " + invalid.message());
        }
        LaunchSettings launch = new LaunchSettings(((Target.Parsed.Ok) parsed).target(),
                params.get(PROFILE).map(Path::of).orElse(null), params.get(PLATFORM_HOST).orElse(null), null, null,
                null, params.get(SIM_FAULTS).map(Path::of).orElse(null));
        LaunchSettings.Applied applied = launch.applyTo(RunOptions.builder());
        if (!applied.settings().isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", applied.settings()));
        }
        if (!applied.faultPlan().isEmpty()) {
            throw new IllegalArgumentException(SIM_FAULTS + ": " + String.join("; ", applied.faultPlan()));
        }
        return new EngineSettings(suites, layout, applied.options().build());
    }
}
