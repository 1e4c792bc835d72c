package org.miplhil.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.miplhil.json.Json;

/**
 * What {@code ./mipl-hil bench fleet} measured, and its JSON line. Percentiles are the nearest rank (the p99 of 32
 * samples is the largest), over the samples that succeeded; a failed registration or read is counted, never a
 * sample.
 *
 * @param modules          modules started
 * @param registrationMs   per registered module: the write of AT+MIPLOPEN to the last byte of {@code +MIPLEVENT: 0,6}
 * @param platformMs       per registered module: the write of AT+MIPLOPEN to the platform's registration event
 * @param readMs           per answered read: the platform's read to its answer
 * @param notifyMs         per recorded notification: the write of AT+MIPLNOTIFY to the platform's record of it
 * @param allWithinMs      from the start of the registrations to the last read answered or notification recorded
 * @param notifyAllWithinMs from the release of the notifications (all at once) to the last one recorded
 * @param failures         what failed, one line each (a module that did not start, register or answer)
 * @param heapBeforeBytes  used heap after a full collection, before the modules started
 * @param heapAfterBytes   the same with every module registered and read
 * @param threadsBefore    live threads before the modules started
 * @param threadsAfter     live threads with every module registered and read
 * @param cpuMs            the process's CPU time from the start of the modules to the last read
 * @param wallMs           wall time of the same span
 */
record FleetBenchFigures(int modules, List<Double> registrationMs, List<Double> platformMs, List<Double> readMs,
                         List<Double> notifyMs, double allWithinMs, double notifyAllWithinMs, List<String> failures, long heapBeforeBytes, long heapAfterBytes,
                         int threadsBefore, int threadsAfter, double cpuMs, double wallMs) {

    /** The goal: every module registered, answered a read and notified within 10 s. */
    static final double GOAL_MS = 10_000;
    /** Failures listed in the line; the count covers them all. */
    static final int FAILURES_SHOWN = 10;

    FleetBenchFigures {
        registrationMs = List.copyOf(registrationMs);
        platformMs = List.copyOf(platformMs);
        readMs = List.copyOf(readMs);
        notifyMs = List.copyOf(notifyMs);
        failures = List.copyOf(failures);
    }

    /** The nearest-rank percentile {@code q} (0..1] of {@code samples}; NaN when there are none. */
    static double rank(List<Double> samples, double q) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int i = (int) Math.ceil(q * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }

    /** Heap per module in KiB: the growth of the used heap after collection, over the modules. */
    double heapPerModuleKib() {
        return modules == 0 ? 0 : (heapAfterBytes - heapBeforeBytes) / 1024.0 / modules;
    }

    double threadsPerModule() {
        return modules == 0 ? 0 : (threadsAfter - threadsBefore) / (double) modules;
    }

    /** Every module registered, answered its reads and notified, with no failure, within the goal. */
    boolean goalMet() {
        return failures.isEmpty() && registrationMs.size() == modules && notifyMs.size() == modules
                && allWithinMs <= GOAL_MS;
    }

    String toJson() {
        ObjectNode o = Json.object().put("tool", "mipl-hil").put("bench", "fleet").put("modules", modules)
                .put("registered", registrationMs.size()).put("reads_answered", readMs.size())
                .put("notifications_received", notifyMs.size());
        percentiles(o, "registration", registrationMs);
        percentiles(o, "platform_registration", platformMs);
        percentiles(o, "read", readMs);
        percentiles(o, "notify", notifyMs);
        o.put("notify_all_within_ms", Json.fixed(notifyAllWithinMs, 1));
        o.put("all_within_ms", Json.fixed(allWithinMs, 1));
        o.put("failures", failures.size());
        if (!failures.isEmpty()) {
            ArrayNode shown = o.putArray("failed");
            failures.stream().limit(FAILURES_SHOWN).forEach(shown::add);
        }
        o.put("heap_per_module_kib", Json.fixed(heapPerModuleKib(), 1))
                .put("heap_before_mib", Json.fixed(heapBeforeBytes / 1048576.0, 1))
                .put("heap_after_mib", Json.fixed(heapAfterBytes / 1048576.0, 1))
                .put("threads_per_module", Json.fixed(threadsPerModule(), 2))
                .put("threads_before", threadsBefore).put("threads_after", threadsAfter)
                .put("cpu_s", Json.fixed(cpuMs / 1000, 2)).put("wall_s", Json.fixed(wallMs / 1000, 2))
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("goal_ms", Json.fixed(GOAL_MS, 0)).put("goal_met", goalMet());
        return Json.write(o);
    }

    static void percentiles(ObjectNode o, String name, List<Double> samples) {
        if (samples.isEmpty()) {
            o.putNull(name + "_median_ms");
            o.putNull(name + "_p99_ms");
            return;
        }
        o.put(name + "_median_ms", Json.fixed(rank(samples, 0.5), 1));
        o.put(name + "_p99_ms", Json.fixed(rank(samples, 0.99), 1));
    }
}
