package org.miplhil.learn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.Reply;
import org.miplhil.objects.ObjectPath;

/**
 * Probes that need the module registered with the platform (docs/profile-learn.md): the codes of the mistakes only a
 * registered module can be shown (an open while registered, an update's lifetime), and what the platform sees of
 * the registration (the endpoint name) or the module shows after it (the configuration query). The mistakes are
 * made as suites/catalogue/commands-open-close-update.yaml makes them.
 */
public final class RegisteredProbes {

    private static final String B600 = "\"" + "B".repeat(600) + "\"";

    private RegisteredProbes() {
    }

    public static List<Probe> all() {
        List<Probe> p = new ArrayList<>();
        p.add(new ScenarioProbe("registered", List.of("mipl.endpoint-name", "mipl.config-query-quotes-ip",
                "errors.open.already-registered", "errors.update.lifetime-range", "mipl.lifetime-zero-means"),
                ScenarioProbe.Start.REGISTERED, RegisteredProbes::registered));
        p.add(new ScenarioProbe("notify mistakes", List.of("errors.notify.type-length", "errors.notify.flag-range",
                "errors.notify.index-range", "errors.notify.rai-range", "errors.notify.too-long", "parsing.notify-match"),
                ScenarioProbe.Start.REGISTERED, RegisteredProbes::notifyMistakes));
        p.add(new ScenarioProbe("an open while registering", List.of("errors.open.while-registering"),
                ScenarioProbe.Start.ATTACHED, RegisteredProbes::openWhileRegistering));
        p.add(new ScenarioProbe("a close with nothing registered", List.of("parsing.close-when-idle"),
                ScenarioProbe.Start.ATTACHED, RegisteredProbes::closeWhenIdle));
        p.add(new ScenarioProbe("a delete while registered", List.of("mipl.delete-waits-for-deregistration"),
                ScenarioProbe.Start.REGISTERED, RegisteredProbes::deleteWhileRegistered));
        return p;
    }

    /**
     * 3.3.15 with the observation of /3303/0 the platform made after the registration: a wrong length, flag, index,
     * raiMode, two parts over 1023 bytes; and a msgId no observation has, with the observed path (accepted: the AT
     * layer finds the observation by path, {@code path}; refused: by msgId).
     */
    private static List<Observation> notifyMistakes(ProbeContext ctx) throws ProbeFailed {
        List<Observation> seen = new ArrayList<>();
        ObjectPath observed = ObjectPath.instance(3303, 0);
        long id = ctx.mcu().observation(observed).orElseThrow(() -> new ProbeFailed("no observation of " + observed
                + " after the registration; the MCU holds " + ctx.mcu().observations())).msgId();
        String head = "AT+MIPLNOTIFY=0," + id + ",3303,0,";
        seen.add(ProbeContext.error("notify.type-length", ctx.send(head + "5700,3,3,25,0,0"))); // integers: 2, 4, 8
        seen.add(ProbeContext.error("notify.flag-range", ctx.send(head + "5700,4,4,25.6,0,3")));
        seen.add(ProbeContext.error("notify.index-range", ctx.send(head + "5700,4,4,25.6,11,0")));
        seen.add(ProbeContext.error("notify.rai-range", ctx.send(head + "5700,4,4,25.6,0,0,0,3")));
        Reply first = ctx.send(head + "5701,1,600," + B600 + ",1,0");
        seen.add(first.isOk() ? ProbeContext.error("notify.too-long", ctx.send(head + "5701,1,600," + B600 + ",0,0"))
                : new Observation("errors.notify.too-long", "", ValueType.INTEGER, "the first part was refused: "
                + ProbeContext.answer(first)));
        Set<Long> held = new HashSet<>();
        ctx.mcu().observations().forEach(o -> held.add(o.msgId()));
        long other = (id + 1) & 0xFFFF;
        while (held.contains(other)) {
            other = (other + 1) & 0xFFFF;
        }
        Reply byPath = ctx.send("AT+MIPLNOTIFY=0," + other + ",3303,0,5700,4,4,25.6,0,0");
        String match = byPath.isOk() ? "path" : Probes.cisCode(byPath).map(c -> "msgid").orElse("");
        seen.add(new Observation("parsing.notify-match", match, ValueType.TEXT, ProbeContext.answer(byPath)
                + " (msgId " + other + " is no observation's; " + observed + " is observed with " + id + ")"));
        return seen;
    }

    /**
     * A second {@code AT+MIPLOPEN} while the first registration is under way: towards a port where no server answers
     * (as suites/catalogue/commands-open-close-update.yaml: the lab's platform answers sooner than a second command
     * may reach a busy module).
     */
    private static List<Observation> openWhileRegistering(ProbeContext ctx) throws ProbeFailed {
        String host = ctx.registration().target().config().flatMap(c -> c.ip()).orElse("127.0.0.1");
        for (String c : List.of("AT+MIPLCONFIG=0,1,0,\"" + host + "\",9,1", "AT+MIPLCREATE",
                "AT+MIPLADDOBJ=0,3311,2,\"11\",5,0", "AT+MIPLOPEN=0,86400,30")) {
            setup(ctx, c);
        }
        ctx.registration().mayBeRegistered();
        return List.of(ProbeContext.error("open.while-registering", ctx.send("AT+MIPLOPEN=0,86400,30")));
    }

    /** {@code AT+MIPLCLOSE} with an instance and nothing registered: OK ({@code ok}) or refused ({@code refuse}). */
    private static List<Observation> closeWhenIdle(ProbeContext ctx) throws ProbeFailed {
        setup(ctx, "AT+MIPLCREATE");
        setup(ctx, "AT+MIPLADDOBJ=0,3311,1,\"1\",4,2");
        Reply r = ctx.send("AT+MIPLCLOSE=0");
        String v = r.isOk() ? "ok" : Probes.cisCode(r).map(c -> "refuse").orElse("");
        return List.of(new Observation("parsing.close-when-idle", v, ValueType.TEXT, ProbeContext.answer(r)));
    }

    /**
     * {@code AT+MIPLDELETE} while registered: whether the module deregisters before it answers
     * ({@code +MIPLEVENT: 0,15} before the OK). Not timed: the wait is the deregistration, not a reply's delay.
     */
    private static List<Observation> deleteWhileRegistered(ProbeContext ctx) throws ProbeFailed {
        Reply r;
        try {
            r = ctx.session().send("AT+MIPLDELETE=0", ProbeContext.COMMAND);
        } catch (DeadlineExceeded e) {
            throw new ProbeFailed("AT+MIPLDELETE=0 while registered: " + e.getMessage(), e);
        }
        List<String> before = ctx.session().journal().entries(r.firstIndex() + 1, r.lastIndex()).stream()
                .filter(e -> e instanceof JournalEntry.Received).map(e -> ((JournalEntry.Received) e).text())
                .filter(l -> !l.strip().equals("AT+MIPLDELETE=0")).toList(); // not the echo
        boolean waited = before.stream().anyMatch(l -> l.strip().equals("+MIPLEVENT: 0,15"));
        return List.of(new Observation("mipl.delete-waits-for-deregistration", r.isOk() ? Boolean.toString(waited) : "",
                ValueType.BOOLEAN, "AT+MIPLDELETE=0 -> " + (before.isEmpty() ? "" : String.join(" | ", before) + " | ")
                + r.result().text()));
    }

    /** A command the probe needs accepted. */
    private static void setup(ProbeContext ctx, String command) throws ProbeFailed {
        Reply r = ctx.send(command);
        if (!r.isOk()) {
            throw new ProbeFailed("setup " + ProbeContext.answer(r) + " (awaited OK)");
        }
    }

    /** What a registration shows: the endpoint, the query of the configuration sent, two refused commands. */
    private static List<Observation> registered(ProbeContext ctx) throws ProbeFailed {
        List<Observation> seen = new ArrayList<>();
        Registration.Registered r = ctx.registered();
        String imei = ctx.registration().imei();
        String imsi = ctx.registration().imsi();
        seen.add(new Observation("mipl.endpoint-name", endpointTemplate(r.endpoint(), imei, imsi), ValueType.TEXT,
                "the platform saw endpoint " + r.endpoint() + " (IMEI " + imei + ", IMSI " + imsi + ")"));
        Reply q = ctx.send("AT+MIPLCONFIG?");
        seen.add(new Observation("mipl.config-query-quotes-ip", quotesIp(q, ctx.registration().target().config()
                .flatMap(c -> c.ip()).orElse("")).orElse(""), ValueType.BOOLEAN, ProbeContext.answer(q)));
        // 3.3.7: an open while registered
        seen.add(ProbeContext.error("open.already-registered", ctx.send("AT+MIPLOPEN=0,86400,30")));
        // 3.3.16: lifetime 15..268435455 or 0, as the open's
        seen.add(ProbeContext.error("update.lifetime-range", ctx.send("AT+MIPLUPDATE=0,14,0")));
        seen.add(lifetimeZero(ctx, r));
        return seen;
    }

    /**
     * 3.3.16: an update with lifetime 0 (the same rule as the open's, 3.3.7) — the lifetime the platform then holds
     * for the device is what 0 means ({@code lt=} of the Update). Last of its probe: the lifetime is no longer 86400.
     */
    private static Observation lifetimeZero(ProbeContext ctx, Registration.Registered r) throws ProbeFailed {
        String key = "mipl.lifetime-zero-means";
        Reply u = ctx.send("AT+MIPLUPDATE=0,0,0");
        if (!u.isOk()) {
            return new Observation(key, "", ValueType.INTEGER, ProbeContext.answer(u) + " (awaited OK)");
        }
        try {
            ctx.session().expectUrc("\\+MIPLEVENT: 0,11", ProbeContext.REQUEST_URC); // 5.2: update succeeded
        } catch (DeadlineExceeded e) {
            return new Observation(key, "", ValueType.INTEGER, "AT+MIPLUPDATE=0,0,0 -> OK, then no +MIPLEVENT: 0,11"
                    + " within " + ProbeContext.REQUEST_URC.toSeconds() + " s: " + e.getMessage());
        }
        // the platform records the Update as it handles it; event 11 may come first: a short deadline-bound wait
        long end = System.nanoTime() + ProbeContext.COMMAND.toNanos();
        long lifetime;
        do {
            lifetime = ctx.platform().device(r.endpoint()).map(d -> d.lifetimeSeconds()).orElse(-1L);
        } while (lifetime == 86400 && System.nanoTime() < end && pause());
        String answer = "AT+MIPLUPDATE=0,0,0 -> OK | +MIPLEVENT: 0,11; the platform holds lifetime " + lifetime
                + " s for " + r.endpoint();
        return new Observation(key, lifetime > 0 && lifetime != 86400 ? Long.toString(lifetime) : "", ValueType.INTEGER,
                answer);
    }

    private static boolean pause() {
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        return !Thread.currentThread().isInterrupted();
    }

    /**
     * The endpoint name as the profile's template writes it: the module's IMEI and IMSI replaced by
     * {@code ${imei}} and {@code ${imsi}} ({@code 866971050123456;460041234567890} → {@code ${imei};${imsi}}).
     */
    static String endpointTemplate(String endpoint, String imei, String imsi) {
        String t = endpoint;
        if (!imei.isEmpty()) {
            t = t.replace(imei, "${imei}");
        }
        if (!imsi.isEmpty()) {
            t = t.replace(imsi, "${imsi}");
        }
        return t;
    }

    /** Whether {@code AT+MIPLCONFIG?} prints the configured address in quotes; empty when it does not print it. */
    static Optional<String> quotesIp(Reply r, String ip) {
        if (!r.isOk() || ip.isEmpty()) {
            return Optional.empty();
        }
        return r.line("+MIPLCONFIG:").flatMap(l -> {
            if (l.contains("\"" + ip + "\"")) {
                return Optional.of("true");
            }
            return l.contains(ip) ? Optional.of("false") : Optional.empty();
        });
    }
}
