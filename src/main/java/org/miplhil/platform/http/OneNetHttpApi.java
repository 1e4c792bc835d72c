package org.miplhil.platform.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.miplhil.json.Json;
import org.miplhil.platform.CoapCode;
import org.miplhil.platform.Device;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Platform;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceWrite;
import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaOutcome;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.platform.fota.FotaStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP API shaped like OneNET's application API for LwM2M devices, in front of any {@link Platform}.
 * Devices are named by IMEI. Every answer is JSON {@code {"errno":0,"error":"succ"[,"data":…]}} or a
 * non-zero {@link ErrNo}; a request waits for the device up to its {@code timeout} parameter (5..40 s,
 * default 25). See docs/platform.md.
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
    private final Path packages;
    /** FOTA tasks created through the API; the task id is the index plus one. */
    private final List<Task> tasks = new CopyOnWriteArrayList<>();

    private record Task(int id, String imei, String file, FotaCampaign campaign) {
    }

    private OneNetHttpApi(Platform platform, HttpServer server, ExecutorService executor, Path packages) {
        this.platform = platform;
        this.server = server;
        this.executor = executor;
        this.packages = packages;
    }

    /**
     * Binds {@code address} (port 0 = chosen by the system) and serves with {@code threads} handler threads;
     * each request to a device holds a thread until the device answers or the request times out.
     */
    public static OneNetHttpApi start(Platform platform, InetSocketAddress address, int threads) throws IOException {
        return start(platform, address, threads, DEFAULT_PACKAGES);
    }

    /**
     * As {@link #start(Platform, InetSocketAddress, int)}; {@code POST /nbiot/fota} takes its packages from
     * {@code packages}.
     */
    public static OneNetHttpApi start(Platform platform, InetSocketAddress address, int threads, Path packages)
            throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "onenet-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        OneNetHttpApi api = new OneNetHttpApi(platform, server, executor, packages);
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    /** {@link #start(Platform, InetSocketAddress, int)} with 16 handler threads. */
    public static OneNetHttpApi start(Platform platform, InetSocketAddress address) throws IOException {
        return start(platform, address, 16);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply;
            try {
                reply = answer(exchange);
            } catch (RuntimeException e) {
                LOG.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                reply = Reply.error(ErrNo.SERVICE_INTERNAL_ERROR, String.valueOf(e));
            }
            byte[] body = Json.write(reply.body()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Reply answer(HttpExchange exchange) throws IOException {
        byte[] raw = readBody(exchange.getRequestBody());
        if (raw == null) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "body over " + MAX_READ_BYTES + " bytes");
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        ApiRequest.Parsed parsed = ApiRequest.parse(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), body);
        if (parsed instanceof ApiRequest.Parsed.Rejected r) {
            return new Reply(r.httpStatus(), errorBody(r.errno(), r.message()));
        }
        return call(((ApiRequest.Parsed.Ok) parsed).request());
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

    /** Carries out a valid request against the platform. */
    Reply call(ApiRequest request) {
        if (request instanceof ApiRequest.FotaStart f) {
            return startFota(f);
        }
        if (request instanceof ApiRequest.FotaStatus f) {
            return fotaStatus(f);
        }
        Optional<Device> device = platform.deviceByImei(request.imei());
        if (device.isEmpty()) {
            return Reply.error(ErrNo.DEVICE_NOT_ONLINE, "no registered device with imei " + request.imei());
        }
        String endpoint = device.get().endpoint();
        if (request instanceof ApiRequest.Read r) {
            PlatformResult result = platform.read(endpoint, r.path(), r.timeout());
            return reply(result, a -> ApiValues.readData(a.values()));
        }
        if (request instanceof ApiRequest.Write w) {
            List<ResourceWrite> writes = new ArrayList<>();
            for (ApiRequest.WriteItem item : w.items()) {
                ApiValues.Converted c = ApiValues.toValue(item.resId(), item.val(), item.type(),
                        platform.resourceType(endpoint, w.instance().objId(), item.resId()));
                if (c instanceof ApiValues.Converted.Error e) {
                    return Reply.error(ErrNo.INVALID_PARAMETER, e.message());
                }
                writes.add(new ResourceWrite(item.resId(), ((ApiValues.Converted.Ok) c).value()));
            }
            return reply(platform.write(endpoint, w.instance(), w.mode(), writes, w.timeout()), null);
        }
        if (request instanceof ApiRequest.Execute x) {
            return reply(platform.execute(endpoint, x.resource(), x.args(), x.timeout()), null);
        }
        if (request instanceof ApiRequest.Observe o) {
            if (o.cancel()) {
                boolean observed = platform.observations(endpoint).stream().anyMatch(i -> i.path().equals(o.path()));
                if (!observed) {
                    return Reply.error(ErrNo.UNSUCCESSFUL, "NOT_FOUND: no observation of " + o.path());
                }
                return reply(platform.cancelObservation(endpoint, o.path(), o.timeout()), null);
            }
            return reply(platform.observe(endpoint, o.path(), o.attributes(), o.timeout()), null);
        }
        if (request instanceof ApiRequest.Discover d) {
            return reply(platform.discover(endpoint, d.path(), d.timeout()), a -> ApiValues.discoverData(a.links()));
        }
        ApiRequest.Resources res = (ApiRequest.Resources) request;
        List<NodePath> known = platform.knownResources(endpoint);
        return new Reply(200, successBody(ApiValues.resourcesData(known,
                res.objId().isPresent() ? Optional.of(res.objId().getAsInt()) : Optional.empty())));
    }

    // --- FOTA ------------------------------------------------------------------------------------------

    /** 7.10.5: an upgrade task for one device; it need not be online (7.10.6: it runs when the device registers). */
    private Reply startFota(ApiRequest.FotaStart f) {
        Path file = packages.resolve(f.file());
        if (!Files.isRegularFile(file)) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "no package " + f.file() + " in " + packages);
        }
        String endpoint = platform.deviceByImei(f.imei()).map(Device::endpoint).orElse(f.imei());
        FotaSpec spec = new FotaSpec(file, f.version(), f.nextUplink() ? FotaSpec.Trigger.NEXT_UPLINK
                : FotaSpec.Trigger.NOW, f.stepTimeout(), f.phaseTimeout());
        FotaCampaign campaign;
        try {
            campaign = platform.startFota(endpoint, spec);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            return Reply.error(ErrNo.SERVICE_INTERNAL_ERROR, String.valueOf(e.getMessage()));
        }
        Task task;
        synchronized (tasks) {
            task = new Task(tasks.size() + 1, f.imei(), f.file(), campaign);
            tasks.add(task);
        }
        return new Reply(200, successBody(Map.of("task_id", task.id())));
    }

    private Reply fotaStatus(ApiRequest.FotaStatus f) {
        Task task = null;
        for (Task t : tasks) {
            if (t.imei().equals(f.imei())) {
                task = t;
            }
        }
        if (task == null) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "no FOTA task for imei " + f.imei());
        }
        FotaCampaign c = task.campaign();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("task_id", task.id());
        data.put("imei", task.imei());
        data.put("file", task.file());
        data.put("version", c.spec().targetVersion());
        data.put("trigger", c.spec().trigger() == FotaSpec.Trigger.NOW ? "now" : "next_uplink");
        Optional<FotaOutcome> outcome = c.outcome();
        if (outcome.isEmpty()) {
            data.put("status", "running");
        } else if (outcome.get() instanceof FotaOutcome.Succeeded s) {
            data.put("status", "succeeded");
            data.put("firmware_version", s.version());
        } else if (outcome.get() instanceof FotaOutcome.Failed x) {
            data.put("status", "failed");
            data.put("reason", x.reason());
            data.put("update_result", x.updateResult());
        } else if (outcome.get() instanceof FotaOutcome.TimedOut t) {
            data.put("status", "timed_out");
            data.put("phase", t.phase());
        } else {
            data.put("status", "cancelled");
        }
        List<StepBody> steps = new ArrayList<>();
        for (FotaStep s : c.steps()) {
            steps.add(new StepBody(s.at().toString(), s.name(), s.detail(), s.elapsed().toMillis(), s.ok()));
        }
        data.put("steps", steps);
        return new Reply(200, successBody(data));
    }

    private interface DataOf {
        Object data(PlatformResult.Answered answered);
    }

    private static Reply reply(PlatformResult result, DataOf data) {
        if (result instanceof PlatformResult.Answered a) {
            if (a.code().isSuccess()) {
                return new Reply(200, data == null ? successBody(null) : successBody(data.data(a)));
            }
            return Reply.error(ErrNo.UNSUCCESSFUL, reason(a.code()) + ": device answered " + a.code()
                    + (a.diagnostic().isEmpty() ? "" : " (" + a.diagnostic() + ")"));
        }
        if (result instanceof PlatformResult.TimedOut t) {
            return Reply.error(ErrNo.UNSUCCESSFUL, "TIME_OUT: no answer from the device within "
                    + formatSeconds(t.deadline()));
        }
        if (result instanceof PlatformResult.DeviceOffline) {
            return Reply.error(ErrNo.DEVICE_NOT_ONLINE, "device deregistered");
        }
        if (result instanceof PlatformResult.InvalidRequest i) {
            return Reply.error(ErrNo.INVALID_PARAMETER, i.reason());
        }
        PlatformResult.Failed f = (PlatformResult.Failed) result;
        return switch (f.failure()) {
            case RESET, INVALID_RESPONSE, SEND_FAILED, CANCELLED ->
                    Reply.error(ErrNo.UNSUCCESSFUL, "RESP_ERROR: " + f.failure() + ": " + f.message());
            default -> Reply.error(ErrNo.SERVICE_INTERNAL_ERROR, f.failure() + ": " + f.message());
        };
    }

    private static String formatSeconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** OneNET's names for a device's error answer (its 5106 list). */
    static String reason(CoapCode code) {
        return switch (code.decimal()) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 415 -> "UNSUPPORTED_CONTENT_FORMAT";
            case 500 -> "INTERNAL_SERVER_ERROR";
            default -> "RESP_ERROR";
        };
    }

    /** Every answer: {@code {"errno":0,"error":"succ","data":…}}, {@code data} only on a success that has data. */
    record Body(int errno, String error, @JsonInclude(JsonInclude.Include.NON_NULL) Object data) {
    }

    /** A step of a FOTA task's status. */
    record StepBody(String at, String name, String detail, @JsonProperty("elapsed_ms") long elapsedMs, boolean ok) {
    }

    private static Body successBody(Object data) {
        return new Body(0, ErrNo.SUCCESS.text(), data);
    }

    private static Body errorBody(ErrNo errno, String message) {
        return new Body(errno.code(), errno.text() + ": " + message, null);
    }

    /** An HTTP status and a JSON body. */
    record Reply(int status, Body body) {
        static Reply error(ErrNo errno, String message) {
            return new Reply(errno.httpStatus(), errorBody(errno, message));
        }
    }
}
