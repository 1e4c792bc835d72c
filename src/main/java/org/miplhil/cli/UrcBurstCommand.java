package org.miplhil.cli;

import java.time.Duration;
import java.util.List;
import org.miplhil.at.Param;
import org.miplhil.at.ParsedCommand.Form;
import org.miplhil.sim.HarnessCommand;
import org.miplhil.sim.UrcEmission;

/**
 * {@code AT+HILBENCH}: the round-trip bench's aid, a command of the harness that no module has (docs/benchmarks.md),
 * installed on the virtual modules of {@code bench roundtrip} and {@code sim}. It writes bursts of URCs the way URCs
 * are written and tells when each one's last byte went out, so a client measures its arrival latency.
 */
final class UrcBurstCommand implements HarnessCommand {

    static final String NAME = "+HILBENCH";
    /** Bursts stay within the module's URC history, which answers the query. */
    static final int MAX_URCS = 1000;
    static final long MAX_GAP_MICROS = 1_000_000;

    /** Size of the last burst: the query lists that many, the latest (module thread only). */
    private int burst;

    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@code AT+HILBENCH=<n>[,<gap_us>]}: OK, then n URCs {@code +HILBENCH: <k>} written one by one, as URCs are,
     * back to back or {@code gap_us} microseconds apart.
     * {@code AT+HILBENCH?}: {@code +HILBENCH: <k>,<nanoTime>} for each URC of the last burst, the time
     * taken after its last byte was written. System.nanoTime() is CLOCK_MONOTONIC on Linux, shared by every
     * process of the machine, so a client in another process compares it with its own arrival times.
     * Anything else: {@code ERROR}.
     */
    @Override
    public Answer handle(Form form, List<Param> params, Module module) {
        boolean numbers = params.stream().allMatch(p -> !p.quoted() && p.value().matches("\\d{1,7}"));
        if (form == Form.SET && (params.size() == 1 || params.size() == 2) && numbers) {
            long n = Long.parseLong(params.get(0).value());
            long gapMicros = params.size() == 2 ? Long.parseLong(params.get(1).value()) : 0;
            if (n >= 1 && n <= MAX_URCS && gapMicros <= MAX_GAP_MICROS) {
                burst = (int) n;
                if (gapMicros == 0) {
                    return Answer.ok().then(() -> {
                        for (long k = 1; k <= n; k++) {
                            module.urc(NAME + ": " + k);
                        }
                    });
                }
                return Answer.ok().then(() -> {
                    for (long k = 1; k <= n; k++) {
                        String line = NAME + ": " + k;
                        module.schedule(Duration.ofNanos(k * gapMicros * 1000), () -> module.urc(line));
                    }
                });
            }
        }
        if (form == Form.QUERY) {
            List<UrcEmission> last = module.recentUrcs().stream().filter(u -> u.line().startsWith(NAME + ": ")).toList();
            return Answer.ok(last.subList(Math.max(0, last.size() - burst), last.size()).stream()
                    .map(u -> u.line() + "," + u.writtenNanos()).toArray(String[]::new));
        }
        return Answer.error();
    }
}
