package org.miplhil.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.MatchResult;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.miplhil.container.ContainerException;
import org.miplhil.container.Containers;
import org.miplhil.container.DockerStatus;
import org.miplhil.container.LabSettings;
import org.miplhil.container.PlatformLab;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.dut.UrcArrival;
import org.miplhil.dut.UrcMatcher;
import org.miplhil.json.Json;
import org.miplhil.network.NetworkConditions;
import org.miplhil.network.NetworkSpecs;
import org.miplhil.network.RelayStats;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.profile.FirmwareProfile;

/**
 * {@code ./mipl-hil bench registration --via direct,container,nbiot-good,…}: the registration measurement of
 * {@link Lwm2mBench#registration} (the write of {@code AT+MIPLOPEN} to the last byte of {@code +MIPLEVENT: 0,6})
 * taken against several platforms in one process, in turn: the embedded platform on loopback ({@code direct}), the
 * platform in its container behind the relay with no conditions ({@code container}), and the same lab with a
 * profile of {@code fixtures/network/} applied to the relay. One lab serves every container and profile way. A
 * registration that does not end in event 6 within the OPEN timeout is a failure, counted and described, never
 * dropped from the figures silently.
 */
final class RegistrationVias {

    static final String DIRECT = "direct";
    static final String CONTAINER = "container";
    /** 3.3.7: AT+MIPLOPEN's {@code <timeout>} when none is given (the profile's open.timeout-default). */
    static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);
    /** After the OPEN timeout, how long the module gets to print its failure event before the wait gives up. */
    static final Duration EVENT_GRACE = Duration.ofSeconds(10);
    /** AT+MIPLCLOSE's event 15: after the De-register's answer or the module's deregistration timeout (3 s). */
    static final Duration CLOSE_WITHIN = Duration.ofSeconds(30);
    /** After a failed registration: the deregistration timeout (3 s) and a margin. */
    static final Duration CLOSE_AFTER_FAILURE = Duration.ofSeconds(5);
    /** The terminal events of a registration (docs/lwm2m.md): 6, or 3, 5, 7, 8 when it ends in failure. */
    private static final UrcMatcher<MatchResult> ENDS = UrcMatcher.regex("\\+MIPLEVENT: 0,([35678])");
    /** The api-key the bench sends the lab's platform, which runs without credentials and accepts any. */
    private static final String LAB_API_KEY = "mipl-hil-bench";

    private RegistrationVias() {
    }

    /** One way to the platform. */
    sealed interface Via {
        String name();

        /** Whether it needs the lab (Docker). */
        default boolean inLab() {
            return !(this instanceof Direct);
        }

        /** The embedded platform on loopback, as without --via. */
        record Direct() implements Via {
            @Override
            public String name() {
                return DIRECT;
            }
        }

        /** The platform in its container, the relay passing every datagram at once. */
        record Container() implements Via {
            @Override
            public String name() {
                return CONTAINER;
            }
        }

        /** The lab with a profile's conditions on the relay. */
        record Profile(String name, NetworkConditions conditions) implements Via {
        }
    }

    /** What a --via list gave: the ways in the order given (no repeats), or why not. Pure; never throws. */
    sealed interface Parsed {
        record Ok(List<Via> vias) implements Parsed {
        }

        record Bad(String message) implements Parsed {
        }
    }

    /** The words of {@code --via}, each {@code direct}, {@code container} or a profile in {@code profileDir}. */
    static Parsed parse(List<String> words, Path profileDir) {
        List<String> profiles = NetworkSpecs.profileNames(profileDir);
        List<Via> vias = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String raw : words) {
            String w = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
            if (seen.contains(w)) {
                continue;
            }
            Via via;
            if (w.equals(DIRECT)) {
                via = new Via.Direct();
            } else if (w.equals(CONTAINER)) {
                via = new Via.Container();
            } else if (profiles.contains(w)) {
                NetworkSpecs.Result r = NetworkSpecs.readProfile(w, profileDir);
                if (r.value().isEmpty()) {
                    return new Parsed.Bad("--via " + w + ": the profile cannot be read: " + r.problems());
                }
                via = new Via.Profile(w, r.value().get());
            } else {
                return new Parsed.Bad("--via takes " + String.join(", ", choices(profiles)) + ": '" + raw + "'");
            }
            seen.add(w);
            vias.add(via);
        }
        return vias.isEmpty() ? new Parsed.Bad("--via needs at least one of " + String.join(", ",
                choices(profiles))) : new Parsed.Ok(List.copyOf(vias));
    }

    private static List<String> choices(List<String> profiles) {
        List<String> all = new ArrayList<>(List.of(DIRECT, CONTAINER));
        all.addAll(profiles);
        return all;
    }

    /** {@code fixtures/network} of the working directory or of the checkout the jar was built in. */
    static Path profileDir() {
        return SimCommand.candidates(NetworkSpecs.DEFAULT_DIR).stream().filter(Files::isDirectory).findFirst()
                .orElse(NetworkSpecs.DEFAULT_DIR);
    }

    /**
     * One way's figures: the successful registrations' times (failures not among them), the failures with what
     * ended each, and for lab ways what the relay did over the whole block (warm-up, closes and the platform's
     * observe and discover included).
     */
    record Outcome(Via via, Lwm2mBench.Stats stats, int failures, List<String> failureNotes,
                   Optional<RelayStats> relay, Duration openTimeout) {

        String toJson() {
            ObjectNode o = Json.object().put("tool", "mipl-hil").put("bench", stats.bench())
                    .put("count", stats.count()).put("warmup", stats.warmup())
                    .put("median_ms", Json.fixed(stats.medianMs(), 2)).put("p99_ms", Json.fixed(stats.p99Ms(), 2))
                    .put("max_ms", Json.fixed(stats.maxMs(), 2)).put("goal_ms", Json.fixed(stats.goalMs(), 0))
                    .put("via", via.name()).put("failures", failures)
                    .put("open_timeout_s", openTimeout.toSeconds());
            if (stats.count() == 0) {
                // every registration failed: no time to give, and 0 would read as one
                o.putNull("median_ms").putNull("p99_ms").putNull("max_ms");
            }
            if (!failureNotes.isEmpty()) {
                o.putPOJO("failed", failureNotes);
            }
            if (via instanceof Via.Profile p) {
                o.put("conditions", p.conditions().describe());
                p.conditions().source().ifPresent(s -> o.put("source", "fixtures/network/" + p.name() + ".yaml"));
            }
            relay.ifPresent(r -> {
                ObjectNode rel = o.putObject("relay");
                direction(rel.putObject("uplink"), r.uplink());
                direction(rel.putObject("downlink"), r.downlink());
            });
            return Json.write(o);
        }

        private static void direction(ObjectNode n, RelayStats.Direction d) {
            n.put("received", d.received()).put("delivered", d.delivered()).put("dropped", d.dropped())
                    .put("duplicated", d.duplicated()).put("reordered", d.reordered());
        }
    }

    /** Starts the lab; the command's is Docker through Testcontainers, a test may give another. */
    interface LabStarter {
        /** Whether Docker answers here, and if not why. */
        DockerStatus docker();

        /** A lab whose platform knows {@code module}'s IMEI, as OneNET must before it registers. */
        PlatformLab start(boolean bootstrap, FirmwareProfile.Identity module) throws ContainerException;
    }

    /** The lab of {@link Containers#startPlatformLab}, bootstrap server on or off as the bench asks. */
    static final LabStarter DOCKER = new LabStarter() {
        @Override
        public DockerStatus docker() {
            return Containers.docker();
        }

        @Override
        public PlatformLab start(boolean bootstrap, FirmwareProfile.Identity module) throws ContainerException {
            PlatformLab lab = Containers.startPlatformLab(LabSettings.defaults().withBootstrap(bootstrap));
            try {
                createDevice(lab, module);
                return lab;
            } catch (ContainerException | RuntimeException e) {
                lab.close();
                throw e;
            }
        }
    };

    /**
     * The command with {@code --via}: 2 for a bad list or a lab way without Docker (with the reason), 1 when the
     * bench could not run to its end, else 0 with one JSON line per way (failed registrations are in the lines).
     */
    static int command(List<String> words, int count, int warmup, boolean bootstrap, LabStarter labs,
                       PrintStream out, PrintStream err) {
        String me = "mipl-hil bench registration: ";
        Parsed parsed = parse(words, profileDir());
        if (parsed instanceof Parsed.Bad bad) {
            err.println(me + bad.message());
            return 2;
        }
        List<Via> vias = ((Parsed.Ok) parsed).vias();
        if (vias.stream().anyMatch(Via::inLab)) {
            DockerStatus docker = labs.docker();
            if (!docker.available()) {
                err.println(me + "--via " + vias.stream().filter(Via::inLab).map(Via::name)
                        .collect(Collectors.joining(",")) + " needs the platform in a container, and Docker is not"
                        + " usable here: " + docker.reason());
                return 2;
            }
        }
        try {
            // each way's line as soon as it is measured: a long run shows its progress
            run(vias, count, warmup, bootstrap, labs, o -> out.println(o.toJson()));
            return 0;
        } catch (ContainerException e) {
            err.println(me + "the lab: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException | AssertionError e) {
            err.println(me + e.getMessage());
            return 1;
        }
    }

    /**
     * Runs {@code vias} in turn on one virtual module: {@code warmup + count} registrations each (warm-ups not
     * measured), the lab started once, before the first way that needs it, and closed at the end; {@code each}
     * gets each way's outcome as soon as it is measured.
     */
    static List<Outcome> run(List<Via> vias, int count, int warmup, boolean bootstrap, LabStarter labs,
                             Consumer<Outcome> each) throws IOException, ContainerException {
        return run(vias, count, warmup, bootstrap, labs, each, Optional.empty());
    }

    /** The same with AT+MIPLOPEN's {@code <timeout>} given (a test's few seconds) instead of the default. */
    static List<Outcome> run(List<Via> vias, int count, int warmup, boolean bootstrap, LabStarter labs,
                             Consumer<Outcome> each, Optional<Duration> openTimeout)
            throws IOException, ContainerException {
        FirmwareProfile profile = Lwm2mBench.profile();
        List<Outcome> out = new ArrayList<>();
        LeshanPlatform embedded = null;
        PlatformLab lab = null;
        try (ModuleRig rig = new ModuleRig(profile)) {
            for (Via via : vias) {
                String host;
                int port;
                if (via.inLab()) {
                    if (lab == null) {
                        lab = labs.start(bootstrap, profile.identity());
                    }
                    lab.apply(via instanceof Via.Profile p ? p.conditions() : NetworkConditions.none());
                    var address = bootstrap ? lab.bootstrap() : lab.coap();
                    host = address.getHostString();
                    port = address.getPort();
                } else {
                    if (embedded == null) {
                        embedded = LeshanPlatform.builder().bootstrap(bootstrap).oneNetBehaviour(false).start();
                    }
                    host = "127.0.0.1";
                    port = bootstrap ? embedded.bootstrapPort() : embedded.coapPort();
                }
                Outcome o = measure(rig, via, host, port, count, warmup, bootstrap,
                        via.inLab() ? Optional.of(lab) : Optional.empty(), openTimeout);
                each.accept(o);
                out.add(o);
            }
            return out;
        } finally {
            if (lab != null) {
                lab.close();
            }
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static Outcome measure(ModuleRig rig, Via via, String host, int port, int count, int warmup,
                                   boolean bootstrap, Optional<PlatformLab> lab, Optional<Duration> openTimeout)
            throws ContainerException {
        rig.ok("AT+MIPLCONFIG=0,0," + (bootstrap ? 1 : 0) + ",\"" + host + "\"," + port);
        List<Long> samples = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int failures = 0;
        for (int i = 0; i < warmup + count; i++) {
            Optional<Duration> took = registerOnce(rig, notes, i >= warmup, openTimeout);
            if (i >= warmup) {
                if (took.isPresent()) {
                    samples.add(took.get().toNanos());
                } else {
                    failures++;
                }
            }
        }
        String bench = bootstrap ? "registration-bootstrap" : "registration";
        Optional<RelayStats> relay = lab.isPresent() ? Optional.of(lab.get().stats()) : Optional.empty();
        return new Outcome(via, Lwm2mBench.Stats.of(bench, warmup, samples, 1000), failures, List.copyOf(notes),
                relay, openTimeout.orElse(OPEN_TIMEOUT));
    }

    /** One create / open / close / delete; the time to event 6, or empty (and a note) when it failed. */
    private static Optional<Duration> registerOnce(ModuleRig rig, List<String> notes, boolean measured,
                                                   Optional<Duration> openTimeout) {
        rig.ok("AT+MIPLCREATE");
        rig.ok("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2");
        // without <timeout> as Lwm2mBench#registration sends it: 3.3.7's default
        Reply open = rig.ok("AT+MIPLOPEN=0,3600" + openTimeout.map(t -> "," + t.toSeconds()).orElse(""));
        Duration timeout = openTimeout.orElse(OPEN_TIMEOUT);
        Optional<Duration> took = Optional.empty();
        String failure = null;
        try {
            UrcArrival<MatchResult> end = rig.session.expectUrc(open.cursor(), ENDS, timeout.plus(EVENT_GRACE));
            String event = end.value().group(1);
            if (!event.equals("6")) {
                failure = "+MIPLEVENT: 0," + event + " after " + end.delay().toMillis() + " ms";
            } else if (end.delay().compareTo(timeout) > 0) {
                failure = "event 6 after " + end.delay().toMillis() + " ms, beyond the OPEN timeout";
            } else {
                took = Optional.of(end.delay());
            }
        } catch (AssertionError e) {
            failure = "no event 3, 5, 6, 7 or 8 within " + timeout.plus(EVENT_GRACE).toSeconds() + " s";
        }
        if (failure != null && measured && notes.size() < 10) {
            notes.add(failure);
        }
        Reply close = rig.session.send("AT+MIPLCLOSE=0");
        if (close.isOk()) {
            try {
                // a registered instance prints 15 after its De-register; one whose registration ended in failure
                // may print none (docs/lwm2m.md), so after a failure the wait is short and its end no error
                rig.session.expectUrc(close.cursor(), UrcMatcher.regex("\\+MIPLEVENT: 0,15"),
                        failure == null ? CLOSE_WITHIN : CLOSE_AFTER_FAILURE);
            } catch (AssertionError e) {
                if (failure == null) {
                    throw new IllegalStateException("no +MIPLEVENT: 0,15 within " + CLOSE_WITHIN.toSeconds()
                            + " s of AT+MIPLCLOSE=0", e);
                }
            }
        }
        rig.session.moveCursor(rig.session.now());
        rig.ok("AT+MIPLDELETE=0");
        return took;
    }

    /** The lab's platform knows the module's IMEI before it registers, as OneNET must (POST /devices). */
    private static void createDevice(PlatformLab lab, FirmwareProfile.Identity id) throws ContainerException {
        String body = "{\"title\":\"bench\",\"protocol\":\"LWM2M\",\"auth_info\":{\"" + id.imei() + "\":\""
                + id.imsi() + "\"}}";
        URI uri = lab.apiBase().resolve("devices");
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("api-key", LAB_API_KEY)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (!r.body().contains("\"errno\":0")) {
                throw new ContainerException("POST " + uri + " answered " + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            throw new ContainerException("POST " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException("interrupted while creating the device at " + uri, e);
        }
    }
}
