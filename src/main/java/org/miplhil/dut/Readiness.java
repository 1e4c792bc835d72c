package org.miplhil.dut;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Whether a module answers at all: {@code AT} once a second until it answers OK, for at most a deadline — a module
 * may still be booting, and one still booting may answer ERROR at once, so the next try waits out the second.
 */
public final class Readiness {

    private static final Duration TRY = Duration.ofSeconds(1);

    private Readiness() {
    }

    /** Empty when the module answered {@code AT} with OK within {@code within}; else what came last. */
    public static Optional<String> awaitAt(ModuleSession session, Duration within) {
        long end = System.nanoTime() + within.toNanos();
        String last = "nothing";
        while (true) {
            long attempt = System.nanoTime();
            try {
                Reply r = session.send("AT", TRY);
                if (r.isOk()) {
                    return Optional.empty();
                }
                last = r.toString();
            } catch (DeadlineExceeded e) {
                last = e.getMessage();
            }
            if (System.nanoTime() - end > 0) {
                return Optional.of(last);
            }
            LockSupport.parkNanos(TRY.toNanos() - (System.nanoTime() - attempt));
        }
    }
}
