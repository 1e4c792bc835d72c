package org.miplhil.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.miplhil.fleet.VirtualFleet;
import org.miplhil.objects.ObjectModel;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.PlatformListener;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.yaml.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./mipl-hil bench fleet}: N virtual modules, each with its own IMEI ({@link VirtualFleet}), on pseudo-terminals
 * of their own with the harness's MCU application on each UART, register at once with ONE embedded platform (as
 * {@code ./mipl-hil run} starts it, OneNET's observe, discover and read of {@code /3/0} included) and each answers the
 * platform's read of {@code /3311/0/5851}. One JSON line ({@link FleetBenchFigures}): registration and read times,
 * failures, heap and threads per module, the process's CPU time.
 */
@Command(name = "fleet",
        mixinStandardHelpOptions = true,
        description = {"Starts N virtual modules (own IMEI, own pseudo-terminal, the harness's MCU on each), registers"
                + " them at once with one embedded platform and has the platform read a resource of each; prints one"
                + " JSON line: registration and read median/p99, failures, heap and threads per module, CPU time."
                + " Goal: 32 modules registered and read within 10 s on 2 cores, no failure. See docs/benchmarks.md."})
final class FleetBench implements Callable<Integer> {

    static final NodePath READ = NodePath.resource(3311, 0, 5851);
    static final Duration START_WITHIN = Duration.ofSeconds(60);
    static final Duration READ_WITHIN = Duration.ofSeconds(30);

    @Option(names = "--modules", paramLabel = "N", defaultValue = "32",
            description = "Virtual modules (default: ${DEFAULT-VALUE}).")
    int modules;

    @Option(names = "--reads", paramLabel = "K", defaultValue = "1",
            description = "Reads per module, one after the other once it registered (default: ${DEFAULT-VALUE}).")
    int reads;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1",
            description = "Modules started, registered, read and closed before measuring, so that class loading and"
                    + " the JIT's first compilations do not count as the fleet's (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "The long mode (e.g. 20m): after registering, each module is read and notifies every"
                    + " --interval for this long, the heap after collection sampled every --sample-every; prints"
                    + " the samples and the heap's slope per module (docs/benchmarks.md).")
    String duration;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s",
            description = "Long mode: a read and a notification per module every (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--sample-every", paramLabel = "DURATION", defaultValue = "1m",
            description = "Long mode: heap and threads sampled every (default: ${DEFAULT-VALUE}).")
    String sampleEvery;

    private final PrintStream out;
    private final PrintStream err;

    FleetBench() {
        this(System.out, System.err);
    }

    FleetBench(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        LibraryLogs.keepQuiet();
        if (modules < 1 || modules > 1000 || reads < 1 || warmup < 0) {
            err.println("mipl-hil bench fleet: --modules must be 1..1000, --reads at least 1, --warmup 0 or more");
            return 2;
        }
        try {
            if (duration != null) {
                Optional<Duration> d = Durations.parse(duration);
                Optional<Duration> i = Durations.parse(interval);
                Optional<Duration> e = Durations.parse(sampleEvery);
                if (d.isEmpty() || i.isEmpty() || e.isEmpty() || i.get().isZero() || e.get().isZero()
                        || d.get().compareTo(e.get()) < 0) {
                    err.println("mipl-hil bench fleet: --duration, --interval and --sample-every must be durations"
                            + " such as 20m, 2s, 1m (more than 0; the duration at least one sample)");
                    return 2;
                }
                return new FleetBenchLong(this, out, err, modules, d.get(), i.get(), e.get()).run();
            }
            FleetBenchFigures f = measure();
            out.println(f.toJson());
            out.flush();
            return f.failures().isEmpty() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("mipl-hil bench fleet: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private FleetBenchFigures measure() throws IOException, InterruptedException {
        FirmwareProfile profile = Lwm2mBench.profile();
        ObjectModel model = model();
        // the fleet's IMEIs, and after them the warm-up modules' (so no warm-up endpoint is a fleet's)
        List<String> imeis = imeis(profile, modules + warmup);
        Map<String, Long> registeredAt = new ConcurrentHashMap<>();
        FleetBenchInbox inbox = new FleetBenchInbox(READ);
        try (LeshanPlatform platform = platform(registeredAt, inbox)) {
            warmUp(profile, model, imeis.subList(modules, modules + warmup), platform, inbox);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long heapBefore = usedAfterGc(memory);
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            long cpu0 = processCpuNanos();
            long wall0 = System.nanoTime();

            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            List<FleetBenchModule> started = startAll(profile, model, imeis.subList(0, modules), platform, failures);

            err.println("mipl-hil bench fleet: " + started.size() + " modules registering at once");
            List<FleetBenchLane> lanes = started.stream()
                    .map(m -> new FleetBenchLane(m, platform, inbox, failures::add)).toList();
            List<Double> readTimes = Collections.synchronizedList(new ArrayList<>());
            long go = System.nanoTime();
            runAll(lanes.size(), i -> {
                FleetBenchLane l = lanes.get(i);
                if (l.register()) {
                    for (int k = 0; k < reads; k++) {
                        l.read().ifPresent(readTimes::add);
                    }
                    l.observe();
                }
            });
            // every module's MCU notifies at once
            err.println("mipl-hil bench fleet: " + lanes.stream().filter(FleetBenchLane::registered).count()
                    + " modules notifying at once");
            List<Double> notifyTimes = Collections.synchronizedList(new ArrayList<>());
            long notifyGo = System.nanoTime();
            runAll(lanes.size(), i -> {
                FleetBenchLane l = lanes.get(i);
                if (l.registered()) {
                    try {
                        l.notifyOnce().ifPresent(notifyTimes::add);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            long last = lanes.stream().mapToLong(l -> l.lastDone).max().orElse(go);
            long lastNotified = Math.max(notifyGo, last);
            long cpu1 = processCpuNanos();
            long wall1 = System.nanoTime();

            long heapAfter = usedAfterGc(memory);
            int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            List<Double> registration = new ArrayList<>();
            List<Double> atPlatform = new ArrayList<>();
            for (FleetBenchLane l : lanes) {
                l.registrationMs().ifPresent(registration::add);
                l.platformMs(registeredAt).ifPresent(atPlatform::add);
            }
            err.println("mipl-hil bench fleet: closing");
            runAll(started.size(), i -> started.get(i).close());
            return new FleetBenchFigures(modules, registration, atPlatform, readTimes, notifyTimes,
                    (last - go) / 1e6, (lastNotified - notifyGo) / 1e6, failures, heapBefore, heapAfter,
                    threadsBefore, threadsAfter, (cpu1 - cpu0) / 1e6, (wall1 - wall0) / 1e6);
        }
    }

    static ObjectModel model() throws IOException {
        return ObjectModel.load(SimCommand.locate(Lwm2mBench.LIGHT)
                .orElseThrow(() -> new IOException("no object fixture at " + Lwm2mBench.LIGHT)));
    }

    static List<String> imeis(FirmwareProfile profile, int n) {
        return VirtualFleet.of(n, profile.identity().imei()).stream().map(m -> m.imei().orElseThrow()).toList();
    }

    /** One platform as {@code ./mipl-hil run} starts it, its registrations' times and notifications recorded. */
    static LeshanPlatform platform(Map<String, Long> registeredAt, FleetBenchInbox inbox) {
        LeshanPlatform platform = LeshanPlatform.builder().start();
        platform.addListener(new PlatformListener() {
            @Override
            public void onEvent(DeviceEvent e) {
                if (e instanceof DeviceEvent.Registered r) {
                    registeredAt.putIfAbsent(r.endpoint(), r.nanoTime());
                }
            }
        });
        platform.addListener(inbox);
        return platform;
    }

    /** Modules started, registered, read, observed, notified and closed, one after the other. */
    void warmUp(FirmwareProfile profile, ObjectModel model, List<String> imeis, LeshanPlatform platform,
                FleetBenchInbox inbox) throws IOException, InterruptedException {
        for (int w = 0; w < imeis.size(); w++) {
            err.println("mipl-hil bench fleet: warm-up module " + (w + 1));
            List<String> problems = Collections.synchronizedList(new ArrayList<>());
            try (FleetBenchModule m = FleetBenchModule.start(profile, imeis.get(w), model, platform.coapPort(),
                    START_WITHIN)) {
                FleetBenchLane l = new FleetBenchLane(m, platform, inbox, problems::add);
                if (l.register()) {
                    l.read();
                    if (l.observe()) {
                        l.notifyOnce();
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the warm-up module failed: " + problems.get(0));
            }
        }
    }

    /** Powers up a module per IMEI, each on a thread of its own, to its attach line. */
    List<FleetBenchModule> startAll(FirmwareProfile profile, ObjectModel model, List<String> imeis,
                                    LeshanPlatform platform, List<String> failures) throws InterruptedException {
        err.println("mipl-hil bench fleet: starting " + imeis.size() + " modules");
        List<FleetBenchModule> started = Collections.synchronizedList(new ArrayList<>());
        runAll(imeis.size(), i -> {
            try {
                started.add(FleetBenchModule.start(profile, imeis.get(i), model, platform.coapPort(), START_WITHIN));
            } catch (IOException | RuntimeException | AssertionError e) {
                failures.add(imeis.get(i) + ": did not start: " + e.getMessage());
            }
        });
        return started;
    }

    /** Runs {@code task(0..n-1)} on n threads of their own at once, and waits for all (the threads end with them). */
    static void runAll(int n, java.util.function.IntConsumer task) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    task.accept(k);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench fleet " + (i + 1));
            threads.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
    }

    static long usedAfterGc(MemoryMXBean memory) {
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
