package org.miplhil.sim;

import java.time.Duration;
import java.util.List;
import org.miplhil.at.ParsedCommand.Form;
import org.miplhil.at.Param;
import org.miplhil.sim.MiplInterpreter.Outcome;
import org.miplhil.sim.MiplInterpreter.Reply;

/**
 * {@code AT+HILBENCH}: a bench aid of the harness, not a module command (docs/benchmarks.md). It writes bursts of URCs
 * the way URCs are written and tells when each one's last byte went out, so a client measures its arrival latency.
 */
final class BenchAid {

    static final String COMMAND = "+HILBENCH";
    /** Bursts stay within the module's URC history, which answers the query. */
    static final int MAX_URCS = 1000;
    static final long MAX_GAP_MICROS = 1_000_000;

    /** The interpreter's host: URCs, timers, the URC history. */
    private final MiplInterpreter.Host host;
    /** Size of the last burst: the query lists that many, the latest. */
    private int burst;

    BenchAid(MiplInterpreter.Host host) {
        this.host = host;
    }

    /**
     * {@code AT+HILBENCH=<n>[,<gap_us>]}: OK, then n URCs {@code +HILBENCH: <k>} written one by one, as URCs are,
     * back to back or {@code gap_us} microseconds apart.
     * {@code AT+HILBENCH?}: {@code +HILBENCH: <k>,<nanoTime>} for each URC of the last burst, the time
     * taken after its last byte was written. System.nanoTime() is CLOCK_MONOTONIC on Linux, shared by every
     * process of the machine, so a client in another process compares it with its own arrival times.
     * Anything else: {@code ERROR}.
     */
    Outcome handle(Form form, List<Param> params) {
        boolean numbers = params.stream().allMatch(p -> !p.quoted() && p.value().matches("\\d{1,7}"));
        if (form == Form.SET && (params.size() == 1 || params.size() == 2) && numbers) {
            long n = Long.parseLong(params.get(0).value());
            long gapMicros = params.size() == 2 ? Long.parseLong(params.get(1).value()) : 0;
            if (n >= 1 && n <= MAX_URCS && gapMicros <= MAX_GAP_MICROS) {
                burst = (int) n;
                if (gapMicros == 0) {
                    return Reply.ok().then(() -> {
                        for (long k = 1; k <= n; k++) {
                            host.urc(COMMAND + ": " + k);
                        }
                    });
                }
                return Reply.ok().then(() -> {
                    for (long k = 1; k <= n; k++) {
                        String line = COMMAND + ": " + k;
                        host.schedule(Duration.ofNanos(k * gapMicros * 1000), () -> host.urc(line));
                    }
                });
            }
        }
        if (form == Form.QUERY) {
            List<UrcEmission> last = host.recentUrcs().stream().filter(u -> u.line().startsWith(COMMAND + ": ")).toList();
            return Reply.ok(last.subList(Math.max(0, last.size() - burst), last.size()).stream()
                    .map(u -> u.line() + "," + u.writtenNanos()).toArray(String[]::new));
        }
        return new Reply(List.of(), "ERROR", () -> {});
    }
}
