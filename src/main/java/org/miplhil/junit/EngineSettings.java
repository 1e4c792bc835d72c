package org.miplhil.junit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.junit.platform.engine.ConfigurationParameters;
import org.miplhil.report.ReportLayout;
import org.miplhil.sim.fault.FaultPlanLoader;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.suite.run.Target;
import org.miplhil.yaml.LoadResult;

/**
 * The engine's configuration parameters (Surefire's {@code configurationParameters}, {@code junit-platform.properties}
 * or {@code -D} system properties):
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

    /** @throws IllegalArgumentException for a parameter that makes no sense (the engine reports it) */
    static EngineSettings from(ConfigurationParameters params) {
        Path suites = Path.of(params.get(SUITES).orElse("suites"));
        ReportLayout layout = new ReportLayout(Path.of(params.get(REPORT).orElse("target/mipl-hil")));
        Target.Parsed parsed = Target.parse(params.get(TARGET).orElse("sim"));
        if (parsed instanceof Target.Parsed.Invalid invalid) {
            throw new IllegalArgumentException(TARGET + ": " + invalid.message());
        }
        Target target = ((Target.Parsed.Ok) parsed).target();
        RunOptions.Builder b = RunOptions.builder().target(target);
        params.get(PROFILE).map(Path::of).ifPresent(b::profile);
        params.get(PLATFORM_HOST).ifPresent(b::platformHost);
        if (!target.isSim()) {
            try {
                b.platformBind(InetAddress.getByName("0.0.0.0")).coapPort(5683).bootstrapPort(5684);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        if (params.get(SIM_FAULTS).isPresent()) {
            Path file = Path.of(params.get(SIM_FAULTS).get());
            LoadResult<org.miplhil.sim.fault.FaultPlan> plan = FaultPlanLoader.load(file);
            if (!plan.isOk()) {
                throw new IllegalArgumentException(SIM_FAULTS + ": " + String.join("; ", plan.errors()));
            }
            b.simFaults(file, plan.orElseThrow());
        }
        return new EngineSettings(suites, layout, b.build());
    }
}
