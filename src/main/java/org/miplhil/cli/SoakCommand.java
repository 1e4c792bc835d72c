package org.miplhil.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.miplhil.report.AllureWriter;
import org.miplhil.report.JUnitXmlWriter;
import org.miplhil.report.ReportLayout;
import org.miplhil.report.RunRecorder;
import org.miplhil.report.TranscriptWriter;
import org.miplhil.suite.run.DfotaScenario;
import org.miplhil.suite.run.DfotaSoak;
import org.miplhil.suite.run.RunOptions;
import org.miplhil.yaml.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./mipl-hil soak}: DFOTA runs in a row on the virtual module, each cut at a random point chosen from a seed
 * (printed, so a run can be repeated), each checked against 6.2, with no hang, no transcript line lost and no URC
 * lost. Exit 0 when every run passed, 1 when any did not, 2 for a usage error.
 */
@Command(name = "soak",
        mixinStandardHelpOptions = true,
        description = {"DFOTA runs in a row on the virtual module, each with a power cut at a random (seeded) point"
                + " and the outcome chapter 6.2 gives for it.",
                "Exit status 0 when every run passed, 1 when any did not, 2 for a usage error."})
public final class SoakCommand implements Callable<Integer> {

    static final Path DEFAULT_PACKAGE = Path.of("fixtures/firmware/packages/BC260YCNAAR01A03-to-BETA0721.delta");
    static final String DEFAULT_VERSION = "BC260YCNAAR01A03_BETA0721";
    /**
     * About how long the virtual module downloads the default package (16 blocks of 512 bytes, the profile's
     * block pause): cuts "in the download" fall in its first three quarters.
     */
    static final Duration DOWNLOAD = Duration.ofMillis(60);

    @Option(names = "--runs", paramLabel = "N", defaultValue = "20", description = "How many runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the cut points (default: a new one, printed).")
    Long seed;

    @Mixin
    ReportOption report = new ReportOption(Path.of("reports"));

    @Option(names = "--profile", paramLabel = "FILE", defaultValue = "fixtures/firmware/bc260y-cn.yaml",
            description = "The virtual module's firmware profile (default: ${DEFAULT-VALUE}).")
    Path profile;

    @Option(names = "--package", paramLabel = "FILE", description = "The delta package the campaign serves.")
    Path packageFile;

    @Option(names = "--version", paramLabel = "REVISION", description = "The revision the package brings.")
    String version;

    @Option(names = "--phase-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long the platform's campaign waits for a phase (default: ${DEFAULT-VALUE}).")
    String phaseTimeout;

    @Option(names = "--run-deadline", paramLabel = "DURATION", defaultValue = "5m",
            description = "A run that has not ended by then is a hang (default: ${DEFAULT-VALUE}).")
    String runDeadline;

    private final PrintStream out;
    private final PrintStream err;

    public SoakCommand() {
        this(System.out, System.err);
    }

    SoakCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        LibraryLogs.keepQuiet();
        if (runs < 1) {
            return usage("--runs must be at least 1, found " + runs);
        }
        Optional<Duration> phase = Durations.parse(phaseTimeout);
        Optional<Duration> deadline = Durations.parse(runDeadline);
        if (phase.isEmpty() || phase.get().isZero()) {
            return usage("--phase-timeout: not a duration: '" + phaseTimeout + "'");
        }
        if (deadline.isEmpty() || deadline.get().isZero()) {
            return usage("--run-deadline: not a duration: '" + runDeadline + "'");
        }
        Path pkg = packageFile != null ? packageFile : DEFAULT_PACKAGE;
        for (Path p : new Path[] {profile, pkg, Path.of("fixtures/objects/temperature-3303.yaml")}) {
            if (!Files.isRegularFile(p)) {
                return usage("file not found: " + p + " (run soak in the project directory)");
            }
        }
        long s = seed != null ? seed : new java.security.SecureRandom().nextLong();
        ReportLayout layout = new ReportLayout(report.report);
        RunRecorder rec = RunRecorder.builder().sink(new TranscriptWriter(layout))
                .sink(new AllureWriter(layout.allureResults())).sink(new JUnitXmlWriter(layout)).build();
        RunOptions options = RunOptions.builder().profile(profile).platformBind(InetAddress.getLoopbackAddress())
                .coapPort(0).bootstrapPort(0).build();
        DfotaScenario scenario = new DfotaScenario(profile.toAbsolutePath(),
                Path.of("fixtures/objects/temperature-3303.yaml").toAbsolutePath(), pkg.toAbsolutePath(),
                version != null ? version : DEFAULT_VERSION, DOWNLOAD, phase.get());
        try {
            DfotaSoak.Result result = new DfotaSoak(new DfotaSoak.Settings(runs, s, options, layout, scenario,
                    deadline.get())).run(rec, out);
            return result.exitCode();
        } catch (IOException e) {
            err.println("mipl-hil soak: " + e.getMessage());
            return 2;
        }
    }

    private int usage(String message) {
        err.println("mipl-hil soak: " + message);
        return 2;
    }
}
