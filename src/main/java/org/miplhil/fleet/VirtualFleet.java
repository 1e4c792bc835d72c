package org.miplhil.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miplhil.suite.run.Target;

/**
 * The virtual modules of {@code ./mipl-hil run --parallel N}: {@code sim-1} ... {@code sim-N}, each its own virtual
 * BC260Y-CN on its own pseudo-terminal, with an IMEI of its own (so a platform tells them apart by endpoint) made from
 * the profile's: the same type allocation code, serial numbers counting up, the check digit recomputed.
 */
public final class VirtualFleet {

    /**
     * {@code --parallel} without a number: 6 per core, the count that finished the catalogue within 40 s on 2 cores
     * (docs/benchmarks.md, "bench parallel"); a case waits far more than it computes.
     */
    public static int defaultSize() {
        return Math.max(4, 6 * Runtime.getRuntime().availableProcessors());
    }

    private VirtualFleet() {
    }

    /** {@code n} virtual modules whose IMEIs follow {@code baseImei} (a 15-digit IMEI; its own for the first). */
    public static List<FleetModule> of(int n, String baseImei) {
        List<FleetModule> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new FleetModule("sim-" + (i + 1), new Target.Sim(), Optional.of(imei(baseImei, i)),
                    Optional.empty(), Optional.empty(), Optional.empty()));
        }
        return out;
    }

    /**
     * The IMEI {@code offset} serial numbers after {@code base} (3GPP TS 23.003 6.2.1: TAC 8 digits, serial number 6,
     * check digit by the Luhn formula); the serial wraps within its 6 digits. A base that is not 15 digits is kept
     * with the offset appended to stay distinct.
     */
    static String imei(String base, int offset) {
        if (base == null || !base.matches("\\d{15}")) {
            return (base == null ? "" : base) + (offset == 0 ? "" : "-" + offset);
        }
        if (offset == 0) {
            return base;
        }
        int serial = (Integer.parseInt(base.substring(8, 14)) + offset) % 1_000_000;
        String body = base.substring(0, 8) + String.format("%06d", serial);
        return body + luhn(body);
    }

    /** The Luhn check digit of 14 digits: every second digit from the right of the body doubled. */
    static int luhn(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int d = body.charAt(body.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }
}
