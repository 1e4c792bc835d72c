package org.miplhil.cli;

import org.miplhil.link.PtyPair;
import org.miplhil.sim.StandInRegistrar;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;
import org.miplhil.yaml.LoadResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code ./mipl-hil bench}: measurements of the harness itself. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures the harness itself; see docs/benchmarks.md.",
        subcommands = {BenchCommand.RoundTrip.class, Lwm2mBench.Registration.class, Lwm2mBench.Read.class,
                CatalogueBench.class, ParallelBench.class, FleetBench.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "roundtrip",
            mixinStandardHelpOptions = true,
            description = {"Sends a command N times (after a warm-up) through a module session over a serial port "
                    + "and prints one JSON line: median and p99 of the reply latency, and the p99 delay of URC "
                    + "delivery (the virtual module's write of a URC's last byte to its arrival in the session).",
                    "Without --port it runs its own virtual module on a pseudo-terminal."})
    static final class RoundTrip implements Callable<Integer> {

        @Option(names = "--port", paramLabel = "PATH", description = "Serial port of a running virtual module "
                + "(e.g. the --link of ./mipl-hil sim). Default: start one here.")
        String port;

        @Option(names = "--count", paramLabel = "N", defaultValue = "2000", description = "Round trips measured (default ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--baud", paramLabel = "B", defaultValue = "115200", description = "Baud rate (default ${DEFAULT-VALUE}).")
        int baud;

        @Option(names = "--warmup", paramLabel = "N", defaultValue = "500", description = "Round trips before measuring (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--command", paramLabel = "AT", defaultValue = "AT+MIPLVER?", description = "Command to send (default ${DEFAULT-VALUE}).")
        String command;

        @Option(names = "--urcs", paramLabel = "N", defaultValue = "1000", description = "URCs in the delivery burst, at most 1000; 0 skips it (default ${DEFAULT-VALUE}).")
        int urcs;

        @Option(names = "--urc-gap-us", paramLabel = "US", defaultValue = "0", description = "Microseconds between "
                + "the URCs of the burst; 0 writes them back to back (default ${DEFAULT-VALUE}).")
        int urcGapMicros;

        private final PrintStream out;
        private final PrintStream err;

        RoundTrip() {
            this(System.out, System.err);
        }

        RoundTrip(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            if (count < 1 || warmup < 0 || urcs < 0 || urcs > 1000 || baud < 1 || urcGapMicros < 0
                    || urcGapMicros > 1_000_000) {
                err.println("mipl-hil bench roundtrip: --count and --baud must be positive, --warmup >= 0, "
                        + "--urcs 0..1000, --urc-gap-us 0..1000000");
                return 2;
            }
            try {
                RoundTripBench.Result result;
                if (port != null) {
                    result = RoundTripBench.run(settings(port));
                } else {
                    result = withOwnVirtualModule();
                }
                out.println(result.toJson());
                return 0;
            } catch (IOException | IllegalStateException | AssertionError e) {
                err.println("mipl-hil bench roundtrip: " + e.getMessage());
                return 1;
            }
        }

        private RoundTripBench.Settings settings(String path) {
            return new RoundTripBench.Settings(path, baud, count, warmup, command, urcs, urcGapMicros);
        }

        private RoundTripBench.Result withOwnVirtualModule() throws IOException {
            Optional<Path> profileFile = SimCommand.locate(SimCommand.DEFAULT_PROFILE);
            if (profileFile.isEmpty()) {
                throw new IOException("no firmware profile at " + SimCommand.DEFAULT_PROFILE);
            }
            LoadResult<FirmwareProfile> loaded = ProfileLoader.load(profileFile.get());
            if (!loaded.isOk()) {
                throw new IOException("firmware profile: " + loaded.errors());
            }
            StandInRegistrar platform = StandInRegistrar.builder().build();
            try (PtyPair pty = PtyPair.open();
                 VirtualModule module = VirtualModule.builder().link(pty.master()).profile(loaded.orElseThrow())
                         .registrar(platform).harnessCommand(new UrcBurstCommand()).build()) {
                module.start();
                return RoundTripBench.run(settings(pty.slavePath().toString()));
            } finally {
                platform.shutdown();
            }
        }
    }
}
