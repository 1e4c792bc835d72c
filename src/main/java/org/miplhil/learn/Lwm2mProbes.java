package org.miplhil.learn;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.MatchResult;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.dut.UrcArrival;
import org.miplhil.dut.UrcMatcher;
import org.miplhil.network.Impairment;
import org.miplhil.network.ImpairmentRelay;
import org.miplhil.network.NetworkConditions;
import org.miplhil.network.Route;
import org.miplhil.dut.mcu.McuApplication;
import org.miplhil.objects.ObjectPath;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Platform;
import org.miplhil.platform.PlatformCapability;
import org.miplhil.platform.PlatformResult;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.FirmwareProfile.ProfileEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The module's CoAP side seen at the platform ({@code lwm2m.*}). The module registers through the impairment relay
 * (on the platform's own address), which sees every datagram the module sends; with every uplink datagram lost the
 * platform never acknowledges a confirmable notification and a registration update, so the module retransmits them
 * and the relay times each copy:
 * <ul>
 * <li>{@code ack-timeout}: the wait before the first retransmission; {@code ack-randomised}: whether that wait
 *     differs between two messages (RFC 7252 4.8: random in ACK_TIMEOUT .. ACK_TIMEOUT x ACK_RANDOM_FACTOR; the
 *     SDK's is fixed, cis_transaction.c). Three transmissions of each are enough (0, 2, 6 s with the SDK's timing);</li>
 * <li>{@code max-retransmit} ({@code slow}): the copies of the notification until the module gives it up with
 *     {@code +MIPLEVENT: 0,25} (62 s with the SDK's timing);</li>
 * <li>{@code deregistration-timeout}: {@code AT+MIPLCLOSE} with the De-register lost, to {@code +MIPLEVENT: 0,15};</li>
 * <li>{@code lifetime-factor} ({@code slow}): registered for 15 s with auto_update 0, {@code +MIPLEVENT: 0,9} comes
 *     when the module's own lifetime ({@code lifetime x factor}, 3.3.7) ends.</li>
 * </ul>
 */
public final class Lwm2mProbes {

    static final String ACK_TIMEOUT = "lwm2m.ack-timeout";
    static final String ACK_RANDOMISED = "lwm2m.ack-randomised";
    static final String MAX_RETRANSMIT = "lwm2m.max-retransmit";
    static final String DEREGISTRATION_TIMEOUT = "lwm2m.deregistration-timeout";
    static final String LIFETIME_FACTOR = "lwm2m.lifetime-factor";
    /** 3.3.7: the shortest lifetime AT+MIPLOPEN takes; event 9 comes after {@code 15 s x factor}. */
    static final int SHORT_LIFETIME = 15;
    static final Duration REGISTRATION = Duration.ofSeconds(30);
    private static final NodePath TEMPERATURE = NodePath.resource(3303, 0, 5700);
    private static final int ACK_ID = 7;
    private static final Logger LOG = LoggerFactory.getLogger(Lwm2mProbes.class);

    private final ModuleSession session;
    private final Platform platform;
    private final String moduleSideHost;
    private final FirmwareProfile current;
    private final List<Observation> seen = new ArrayList<>();

    private final McuApplication mcu;

    /**
     * The module reaches the relay at the host it reaches the platform at (the relay listens on the platform's own
     * address): {@code 127.0.0.1} for the virtual module.
     */
    private Lwm2mProbes(ProbeContext ctx) {
        this.session = ctx.session();
        this.platform = ctx.platform();
        this.moduleSideHost = ctx.runPlatform().host();
        this.current = ctx.current();
        this.mcu = ctx.mcu();
    }

    /** The probes; {@code slow} adds max-retransmit (about 62 s more) and lifetime-factor (about 14 s). */
    public static List<Probe> all(boolean slow) {
        List<Probe> p = new ArrayList<>();
        List<String> keys = new ArrayList<>(List.of(ACK_TIMEOUT, ACK_RANDOMISED, DEREGISTRATION_TIMEOUT));
        if (slow) {
            keys.add(MAX_RETRANSMIT);
        }
        p.add(new ScenarioProbe("CoAP retransmissions and deregistration", keys, ScenarioProbe.Start.ATTACHED,
                ctx -> new Lwm2mProbes(ctx).retransmissions(slow)));
        if (slow) {
            p.add(new ScenarioProbe("the module's lifetime", List.of(LIFETIME_FACTOR), ScenarioProbe.Start.ATTACHED,
                    ctx -> new Lwm2mProbes(ctx).lifetime()));
        }
        return p;
    }

    // --- retransmissions and deregistration ------------------------------------------------------------

    private List<Observation> retransmissions(boolean slow) throws ProbeFailed {
        requireLocalPlatform();
        InetSocketAddress server = platform.coapAddress();
        CoapUplink uplink = new CoapUplink();
        try (ImpairmentRelay relay = ImpairmentRelay.start(List.of(new Route(new InetSocketAddress(server.getAddress(), 0),
                server)), 1, NetworkConditions.none()); AutoCloseable tap = relay.tap(uplink)) {
            int port = relay.listenAddresses().get(0).getPort();
            Optional<String> failed = register(port, Optional.empty(), 86400);
            if (failed.isPresent()) {
                nothing(failed.get(), ACK_TIMEOUT, ACK_RANDOMISED, DEREGISTRATION_TIMEOUT);
                if (slow) {
                    nothing(failed.get(), MAX_RETRANSMIT);
                }
                return List.copyOf(seen);
            }
            Optional<String> observeId = observe();
            // from now on nothing the module sends reaches the platform: no ACK ever comes back
            relay.apply(new NetworkConditions("learn: uplink lost", new Impairment(Duration.ZERO, Duration.ZERO, 1.0,
                    0, 0, 0), Impairment.NONE, Optional.empty()));
            long start = System.nanoTime();
            Optional<Reply> notify = observeId.flatMap(id -> send("AT+MIPLNOTIFY=0," + id + ",3303,0,5700,4,4,23.5,0,0,"
                    + ACK_ID));
            Optional<Reply> update = send("AT+MIPLUPDATE=0,86400,0");
            Duration ack = currentDuration(ACK_TIMEOUT, Duration.ofSeconds(2));
            // three transmissions: 0, T, 3T (at most 4.5 T when randomised by 1.5), and the UART's and timers' slack
            long threeSends = start + ack.multipliedBy(5).plusSeconds(3).toNanos();
            List<CoapUplink.Message> n = notify.filter(Reply::isOk).isPresent()
                    ? uplink.await(m -> m.nanoTime() >= start && m.code() == CoapUplink.CONTENT, 3, threeSends) : List.of();
            List<CoapUplink.Message> u = update.filter(Reply::isOk).isPresent()
                    ? uplink.await(m -> m.nanoTime() >= start && m.code() == CoapUplink.POST, 3, threeSends) : List.of();
            ackTiming(n, u, notify, update);
            if (slow) {
                maxRetransmit(uplink, notify, ack, start);
            }
            deregistration();
        } catch (Exception e) {
            LOG.warn("profile learn: the CoAP timing probes stopped: {}", e.toString());
            nothing("stopped: " + e.getMessage(), ACK_TIMEOUT, ACK_RANDOMISED, DEREGISTRATION_TIMEOUT);
        } finally {
            send("AT+MIPLDELETE=0");
        }
        return List.copyOf(seen);
    }

    private void ackTiming(List<CoapUplink.Message> n, List<CoapUplink.Message> u, Optional<Reply> notify,
                           Optional<Reply> update) {
        String evidence = "every uplink datagram lost; " + sends("confirmable notify", n, notify) + "; "
                + sends("registration update", u, update);
        List<Duration> firstWaits = new ArrayList<>();
        if (n.size() >= 2) {
            firstWaits.add(between(n.get(0), n.get(1)));
        }
        if (u.size() >= 2) {
            firstWaits.add(between(u.get(0), u.get(1)));
        }
        if (firstWaits.isEmpty()) {
            nothing(evidence, ACK_TIMEOUT, ACK_RANDOMISED);
            return;
        }
        Duration shortest = firstWaits.stream().min(Duration::compareTo).orElseThrow();
        Duration longest = firstWaits.stream().max(Duration::compareTo).orElseThrow();
        String cur = currentValue(ACK_TIMEOUT);
        seen.add(new Observation(ACK_TIMEOUT, TimingValue.of(shortest, cur, LearnedProfile.TIMING_TOLERANCE),
                ValueType.DURATION, evidence));
        if (firstWaits.size() < 2) {
            seen.add(new Observation(ACK_RANDOMISED, "", ValueType.BOOLEAN, evidence
                    + " (two messages' first waits are needed)"));
            return;
        }
        // a fixed ACK_TIMEOUT gives two messages the same first wait; a randomised one draws each anew
        boolean randomised = longest.minus(shortest).compareTo(LearnedProfile.TIMING_TOLERANCE) > 0;
        seen.add(new Observation(ACK_RANDOMISED, Boolean.toString(randomised), ValueType.BOOLEAN, evidence));
    }

    /** {@code slow}: the notification's copies until the module gives it up (25); max-retransmit is copies - 1. */
    private void maxRetransmit(CoapUplink uplink, Optional<Reply> notify, Duration ack, long start) {
        if (notify.filter(Reply::isOk).isEmpty()) {
            nothing("AT+MIPLNOTIFY -> " + notify.map(r -> r.result().text()).orElse("no final result"), MAX_RETRANSMIT);
            return;
        }
        int max = currentInt(MAX_RETRANSMIT, 4);
        // the whole span of the current timing, randomised at most by 1.5, and slack
        Duration span = ack.multipliedBy((1L << (max + 2)) - 1).multipliedBy(3).dividedBy(2).plusSeconds(5);
        try {
            UrcArrival<MatchResult> given = session.expectUrc(notify.get().after(),
                    UrcMatcher.regex("\\+MIPLEVENT: 0,25," + ACK_ID), span);
            List<CoapUplink.Message> copies = uplink.transmissions(m -> m.nanoTime() >= start && m.code() == CoapUplink.CONTENT).stream()
                    .filter(m -> m.nanoTime() <= given.nanoTime()).toList();
            seen.add(new Observation(MAX_RETRANSMIT, Integer.toString(copies.size() - 1), ValueType.INTEGER,
                    copies.size() + " transmissions of the notify at " + offsets(copies) + ", then "
                            + given.text() + " after " + TimingValue.ms(Duration.ofNanos(given.nanoTime()
                            - copies.get(0).nanoTime()))));
        } catch (DeadlineExceeded e) {
            nothing("no +MIPLEVENT: 0,25," + ACK_ID + " within " + span.toSeconds() + " s of the notify", MAX_RETRANSMIT);
        }
    }

    /** AT+MIPLCLOSE while nothing the module sends arrives: event 15 comes after the module's own timeout. */
    private void deregistration() {
        Optional<Reply> close = send("AT+MIPLCLOSE=0");
        if (close.filter(Reply::isOk).isEmpty()) {
            nothing("AT+MIPLCLOSE=0 -> " + close.map(r -> r.result().text()).orElse("no final result"),
                    DEREGISTRATION_TIMEOUT);
            return;
        }
        Duration within = currentDuration(DEREGISTRATION_TIMEOUT, Duration.ofSeconds(3)).multipliedBy(2).plusSeconds(5);
        try {
            UrcArrival<MatchResult> closed = session.expectUrc(close.get().cursor(),
                    UrcMatcher.regex("\\+MIPLEVENT: 0,15"), within);
            Duration took = Duration.ofNanos(closed.nanoTime() - close.get().writtenNanos());
            seen.add(new Observation(DEREGISTRATION_TIMEOUT, TimingValue.of(took, currentValue(DEREGISTRATION_TIMEOUT),
                    LearnedProfile.TIMING_TOLERANCE), ValueType.DURATION, "AT+MIPLCLOSE=0 with the De-register lost -> "
                    + closed.text() + " after " + TimingValue.ms(took)));
        } catch (DeadlineExceeded e) {
            nothing("AT+MIPLCLOSE=0 with the De-register lost: no +MIPLEVENT: 0,15 within " + within.toSeconds() + " s",
                    DEREGISTRATION_TIMEOUT);
        }
    }

    // --- lifetime --------------------------------------------------------------------------------------

    /** {@code slow}: registered for 15 s with auto_update 0 (no update at 14), event 9 ends the module's lifetime. */
    private List<Observation> lifetime() throws ProbeFailed {
        requireLocalPlatform();
        InetSocketAddress server = platform.coapAddress();
        try {
            Optional<String> failed = register(server.getPort(), Optional.of(0), SHORT_LIFETIME);
            if (failed.isPresent()) {
                nothing(failed.get(), LIFETIME_FACTOR);
                return List.copyOf(seen);
            }
            UrcArrival<MatchResult> registered = lastRegistered;
            try {
                UrcArrival<MatchResult> ended = session.expectUrc(registered.after(), UrcMatcher.regex("\\+MIPLEVENT: 0,9"),
                        Duration.ofSeconds(SHORT_LIFETIME + 5));
                double seconds = (ended.nanoTime() - registered.nanoTime()) / 1e9;
                double cur = currentDouble(LIFETIME_FACTOR, 0.9);
                // the factor confirmed when event 9 comes within the timing tolerance (and the UART's) of 15 s x it
                boolean agrees = Math.abs(seconds - SHORT_LIFETIME * cur) <= 0.2;
                String value = agrees ? currentValue(LIFETIME_FACTOR)
                        : String.valueOf(Math.round(seconds / SHORT_LIFETIME * 100) / 100.0);
                seen.add(new Observation(LIFETIME_FACTOR, value, ValueType.INTEGER, "AT+MIPLOPEN=0," + SHORT_LIFETIME
                        + ",30 with auto_update 0 -> +MIPLEVENT: 0,6, then +MIPLEVENT: 0,9 after "
                        + String.format(java.util.Locale.ROOT, "%.2f", seconds) + " s"));
            } catch (DeadlineExceeded e) {
                nothing("registered for " + SHORT_LIFETIME + " s with auto_update 0: no +MIPLEVENT: 0,9 within "
                        + (SHORT_LIFETIME + 5) + " s", LIFETIME_FACTOR);
            }
        } finally {
            send("AT+MIPLDELETE=0");
        }
        return List.copyOf(seen);
    }

    // --- the module registered (bsMode 0, straight to the address given) ------------------------------------

    private UrcArrival<MatchResult> lastRegistered;
    private String endpoint;

    /** Registers with the server at {@code port} of the module-side host: empty, or why it did not register. */
    private Optional<String> register(int port, Optional<Integer> autoUpdate, int lifetime) {
        DirectRegistration.Outcome o = DirectRegistration.register(session, platform, moduleSideHost, port, autoUpdate,
                lifetime);
        if (o instanceof DirectRegistration.Ok ok) {
            lastRegistered = ok.registered().event6();
            endpoint = ok.registered().endpoint();
            return Optional.empty();
        }
        return Optional.of(((DirectRegistration.Failed) o).why());
    }

    /** The platform observes /3303/0/5700, the MCU application accepts: the observation the notify goes on. */
    private Optional<String> observe() {
        CompletableFuture<PlatformResult> observed = CompletableFuture.supplyAsync(
                () -> platform.observe(endpoint, TEMPERATURE, Duration.ofSeconds(10)));
        try {
            org.miplhil.dut.mcu.Observation o = mcu.awaitObservation(ObjectPath.resource(3303, 0, 5700),
                    Duration.ofSeconds(10));
            PlatformResult r = observed.join();
            return r.isSuccess() ? Optional.of(Long.toString(o.msgId())) : Optional.empty();
        } catch (DeadlineExceeded e) {
            LOG.info("profile learn: the observe of {} was not answered: {}", TEMPERATURE, e.getMessage());
            return Optional.empty();
        }
    }

    /** The module registers straight with the platform (or the relay before it): the harness's own platform only. */
    private void requireLocalPlatform() throws ProbeFailed {
        if (!platform.supports(PlatformCapability.COAP_REQUEST_LOG)) {
            throw new ProbeFailed("needs the embedded platform (the relay goes before the platform's own CoAP server)");
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private Optional<Reply> send(String command) {
        return DirectRegistration.send(session, command);
    }

    private void nothing(String why, String... keys) {
        for (String k : keys) {
            if (seen.stream().anyMatch(o -> o.key().equals(k))) {
                continue; // learnt before the probe stopped
            }
            seen.add(new Observation(k, "", k.equals(ACK_RANDOMISED) ? ValueType.BOOLEAN
                    : k.equals(MAX_RETRANSMIT) ? ValueType.INTEGER : ValueType.DURATION, why));
        }
    }

    private static Duration between(CoapUplink.Message a, CoapUplink.Message b) {
        return Duration.ofNanos(b.nanoTime() - a.nanoTime());
    }

    private static String sends(String what, List<CoapUplink.Message> copies, Optional<Reply> reply) {
        if (reply.filter(Reply::isOk).isEmpty()) {
            return what + ": " + reply.map(r -> r.command() + " -> " + r.result().text()).orElse("no final result");
        }
        if (copies.isEmpty()) {
            return what + ": nothing sent";
        }
        return what + " (" + copies.get(0).describe() + ") sent at " + offsets(copies);
    }

    /** {@code 0, 2001, 6004 ms}: each copy from the first. */
    private static String offsets(List<CoapUplink.Message> copies) {
        long t0 = copies.get(0).nanoTime();
        StringBuilder b = new StringBuilder();
        for (CoapUplink.Message m : copies) {
            b.append(b.length() == 0 ? "" : ", ").append((m.nanoTime() - t0) / 1_000_000);
        }
        return b.append(" ms").toString();
    }

    private String currentValue(String key) {
        return current.entry(key).map(ProfileEntry::value).orElse("");
    }

    private Duration currentDuration(String key, Duration otherwise) {
        return org.miplhil.yaml.Durations.parse(currentValue(key)).orElse(otherwise);
    }

    private int currentInt(String key, int otherwise) {
        try {
            return Integer.parseInt(currentValue(key));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private double currentDouble(String key, double otherwise) {
        try {
            return Double.parseDouble(currentValue(key));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
