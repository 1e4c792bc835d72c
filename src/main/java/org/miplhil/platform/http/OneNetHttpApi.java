package org.miplhil.platform.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.miplhil.json.Json;
import org.miplhil.platform.Platform;
import org.miplhil.platform.onenet.OneNetCredentials;
import org.miplhil.platform.onenet.push.PushMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP API shaped like OneNET's application API for LwM2M ("NB-IoT") devices, in front of any {@link Platform}:
 * both generations, the legacy one ({@code /nbiot…}, {@code /devices…}, {@code api-key}) and the current one
 * ({@code /nb-iot…}, {@code /device/…}, {@code authorization} token). Devices are named by IMEI; a request waits for
 * the device up to its {@code timeout} parameter (5..40 s, default 25). See docs/platform.md and docs/onenet.md.
 */
public final class OneNetHttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OneNetHttpApi.class);
    /** Bodies are read up to this size; larger ones are rejected after reading at most this much. */
    static final int MAX_READ_BYTES = 64 * 1024;

    /** Default directory of the packages {@code POST /nbiot/fota} names. */
    public static final Path DEFAULT_PACKAGES = Path.of("fixtures", "firmware", "packages");

    private final Platform platform;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ApiRouter router;
    private final DeviceRegistry registry;
    private final CachedCommands cached;
    private final LatestDataPoints dataPoints;
    private final DataPointHistory history;

    private OneNetHttpApi(Platform platform, HttpServer server, ExecutorService executor, ApiRouter router,
                          DeviceRegistry registry, CachedCommands cached, LatestDataPoints dataPoints,
                          DataPointHistory history) {
        this.platform = platform;
        this.server = server;
        this.executor = executor;
        this.router = router;
        this.registry = registry;
        this.cached = cached;
        this.dataPoints = dataPoints;
        this.history = history;
    }

    /** A builder for the API in front of {@code platform}. */
    public static Builder builder(Platform platform) {
        return new Builder(platform);
    }

    /**
     * Binds {@code address} (port 0 = chosen by the system) and serves with {@code threads} handler threads;
     * each request to a device holds a thread until the device answers or the request times out. Accepts any
     * credential.
     */
    public static OneNetHttpApi start(Platform platform, InetSocketAddress address, int threads) throws IOException {
        return builder(platform).address(address).threads(threads).start();
    }

    /**
     * As {@link #start(Platform, InetSocketAddress, int)}; {@code POST /nbiot/fota} takes its packages from
     * {@code packages}.
     */
    public static OneNetHttpApi start(Platform platform, InetSocketAddress address, int threads, Path packages)
            throws IOException {
        return builder(platform).address(address).threads(threads).packages(packages).start();
    }

    /** {@link #start(Platform, InetSocketAddress, int)} with 16 handler threads. */
    public static OneNetHttpApi start(Platform platform, InetSocketAddress address) throws IOException {
        return start(platform, address, 16);
    }

    /** Settings of the API; {@link #start()} binds and serves. */
    public static final class Builder {
        private final Platform platform;
        private InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
        private int threads = 16;
        private Path packages = DEFAULT_PACKAGES;
        private OneNetCredentials credentials = OneNetCredentials.none();
        private Consumer<PushMessage> pushSink;
        private AnswerShape nbIotShape = AnswerShape.ERRNO;
        private Clock clock = Clock.systemUTC();
        private int historyPerDevice = DataPointHistory.PER_DEVICE;

        private Builder(Platform platform) {
            this.platform = platform;
        }

        public Builder address(InetSocketAddress address) {
            this.address = address;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder packages(Path packages) {
            this.packages = packages;
            return this;
        }

        /** The credentials callers must present; a kind none of which is set accepts anything. */
        public Builder credentials(OneNetCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Where cached-command results go as push type 7 (the push sender plugs in here); none by default. */
        public Builder pushSink(Consumer<PushMessage> sink) {
            this.pushSink = sink;
            return this;
        }

        /** The form of the current API's {@code /nb-iot} answers (not established; {@link AnswerShape#ERRNO}). */
        public Builder nbIotAnswerShape(AnswerShape shape) {
            this.nbIotShape = shape;
            return this;
        }

        /** The clock of token expiry and of the cached commands' times (tests). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How many data points of each device the history queries keep (default 1000, the oldest dropped first). */
        public Builder historyPerDevice(int points) {
            if (points < 1) {
                throw new IllegalArgumentException("history must keep at least one point: " + points);
            }
            this.historyPerDevice = points;
            return this;
        }

        public OneNetHttpApi start() throws IOException {
            HttpServer server = HttpServer.create(address, 64);
            AtomicInteger n = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "onenet-http-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            DeviceRegistry registry = new DeviceRegistry(platform, clock);
            InstantCalls instant = new InstantCalls(platform);
            CachedCommands cached = new CachedCommands(instant, registry, clock, pushSink);
            LatestDataPoints dataPoints = new LatestDataPoints(registry);
            DataPointHistory history = new DataPointHistory(historyPerDevice);
            ApiRouter router = new ApiRouter(new ApiAuth(credentials, () -> clock.instant().getEpochSecond()),
                    instant, new FotaCalls(platform, packages), new DeviceCalls(registry, platform, dataPoints),
                    new CachedCommandCalls(cached, clock), new HistoryCalls(registry, history, clock), nbIotShape);
            OneNetHttpApi api = new OneNetHttpApi(platform, server, executor, router, registry, cached, dataPoints,
                    history);
            platform.addListener(registry);
            platform.addListener(dataPoints);
            platform.addListener(history);
            platform.addListener(cached);
            server.createContext("/", api::handle);
            server.setExecutor(executor);
            server.start();
            return api;
        }
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The devices created through the API; {@link DeviceRegistry#observeOnRegistration} is each one's obsv. */
    public DeviceRegistry devices() {
        return registry;
    }

    @Override
    public void close() {
        platform.removeListener(dataPoints);
        platform.removeListener(history);
        platform.removeListener(cached);
        platform.removeListener(registry);
        server.stop(0);
        cached.close();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            ApiRouter.Routed routed;
            try {
                routed = answer(exchange);
            } catch (RuntimeException e) {
                // the path only: a query may carry an IMEI but never a credential; headers are never logged
                LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                routed = new ApiRouter.Routed(Reply.error(ErrNo.SERVICE_INTERNAL_ERROR, String.valueOf(e)),
                        AnswerShape.ERRNO);
            }
            byte[] body = Json.write(routed.reply().body(routed.shape())).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
            exchange.sendResponseHeaders(routed.reply().status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private ApiRouter.Routed answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] raw = readBody(exchange.getRequestBody());
        if (raw == null) {
            return new ApiRouter.Routed(Reply.error(ErrNo.INVALID_PARAMETER, "body over " + MAX_READ_BYTES
                    + " bytes"), ApiRouter.generation(path) == org.miplhil.platform.onenet.OneNetApi.LEGACY
                    ? AnswerShape.ERRNO : AnswerShape.CODE);
        }
        return router.route(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                new String(raw, StandardCharsets.UTF_8), exchange.getRequestHeaders().getFirst("api-key"),
                exchange.getRequestHeaders().getFirst("authorization"));
    }

    private static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > MAX_READ_BYTES) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
