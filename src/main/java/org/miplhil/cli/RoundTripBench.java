package org.miplhil.cli;

import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.dut.UrcArrival;
import org.miplhil.dut.UrcMatcher;
import org.miplhil.json.Json;
import org.miplhil.link.SerialLink;
import org.miplhil.link.SerialSettings;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Round trips through the whole harness stack — jSerialComm, the reader thread, framer, classifier, journal —
 * and the delivery delay of URCs (the virtual module's write of the last byte to the session's arrival time).
 */
final class RoundTripBench {

    /** The bench's own command on the virtual module ({@link UrcBurstCommand}): a URC burst, then its write times. */
    static final String BURST_COMMAND = "AT" + UrcBurstCommand.NAME;
    private static final Pattern BURST_URC = Pattern.compile("\\+HILBENCH: (\\d+)");
    private static final Pattern BURST_TIME = Pattern.compile("\\+HILBENCH: (\\d+),(-?\\d+)");

    record Settings(String port, int baud, int count, int warmup, String command, int urcs, int urcGapMicros) {
    }

    /**
     * @param latencyNanos what the session reports per reply: final result's last byte minus end of the write
     * @param callNanos    what the caller sees: from before {@code send} to its return
     * @param urcSkewNanos per URC: arrival in the session minus the module's write of its last byte (may be empty)
     */
    record Result(int count, long[] latencyNanos, long[] callNanos, long[] urcSkewNanos) {

        String toJson() {
            boolean skew = urcSkewNanos.length > 0;
            return Json.write(Json.object().put("tool", "mipl-hil").put("count", count)
                    .put("median_us", Json.fixed(median(latencyNanos) / 1e3, 1))
                    .put("p99_us", Json.fixed(p99(latencyNanos) / 1e3, 1))
                    .put("urc_skew_p99_us", skew ? Json.fixed(p99(urcSkewNanos) / 1e3, 1) : null)
                    .put("call_median_us", Json.fixed(median(callNanos) / 1e3, 1))
                    .put("call_p99_us", Json.fixed(p99(callNanos) / 1e3, 1))
                    .put("urc_skew_median_us", skew ? Json.fixed(median(urcSkewNanos) / 1e3, 1) : null)
                    .put("urcs", urcSkewNanos.length));
        }
    }

    private RoundTripBench() {
    }

    static Result run(Settings s) throws IOException {
        SerialLink link = SerialLink.open(SerialSettings.of(s.port(), s.baud()));
        try (ModuleSession session = ModuleSession.open(link)) {
            sync(session);
            for (int i = 0; i < s.warmup(); i++) {
                expectOk(session.send(s.command()));
            }
            long[] latency = new long[s.count()];
            long[] call = new long[s.count()];
            for (int i = 0; i < s.count(); i++) {
                long before = System.nanoTime();
                Reply reply = session.send(s.command());
                call[i] = System.nanoTime() - before;
                expectOk(reply);
                latency[i] = reply.latency().toNanos();
            }
            long[] skew = s.urcs() > 0 ? urcSkew(session, s.urcs(), s.urcGapMicros()) : new long[0];
            return new Result(s.count(), latency, call, skew);
        }
    }

    /** A module still booting reads nothing: repeat AT until it answers (at most 30 s). */
    private static void sync(ModuleSession session) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                session.send("AT", Duration.ofSeconds(1));
                return;
            } catch (DeadlineExceeded e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the module did not answer AT within 30 s");
                }
            }
        }
    }

    private static void expectOk(Reply reply) {
        if (!reply.isOk()) {
            throw new IllegalStateException("the module answered " + reply + "; the benchmark needs OK");
        }
    }

    /** Asks for a burst, collects the arrivals, then the module's write times of the same URCs. */
    private static long[] urcSkew(ModuleSession session, int count, int gapMicros) {
        Reply burst = session.send(BURST_COMMAND + "=" + count + (gapMicros > 0 ? "," + gapMicros : ""));
        if (!burst.isOk()) {
            throw new IllegalStateException("the module does not offer the URC burst (" + burst
                    + "); run the benchmark against the virtual module");
        }
        UrcMatcher<MatchResult> matcher = UrcMatcher.regex(BURST_URC.pattern());
        Map<Integer, Long> arrived = new HashMap<>();
        for (int i = 0; i < count; i++) {
            // each wait starts after the previous match (the session cursor moves on)
            UrcArrival<MatchResult> urc = session.expectUrc(matcher, Duration.ofSeconds(10));
            arrived.put(Integer.parseInt(urc.value().group(1)), urc.nanoTime());
        }
        Reply times = session.send(BURST_COMMAND + "?");
        List<Long> skews = new ArrayList<>();
        for (String line : times.lines()) {
            Matcher m = BURST_TIME.matcher(line);
            if (m.matches()) {
                Long arrival = arrived.get(Integer.parseInt(m.group(1)));
                if (arrival != null) {
                    skews.add(arrival - Long.parseLong(m.group(2)));
                }
            }
        }
        if (skews.size() != count) {
            throw new IllegalStateException("expected write times for " + count + " URCs, got " + skews.size());
        }
        return skews.stream().mapToLong(Long::longValue).toArray();
    }

    /** As Python's statistics.median: the mean of the two middle values for an even count. */
    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /** As the peer script: the value at index int(n * 0.99) - 1 of the sorted samples. */
    static double p99(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) (sorted.length * 0.99) - 1)];
    }
}
