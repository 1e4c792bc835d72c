package org.miplhil.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.miplhil.link.PtyPair;
import org.miplhil.sim.registrar.Registrar;
import org.miplhil.sim.StandInRegistrar;
import org.miplhil.sim.TrafficListener;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.sim.fault.FaultPlanLoader;
import org.miplhil.sim.lwm2m.LeshanRegistrar;
import org.miplhil.sim.lwm2m.Lwm2mSettings;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;
import org.miplhil.yaml.LoadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./mipl-hil sim}: the virtual module alone, on a pseudo-terminal any serial program can open. */
@Command(name = "sim",
        mixinStandardHelpOptions = true,
        description = {"Runs the virtual BC260Y-CN on a pseudo-terminal and prints its path; logs every line "
                + "received (<-) and sent (->) with a timestamp. Runs until interrupted (Ctrl-C)."})
public final class SimCommand implements Callable<Integer> {

    static final Path DEFAULT_PROFILE = Path.of("fixtures", "firmware", "bc260y-cn.yaml");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^:\\s]+):(\\d{1,5})");

    @Option(names = "--link", paramLabel = "PATH", description = "Also make PATH a symbolic link to the pseudo-terminal (removed on exit).")
    Path link;

    @Option(names = "--profile", paramLabel = "FILE", description = "Firmware profile (default: ${DEFAULT-VALUE}, "
            + "relative to the working directory or the mipl-hil checkout).", defaultValue = "fixtures/firmware/bc260y-cn.yaml")
    Path profile;

    @Option(names = "--faults", paramLabel = "FILE", description = "Fault plan to apply from the start.")
    Path faults;

    @Option(names = "--server", paramLabel = "HOST:PORT", description = "Preconfigured LwM2M server: at power-up the "
            + "module's OneNET configuration is bootstrap off and this address (AT+MIPLCONFIG still replaces it).")
    String server;

    @Option(names = "--nv", paramLabel = "FILE", description = "Non-volatile storage of the module (firmware revision, "
            + "DFOTA stage and progress), kept across runs; default a fresh temporary file.")
    Path nv;

    @Option(names = "--stand-in", description = "No network: a stand-in platform answers like the note's "
            + "transcripts instead of a real LwM2M client.")
    boolean standIn;

    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stop = new CountDownLatch(1);

    public SimCommand() {
        this(System.out, System.err);
    }

    SimCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Optional<Path> profileFile = locate(profile);
        if (profileFile.isEmpty()) {
            err.println("mipl-hil sim: no firmware profile at " + profile + " (looked in "
                    + String.join(" and ", candidates(profile).stream().map(Path::toString).toList())
                    + "); give one with --profile FILE");
            return 2;
        }
        LoadResult<FirmwareProfile> loaded = ProfileLoader.load(profileFile.get());
        if (!loaded.isOk()) {
            loaded.errors().forEach(e -> err.println(e));
            return 2;
        }
        FaultPlan plan = FaultPlan.none();
        if (faults != null) {
            LoadResult<FaultPlan> f = FaultPlanLoader.load(faults);
            if (!f.isOk()) {
                f.errors().forEach(e -> err.println(e));
                return 2;
            }
            plan = f.orElseThrow();
        }
        if (server != null && !HOST_PORT.matcher(server).matches()) {
            err.println("mipl-hil sim: --server must be HOST:PORT, found '" + server + "'");
            return 2;
        }
        if (server != null) {
            Matcher m = HOST_PORT.matcher(server);
            if (m.matches() && (Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535)) {
                err.println("mipl-hil sim: --server port must be 1..65535, found '" + m.group(2) + "'");
                return 2;
            }
        }
        FirmwareProfile p = loaded.orElseThrow();
        if (server != null) {
            Matcher m = HOST_PORT.matcher(server);
            m.matches();
            p = p.withAccessServer(m.group(1).replace("[", "").replace("]", ""), Integer.parseInt(m.group(2)));
        }
        PtyPair pty;
        try {
            pty = PtyPair.open();
        } catch (IOException e) {
            err.println("mipl-hil sim: " + e.getMessage());
            return 2;
        }
        Registrar platform = standIn ? StandInRegistrar.builder().build() : new LeshanRegistrar(Lwm2mSettings.from(p));
        VirtualModule module = VirtualModule.builder().link(pty.master()).profile(p).faultPlan(plan)
                .registrar(platform).trafficListener(new Log(out)).nvFile(nv)
                .harnessCommand(new UrcBurstCommand()).build(); // the round-trip bench's aid (docs/benchmarks.md)
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                module.close();
                if (platform instanceof StandInRegistrar s) {
                    s.shutdown();
                } else if (platform instanceof LeshanRegistrar l) {
                    l.shutdown();
                }
                pty.close(); // removes the --link symlink
            }
        };
        Thread hook = new Thread(() -> {
            release.run();
            stop.countDown();
        }, "mipl-hil sim shutdown");
        try {
            out.println("mipl-hil sim: virtual " + p.identity().model() + " " + p.identity().revision()
                    + " (profile " + profileFile.get() + ")");
            out.println("serial port: " + pty.slavePath());
            if (link != null) {
                out.println("linked at: " + pty.link(link));
            }
            out.println("non-volatile storage: " + module.nvFile() + " (revision " + module.fotaState().revision()
                    + ")");
            if (faults != null) {
                out.println("faults: " + faults + " (" + plan.faults().size() + ")");
            }
            if (standIn) {
                out.println("platform: stand-in (no network)");
            } else if (server != null) {
                out.println("LwM2M server: " + server + " (preconfigured, bootstrap off)");
            } else {
                var mipl = p.mipl();
                out.println("LwM2M server: as AT+MIPLCONFIG says (at power-up: "
                        + (mipl.defaultBsMode() == 1 ? "bootstrap " + mipl.bootstrapAddress()
                        : "server " + mipl.serverAddress()) + ":" + mipl.defaultPort() + ")");
            }
            out.println("Ctrl-C stops.");
            out.flush();
            Runtime.getRuntime().addShutdownHook(hook);
            module.start();
            stop.await();
            return 0;
        } catch (IOException e) {
            err.println("mipl-hil sim: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
            release.run();
        }
    }

    /** Stops a running {@link #call()} (for tests; Ctrl-C does the same through the shutdown hook). */
    void stop() {
        stop.countDown();
    }

    /** The profile as given if it exists, else relative to the mipl-hil checkout the jar belongs to. */
    static Optional<Path> locate(Path given) {
        return candidates(given).stream().filter(Files::isRegularFile).findFirst();
    }

    static List<Path> candidates(Path given) {
        List<Path> paths = new ArrayList<>();
        paths.add(given.toAbsolutePath().normalize());
        if (!given.isAbsolute()) {
            checkoutRoot().map(root -> root.resolve(given).normalize()).filter(p -> !paths.contains(p)).ifPresent(paths::add);
        }
        return paths;
    }

    /** {@code target/mipl-hil.jar} or {@code target/classes} → the directory above {@code target}. */
    private static Optional<Path> checkoutRoot() {
        try {
            Path code = Path.of(SimCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code; p != null; p = p.getParent()) {
                if (p.getFileName() != null && p.getFileName().toString().equals("target")) {
                    return Optional.ofNullable(p.getParent());
                }
            }
            return Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Prints the traffic: {@code HH:mm:ss.SSS <- line} for received, {@code -> line} for sent, bytes escaped. */
    static final class Log implements TrafficListener {
        private final PrintStream out;

        Log(PrintStream out) {
            this.out = out;
        }

        @Override
        public void received(String line, long nanoTime, Instant wallTime) {
            out.println(TIME.format(wallTime) + " <- " + escape(line));
            out.flush();
        }

        @Override
        public void sent(byte[] bytes, long nanoTime, Instant wallTime) {
            for (String line : new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n|\r|\n")) {
                if (!line.isEmpty()) {
                    out.println(TIME.format(wallTime) + " -> " + escape(line));
                }
            }
            out.flush();
        }

        @Override
        public void problem(String message) {
            out.println(TIME.format(Instant.now()) + " !! " + message);
            out.flush();
        }

        static String escape(String line) {
            StringBuilder sb = new StringBuilder();
            for (char c : line.toCharArray()) {
                if (c < 0x20 || c > 0x7E) {
                    sb.append(String.format("\\x%02X", (int) c));
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }
    }
}
