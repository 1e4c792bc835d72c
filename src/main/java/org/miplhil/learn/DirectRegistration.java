package org.miplhil.learn;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.MatchResult;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.dut.UrcArrival;
import org.miplhil.dut.UrcMatcher;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.Platform;
import org.miplhil.platform.PlatformListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the module straight with an LwM2M server at an address the probe chooses (bsMode 0, 3.3.1): the
 * platform itself, or the impairment relay in front of it. One temperature object (3303, one instance), as the
 * note's transcripts register; every wait has a deadline.
 */
final class DirectRegistration {

    static final Duration WITHIN = Duration.ofSeconds(30);
    /** The platform's registration event after the module's event 6. */
    static final Duration PLATFORM_EVENT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(DirectRegistration.class);

    /** Registered: the event's arrival and the endpoint the platform saw register. */
    record Registered(UrcArrival<MatchResult> event6, String endpoint) {}

    /** Registered, or why not (the command and its answer, or the event that did not come). */
    sealed interface Outcome permits Ok, Failed {}

    record Ok(Registered registered) implements Outcome {}

    record Failed(String why) implements Outcome {}

    private DirectRegistration() {
    }

    /**
     * From no instance: {@code AT+MIPLCONFIG=0,1,0,"host",port[,autoUpdate]}, create, add 3303, open with
     * {@code lifetime}, {@code +MIPLEVENT: 0,6}.
     *
     * @param autoUpdate empty: the configuration's sixth field left out (the module's default)
     */
    static Outcome register(ModuleSession session, Platform platform, String host, int port, Optional<Integer> autoUpdate,
                            int lifetime) {
        send(session, "AT+MIPLDELETE=0");
        // the platform records the registration as it answers it: the module's event 6 may come first
        CompletableFuture<String> seen = new CompletableFuture<>();
        PlatformListener l = new PlatformListener() {
            @Override
            public void onEvent(DeviceEvent e) {
                if (e instanceof DeviceEvent.Registered r) {
                    seen.complete(r.endpoint());
                }
            }
        };
        platform.addListener(l);
        try {
            String config = "AT+MIPLCONFIG=0,1,0,\"" + host + "\"," + port + autoUpdate.map(a -> "," + a).orElse("");
            for (String c : List.of(config, "AT+MIPLCREATE", "AT+MIPLADDOBJ=0,3303,1,\"1\",4,1")) {
                Optional<Reply> r = send(session, c);
                if (r.filter(Reply::isOk).isEmpty()) {
                    return new Failed(c + " -> " + r.map(x -> x.result().text()).orElse("no final result"));
                }
            }
            String openCommand = "AT+MIPLOPEN=0," + lifetime + ",30";
            Optional<Reply> open = send(session, openCommand);
            if (open.filter(Reply::isOk).isEmpty()) {
                return new Failed(openCommand + " -> " + open.map(x -> x.result().text()).orElse("no final result"));
            }
            UrcArrival<MatchResult> six;
            try {
                six = session.expectUrc(open.get().cursor(), UrcMatcher.regex("\\+MIPLEVENT: 0,6"), WITHIN);
            } catch (DeadlineExceeded e) {
                return new Failed(openCommand + ": no +MIPLEVENT: 0,6 within " + WITHIN.toSeconds() + " s: "
                        + e.getMessage());
            }
            try {
                return new Ok(new Registered(six, seen.get(PLATFORM_EVENT.toMillis(), TimeUnit.MILLISECONDS)));
            } catch (TimeoutException | ExecutionException e) {
                return new Failed("+MIPLEVENT: 0,6 but the platform saw no registration within "
                        + PLATFORM_EVENT.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Failed("interrupted awaiting the platform's registration event");
            }
        } finally {
            platform.removeListener(l);
        }
    }

    static Optional<Reply> send(ModuleSession session, String command) {
        try {
            return Optional.of(session.send(command, ProbeRunner.WITHIN));
        } catch (DeadlineExceeded e) {
            LOG.info("profile learn: {} had no final result: {}", command, e.getMessage());
            return Optional.empty();
        }
    }
}
