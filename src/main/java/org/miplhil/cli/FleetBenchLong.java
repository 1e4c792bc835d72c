package org.miplhil.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.miplhil.json.Json;
import org.miplhil.objects.ObjectModel;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.sim.profile.FirmwareProfile;

/**
 * {@code ./mipl-hil bench fleet --duration D --interval I}: the fleet registered and observed as in the short bench,
 * then for {@code D} every module is read by the platform and notifies once every {@code I} (the modules' turns
 * spread over the interval), while the used heap after a full collection and the live threads are sampled every
 * {@code --sample-every}. Shows whether the heap per module levels off at a real rate: the slope of the last half of
 * the samples, in KiB per module per minute. The bench's own samples live in arrays allocated before the baseline,
 * so they are not counted as the fleet's.
 */
final class FleetBenchLong {

    /** The slope is fitted over the last half of the samples, and never fewer than this. */
    static final int SLOPE_SAMPLES_AT_LEAST = 3;

    private final FleetBench bench;
    private final PrintStream out;
    private final PrintStream err;
    private final int modules;
    private final Duration duration;
    private final Duration interval;
    private final Duration sampleEvery;

    FleetBenchLong(FleetBench bench, PrintStream out, PrintStream err, int modules, Duration duration,
                   Duration interval, Duration sampleEvery) {
        this.bench = bench;
        this.out = out;
        this.err = err;
        this.modules = modules;
        this.duration = duration;
        this.interval = interval;
        this.sampleEvery = sampleEvery;
    }

    /** Failures: counted all, the first few kept. */
    private static final class Failures {
        final AtomicInteger count = new AtomicInteger();
        final List<String> first = Collections.synchronizedList(new ArrayList<>());

        void add(String line) {
            if (count.incrementAndGet() <= FleetBenchFigures.FAILURES_SHOWN) {
                first.add(line);
            }
        }
    }

    /** Times in a preallocated array (no allocation per sample while the heap is measured). */
    private static final class Times {
        final double[] ms;
        final AtomicInteger n = new AtomicInteger();

        Times(int capacity) {
            ms = new double[capacity];
        }

        void add(OptionalDouble t) {
            if (t.isPresent()) {
                int i = n.getAndIncrement();
                if (i < ms.length) {
                    ms[i] = t.getAsDouble();
                }
            }
        }

        List<Double> all() {
            double[] s = Arrays.copyOf(ms, Math.min(n.get(), ms.length));
            List<Double> l = new ArrayList<>(s.length);
            for (double d : s) {
                l.add(d);
            }
            return l;
        }
    }

    int run() throws IOException, InterruptedException {
        FirmwareProfile profile = Lwm2mBench.profile();
        ObjectModel model = FleetBench.model();
        List<String> imeis = FleetBench.imeis(profile, modules + 1);
        int rounds = (int) (duration.toNanos() / interval.toNanos()) + 2;
        int samplesMax = (int) (duration.toNanos() / sampleEvery.toNanos()) + 2;
        Times reads = new Times(modules * rounds);
        Times notifies = new Times(modules * rounds);
        double[] heapKib = new double[samplesMax];
        int[] threads = new int[samplesMax];
        double[] minutes = new double[samplesMax];
        int[] platformNotifications = new int[samplesMax];
        Failures failures = new Failures();
        Map<String, Long> registeredAt = new ConcurrentHashMap<>();
        FleetBenchInbox inbox = new FleetBenchInbox(FleetBench.READ);
        try (LeshanPlatform platform = FleetBench.platform(registeredAt, inbox)) {
            bench.warmUp(profile, model, imeis.subList(modules, modules + 1), platform, inbox);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long heapBefore = FleetBench.usedAfterGc(memory);
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            List<String> startFailures = Collections.synchronizedList(new ArrayList<>());
            List<FleetBenchModule> started = bench.startAll(profile, model, imeis.subList(0, modules), platform,
                    startFailures);
            startFailures.forEach(failures::add);
            List<FleetBenchLane> lanes = started.stream()
                    .map(m -> new FleetBenchLane(m, platform, inbox, failures::add)).toList();
            FleetBench.runAll(lanes.size(), i -> {
                if (lanes.get(i).register()) {
                    lanes.get(i).observe();
                }
            });
            long cpu0 = FleetBench.processCpuNanos();
            long t0 = System.nanoTime();
            long end = t0 + duration.toNanos();
            err.println("mipl-hil bench fleet: " + lanes.stream().filter(FleetBenchLane::registered).count()
                    + " modules registered; each read and notifying every " + interval + " for " + duration);
            List<Thread> loops = new ArrayList<>();
            for (int i = 0; i < lanes.size(); i++) {
                FleetBenchLane l = lanes.get(i);
                long offset = interval.toNanos() * i / lanes.size(); // the turns spread over the interval
                Thread t = new Thread(() -> loop(l, t0 + offset, end, reads, notifies), "bench fleet " + (i + 1));
                loops.add(t);
                t.start();
            }
            int samples = 0;
            for (long next = t0 + sampleEvery.toNanos(); next <= end && samples < samplesMax;
                    next += sampleEvery.toNanos()) {
                parkUntil(next);
                long heap = FleetBench.usedAfterGc(memory);
                heapKib[samples] = (heap - heapBefore) / 1024.0 / modules;
                threads[samples] = ManagementFactory.getThreadMXBean().getThreadCount();
                minutes[samples] = (System.nanoTime() - t0) / 60e9;
                platformNotifications[samples] = platform.notifications().size();
                err.printf("mipl-hil bench fleet: %.1f min: heap %.1f KiB per module, %d threads, %d reads, "
                                + "%d notifications, %d failures, load %.2f%n", minutes[samples], heapKib[samples],
                        threads[samples], reads.n.get(), notifies.n.get(), failures.count.get(), loadAverage());
                samples++;
            }
            // a loop's last turn starts before the end and its read and notify each wait at most READ_WITHIN
            long joinBy = end + 2 * FleetBench.READ_WITHIN.toNanos();
            for (Thread t : loops) {
                t.join(Math.max(1, (joinBy - System.nanoTime()) / 1_000_000));
                if (t.isAlive()) {
                    failures.add(t.getName() + ": its loop had not ended "
                            + FleetBench.READ_WITHIN.multipliedBy(2).toSeconds() + " s after the run's end");
                    t.interrupt();
                }
            }
            long cpu1 = FleetBench.processCpuNanos();
            long wall1 = System.nanoTime();
            err.println("mipl-hil bench fleet: closing");
            FleetBench.runAll(started.size(), i -> started.get(i).close());
            ObjectNode o = Json.object().put("tool", "mipl-hil").put("bench", "fleet").put("mode", "long")
                    .put("modules", modules).put("registered", lanes.stream().filter(FleetBenchLane::registered)
                            .count())
                    .put("duration_s", duration.toSeconds()).put("interval_s", Json.fixed(interval.toMillis() / 1e3, 1))
                    .put("reads_answered", reads.n.get()).put("notifications_received", notifies.n.get());
            FleetBenchFigures.percentiles(o, "read", reads.all());
            FleetBenchFigures.percentiles(o, "notify", notifies.all());
            o.put("failures", failures.count.get());
            if (!failures.first.isEmpty()) {
                ArrayNode shown = o.putArray("failed");
                failures.first.forEach(shown::add);
            }
            ArrayNode s = o.putArray("samples");
            for (int i = 0; i < samples; i++) {
                s.addObject().put("min", Json.fixed(minutes[i], 1)).put("heap_per_module_kib", Json.fixed(heapKib[i], 1))
                        .put("threads", threads[i]).put("platform_notifications", platformNotifications[i]);
            }
            double slope = slope(minutes, heapKib, samples);
            o.put("heap_slope_kib_per_module_per_min", Double.isNaN(slope) ? null : Json.fixed(slope, 2))
                    .put("heap_before_mib", Json.fixed(heapBefore / 1048576.0, 1))
                    .put("threads_before", threadsBefore)
                    .put("cpu_s", Json.fixed((cpu1 - cpu0) / 1e9, 1))
                    .put("wall_s", Json.fixed((wall1 - t0) / 1e9, 1))
                    .put("load_average", Json.fixed(loadAverage(), 2))
                    .put("cores", Runtime.getRuntime().availableProcessors());
            out.println(Json.write(o));
            out.flush();
            return failures.count.get() == 0 ? 0 : 1;
        }
    }

    /** One module's turns: at {@code first}, then every interval until {@code end}, a read and a notification. */
    private void loop(FleetBenchLane l, long first, long end, Times reads, Times notifies) {
        if (!l.registered()) {
            return;
        }
        try {
            for (long next = first; next < end; next += interval.toNanos()) {
                parkUntil(next);
                reads.add(l.read());
                notifies.add(l.notifyOnce());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the rate's next turn (the bench's clock, not a test's wait for an outcome). */
    private static void parkUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /**
     * The least-squares slope of {@code y} over {@code x} for the last half of the {@code n} samples (at least
     * {@link #SLOPE_SAMPLES_AT_LEAST}); NaN with fewer samples than that.
     */
    static double slope(double[] x, double[] y, int n) {
        int k = Math.max(SLOPE_SAMPLES_AT_LEAST, n / 2);
        if (n < k) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int i = n - k; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= k;
        my /= k;
        double sxy = 0;
        double sxx = 0;
        for (int i = n - k; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
