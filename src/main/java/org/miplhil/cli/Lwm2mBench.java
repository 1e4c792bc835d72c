package org.miplhil.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.MatchResult;

import org.miplhil.at.MiplConfig;
import org.miplhil.dut.mcu.McuApplication;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.dut.UrcArrival;
import org.miplhil.dut.UrcMatcher;
import org.miplhil.objects.ObjectModel;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.onenet.OneNetCredentials;
import org.miplhil.platform.onenet.client.OneNetPlatform;
import org.miplhil.platform.onenet.client.OneNetSettings;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.PlatformResult;
import org.miplhil.json.Json;
import org.miplhil.platform.http.OneNetHttpApi;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;
import org.miplhil.yaml.LoadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./mipl-hil bench registration} and {@code bench read}: the virtual module's LwM2M side on loopback, the
 * module on a real pseudo-terminal driven by the harness's session, the embedded platform as the server. Each
 * prints one JSON line (docs/benchmarks.md).
 */
final class Lwm2mBench {

    static final Path LIGHT = Path.of("fixtures", "objects", "light-control-3311.yaml");
    static final Duration WITHIN = Duration.ofSeconds(30);

    private Lwm2mBench() {
    }

    /** Median, p99 (nearest rank) and maximum of the samples, in milliseconds. */
    record Stats(String bench, int count, int warmup, double medianMs, double p99Ms, double maxMs, double goalMs) {

        static Stats of(String bench, int warmup, List<Long> nanos, double goalMs) {
            long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Stats(bench, s.length, warmup, rank(s, 0.50) / 1e6, rank(s, 0.99) / 1e6,
                    s.length == 0 ? 0 : s[s.length - 1] / 1e6, goalMs);
        }

        private static long rank(long[] sorted, double q) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }

        String toJson() {
            return Json.write(Json.object().put("tool", "mipl-hil").put("bench", bench).put("count", count)
                    .put("warmup", warmup).put("median_ms", Json.fixed(medianMs, 2)).put("p99_ms", Json.fixed(p99Ms, 2))
                    .put("max_ms", Json.fixed(maxMs, 2)).put("goal_ms", Json.fixed(goalMs, 0)));
        }
    }

    /** The platform, the virtual module on a pseudo-terminal, the harness's session on its other side. */
    private static final class Rig implements AutoCloseable {
        final LeshanPlatform platform;
        final VirtualModule module;
        final ModuleSession session;
        private final ModuleRig rig;

        Rig(boolean bootstrap) throws IOException {
            FirmwareProfile profile = profile();
            platform = LeshanPlatform.builder().bootstrap(bootstrap).oneNetBehaviour(false).start();
            try {
                rig = new ModuleRig(profile);
            } catch (IOException | RuntimeException | AssertionError e) {
                platform.close();
                throw e;
            }
            module = rig.module;
            session = rig.session;
        }

        int port(boolean bootstrap) {
            return bootstrap ? platform.bootstrapPort() : platform.coapPort();
        }

        Reply ok(String command) {
            return rig.ok(command);
        }

        @Override
        public void close() {
            rig.close();
            platform.close();
        }
    }

    static FirmwareProfile profile() throws IOException {
        Optional<Path> file = SimCommand.locate(SimCommand.DEFAULT_PROFILE);
        if (file.isEmpty()) {
            throw new IOException("no firmware profile at " + SimCommand.DEFAULT_PROFILE);
        }
        LoadResult<FirmwareProfile> loaded = ProfileLoader.load(file.get());
        if (!loaded.isOk()) {
            throw new IOException("firmware profile: " + loaded.errors());
        }
        return loaded.orElseThrow();
    }

    // ---------------------------------------------------------------- registration

    /** From the write of AT+MIPLOPEN to the arrival of {@code +MIPLEVENT: 0,6}, over a fresh instance each time. */
    static Stats registration(int count, int warmup, boolean bootstrap) throws IOException {
        try (Rig rig = new Rig(bootstrap)) {
            rig.ok("AT+MIPLCONFIG=0,0," + (bootstrap ? 1 : 0) + ",\"127.0.0.1\"," + rig.port(bootstrap));
            List<Long> samples = new ArrayList<>();
            for (int i = 0; i < warmup + count; i++) {
                rig.ok("AT+MIPLCREATE");
                rig.ok("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2");
                Reply open = rig.ok("AT+MIPLOPEN=0,3600");
                UrcArrival<MatchResult> registered = rig.session.expectUrc(open.cursor(),
                        UrcMatcher.regex("\\+MIPLEVENT: 0,6"), WITHIN);
                if (i >= warmup) {
                    samples.add(registered.delay().toNanos());
                }
                rig.ok("AT+MIPLCLOSE=0");
                rig.session.expectUrc("\\+MIPLEVENT: 0,15", WITHIN);
                rig.ok("AT+MIPLDELETE=0");
            }
            return Stats.of(bootstrap ? "registration-bootstrap" : "registration", warmup, samples, 1000);
        }
    }

    // ---------------------------------------------------------------- read

    /** How a read reaches the platform. */
    enum Via {
        /** The embedded platform's Java API. */
        EMBEDDED("read"),
        /** OneNET's HTTP API of the double ({@code GET /nbiot}), by a bare HTTP client. */
        HTTP("read-http"),
        /** The OneNET adapter ({@link OneNetPlatform}, legacy API) against the double: what a run on OneNET does. */
        ONENET("read-onenet");

        final String bench;

        Via(String bench) {
            this.bench = bench;
        }
    }

    /**
     * From a read of {@code /3311/0/5851} to its answer, the MCU (the harness's MCU application) answering each
     * {@code +MIPLREAD} at once, once per way in {@code vias} at each round (so the ways share the rig and the
     * machine's moment): one {@link Stats} per way, in the order given.
     */
    static List<Stats> read(int count, int warmup, List<Via> vias) throws IOException, InterruptedException {
        try (Rig rig = new Rig(false);
             McuApplication mcu = McuApplication.builder(rig.session, ObjectModel.load(light()))
                     .config(MiplConfig.of(0, 0, 0, "127.0.0.1", rig.platform.coapPort())).start()) {
            mcu.setup();
            String imei = rig.module.profile().identity().imei();
            String endpoint = rig.platform.deviceByImei(imei).orElseThrow().endpoint();
            boolean overHttp = vias.contains(Via.HTTP) || vias.contains(Via.ONENET);
            OneNetHttpApi api = overHttp ? OneNetHttpApi.start(rig.platform,
                    new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0)) : null;
            HttpClient client = vias.contains(Via.HTTP) ? HttpClient.newHttpClient() : null;
            OneNetPlatform adapter = null;
            try {
                if (vias.contains(Via.ONENET)) {
                    // polling off in effect: the bench measures requests, not the poller
                    // the double started here accepts any key; the adapter sends one, as it must to OneNET
                    OneNetCredentials key = new OneNetCredentials(java.util.Optional.of("bench-api-key"),
                            java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                            java.util.Optional.empty());
                    adapter = OneNetPlatform.start(OneNetSettings.defaults(key)
                            .withBaseUrl(URI.create("http://127.0.0.1:" + api.port()))
                            .withPollInterval(Duration.ofHours(1)));
                }
                List<List<Long>> samples = new ArrayList<>();
                vias.forEach(v -> samples.add(new ArrayList<>()));
                for (int i = 0; i < warmup + count; i++) {
                    for (int k = 0; k < vias.size(); k++) {
                        long t0 = System.nanoTime();
                        readOnce(vias.get(k), rig, endpoint, imei, api, client, adapter);
                        long elapsed = System.nanoTime() - t0;
                        if (i >= warmup) {
                            samples.get(k).add(elapsed);
                        }
                    }
                }
                List<Stats> out = new ArrayList<>();
                for (int k = 0; k < vias.size(); k++) {
                    out.add(Stats.of(vias.get(k).bench, warmup, samples.get(k), 50));
                }
                return out;
            } finally {
                if (adapter != null) {
                    adapter.close();
                }
                if (api != null) {
                    api.close();
                }
                mcu.teardown();
            }
        }
    }

    private static void readOnce(Via via, Rig rig, String endpoint, String imei, OneNetHttpApi api, HttpClient client,
                                 OneNetPlatform adapter) throws IOException, InterruptedException {
        NodePath path = NodePath.resource(3311, 0, 5851);
        switch (via) {
            case HTTP -> {
                URI uri = URI.create("http://127.0.0.1:" + api.port() + "/nbiot?imei=" + imei
                        + "&obj_id=3311&obj_inst_id=0&res_id=5851&timeout=10");
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200 || !r.body().contains("\"errno\":0")) {
                    throw new IllegalStateException("HTTP read answered " + r.statusCode() + " " + r.body());
                }
            }
            case ONENET -> answered("the adapter's read", adapter.read(imei, path, Duration.ofSeconds(10)));
            case EMBEDDED -> answered("read", rig.platform.read(endpoint, path, Duration.ofSeconds(10)));
        }
    }

    private static void answered(String what, PlatformResult r) {
        if (!(r instanceof PlatformResult.Answered a) || !a.code().isSuccess()) {
            throw new IllegalStateException(what + " answered " + r.describe());
        }
    }

    private static Path light() throws IOException {
        return SimCommand.locate(LIGHT).orElseThrow(() -> new IOException("no object fixture at " + LIGHT));
    }

    // ---------------------------------------------------------------- commands

    @Command(name = "registration", mixinStandardHelpOptions = true,
            description = {"Registers the virtual module with the embedded platform on loopback N times (after a "
                    + "warm-up) and prints one JSON line: median, p99 and maximum from the write of AT+MIPLOPEN to "
                    + "the arrival of +MIPLEVENT: 0,6. Goal: under 1 s."})
    static final class Registration implements Callable<Integer> {
        @Option(names = "--count", paramLabel = "N", defaultValue = "100", description = "Registrations measured (default ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--warmup", paramLabel = "N", defaultValue = "5", description = "Registrations before measuring (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--bootstrap", description = "Register through the bootstrap server (events 1, 2, 4, 6).")
        boolean bootstrap;

        @Option(names = "--via", paramLabel = "WAY", split = ",", description = "Where the module registers: direct "
                + "(the embedded platform on loopback), container (the platform in its container behind the relay, "
                + "no conditions), or a profile of fixtures/network (nbiot-good, nbiot-edge, nbiot-lossy: the same "
                + "lab, the profile on the relay); several, comma-separated, are measured in turn in one run, one "
                + "JSON line each with \"via\", the failures and the relay's stats (default: direct, the line "
                + "without them). Container ways need Docker.")
        List<String> via;

        private final PrintStream out;
        private final PrintStream err;
        RegistrationVias.LabStarter labs = RegistrationVias.DOCKER;

        Registration() {
            this(System.out, System.err);
        }

        Registration(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            if (count < 1 || warmup < 0) {
                err.println("mipl-hil bench registration: --count must be positive and --warmup >= 0");
                return 2;
            }
            if (via != null) {
                return RegistrationVias.command(via, count, warmup, bootstrap, labs, out, err);
            }
            try {
                out.println(registration(count, warmup, bootstrap).toJson());
                return 0;
            } catch (IOException | RuntimeException | AssertionError e) {
                err.println("mipl-hil bench registration: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true,
            description = {"Reads a resource of the registered virtual module from the embedded platform N times "
                    + "(after a warm-up), the MCU answering at once, and prints one JSON line: median, p99 and "
                    + "maximum from the read to its answer. Goal: under 50 ms."})
    static final class Read implements Callable<Integer> {
        @Option(names = "--count", paramLabel = "N", defaultValue = "100", description = "Reads measured (default ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--warmup", paramLabel = "N", defaultValue = "20", description = "Reads before measuring (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--http", description = "Read through the OneNET-like HTTP API (GET /nbiot) instead of the Java API"
                + " (the same as --via http).")
        boolean http;

        @Option(names = "--via", paramLabel = "WAY", split = ",", description = "How each read reaches the platform: "
                + "embedded (its Java API), http (the double's GET /nbiot), onenet (the OneNET adapter against the "
                + "double); several, comma-separated, are measured side by side in one run, one JSON line each "
                + "(default: embedded).")
        List<String> via;

        private final PrintStream out;
        private final PrintStream err;

        Read() {
            this(System.out, System.err);
        }

        Read(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            if (count < 1 || warmup < 0) {
                err.println("mipl-hil bench read: --count must be positive and --warmup >= 0");
                return 2;
            }
            try {
                List<Via> vias = new ArrayList<>();
                for (String w : via == null ? List.of(http ? "http" : "embedded") : via) {
                    Via v = switch (w.trim().toLowerCase(java.util.Locale.ROOT)) {
                        case "embedded" -> Via.EMBEDDED;
                        case "http" -> Via.HTTP;
                        case "onenet" -> Via.ONENET;
                        default -> null;
                    };
                    if (v == null) {
                        err.println("mipl-hil bench read: --via takes embedded, http or onenet: '" + w + "'");
                        return 2;
                    }
                    if (!vias.contains(v)) {
                        vias.add(v);
                    }
                }
                for (Stats st : read(count, warmup, vias)) {
                    out.println(st.toJson());
                }
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            } catch (IOException | RuntimeException | AssertionError e) {
                err.println("mipl-hil bench read: " + e.getMessage());
                return 1;
            }
        }
    }
}
