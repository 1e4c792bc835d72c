package org.miplhil.platform.onenet.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.miplhil.json.Json;
import org.miplhil.platform.onenet.OneNetApi;
import org.miplhil.platform.onenet.push.PushListener;
import org.miplhil.platform.onenet.push.PushMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For labs OneNET's push cannot reach: every poll interval, the online state of every device the adapter knows and
 * every data point OneNET stored for it since the last round, fed to the same {@link PushListener} as push messages
 * (one {@link PushMessage.DataPoint} per stored point: two notifications between two polls are two, a notification
 * the platform took twice is two, and polling the same span again adds none). Online state: legacy
 * {@code GET /devices/status?devIds} (19batch-query-dev-status.md), current {@code /device/detail} ({@code status}
 * 1 = online). Data points: the history query of either generation, followed by {@link HistoryFollower}.
 */
final class Poller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

    private final OneNetClient client;
    private final DeviceDirectory directory;
    private final PushListener intake;
    private final Duration wait;
    private final ScheduledExecutorService executor;
    private final Map<String, Boolean> online = new HashMap<>();
    private final HistoryFollower history;

    Poller(OneNetClient client, DeviceDirectory directory, PushListener intake, Duration interval) {
        this.client = client;
        this.directory = directory;
        this.intake = intake;
        this.wait = Duration.ofSeconds(30);
        this.history = new HistoryFollower(client, wait);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "onenet-poll");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::pollSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("polling OneNET failed", e);
        }
    }

    /** One round; package-visible for tests. */
    synchronized void poll() {
        List<DeviceDirectory.Known> devices = directory.known();
        if (devices.isEmpty()) {
            return;
        }
        if (client.api() == OneNetApi.CURRENT) {
            for (DeviceDirectory.Known k : devices) {
                ApiOutcome o = client.send(new ApiCall(ApiCall.Kind.DEVICE_BY_IMEI, Map.of("imei", k.imei()),
                        Optional.empty(), wait));
                if (o instanceof ApiOutcome.Reply r && r.ok()) {
                    status(k.imei(), k.devId().map(Poller::parseId).orElse(0L),
                            DeviceProvisioning.online(OneNetApi.CURRENT, r.data()));
                }
                dataPoints(k.imei(), k.devId().map(Poller::parseId).orElse(0L), Map.of("imei", k.imei()));
            }
            return;
        }
        List<DeviceDirectory.Known> withId = devices.stream().filter(k -> k.devId().isPresent()).toList();
        if (withId.isEmpty()) {
            return;
        }
        String ids = String.join(",", withId.stream().map(k -> k.devId().get()).toList());
        ApiOutcome st = client.send(new ApiCall(ApiCall.Kind.DEVICES_STATUS, Map.of("devIds", ids), Optional.empty(),
                wait));
        if (st instanceof ApiOutcome.Reply r && r.ok()) {
            for (JsonNode d : r.data().path("devices")) {
                String id = d.path("id").asText();
                directory.imeiOfDevId(id).ifPresent(imei -> status(imei, parseId(id), d.path("online").asBoolean()));
            }
        } else {
            LOG.debug("status poll: {}", st);
        }
        for (DeviceDirectory.Known k : withId) {
            dataPoints(k.imei(), parseId(k.devId().get()), Map.of("devId", k.devId().get()));
        }
    }

    private void dataPoints(String imei, long devId, Map<String, String> device) {
        for (HistoryFollower.Point p : history.next(imei, device)) {
            intake.onMessage(new PushMessage.DataPoint(devId, Optional.of(imei), p.ds(),
                    HistoryFollower.epochMillis(p.at(), System.currentTimeMillis()), typed(p.value())));
        }
    }

    private void status(String imei, long devId, boolean on) {
        Boolean old = online.put(imei, on);
        if (old == null && !on || old != null && old == on) {
            return;
        }
        intake.onMessage(new PushMessage.DeviceStatus(devId, Optional.of(imei), on, OptionalInt.empty(),
                System.currentTimeMillis()));
    }

    /** The documentation gives latest values as strings: one that reads as a JSON number or boolean is that. */
    static JsonNode typed(JsonNode v) {
        if (v.isTextual() && Json.parse(v.textValue()) instanceof Json.Parsed.Ok ok
                && (ok.value().isNumber() || ok.value().isBoolean())) {
            return ok.value();
        }
        return v.isMissingNode() ? TextNode.valueOf("") : v;
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
