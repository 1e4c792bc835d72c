package org.miplhil.platform.http;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.miplhil.json.Json;
import org.miplhil.platform.Device;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.Notification;
import org.miplhil.platform.PlatformListener;
import org.miplhil.platform.onenet.push.PushMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cached commands of every device: kept until an uplink of a kind their {@code trigger_msg} names arrives
 * (FAQ api_questions.md: "缓存命令的触发条件是有上行消息到达"), then carried out through the platform on a worker
 * thread, in creation order; a failure is retried at the next trigger while {@code remain} lasts. At most
 * {@value #MAX_PENDING} pending per device (FAQ: "目前是限制10条"). Each outcome also goes to the push sink as a type 7
 * message (httppush/develop-manual.md).
 */
final class CachedCommands implements PlatformListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CachedCommands.class);
    static final int MAX_PENDING = 10;

    private final InstantCalls instant;
    private final DeviceRegistry registry;
    private final Clock clock;
    private final Consumer<PushMessage> sink;
    private final List<CachedCommand> commands = new ArrayList<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "onenet-cached-commands");
        t.setDaemon(true);
        return t;
    });

    CachedCommands(InstantCalls instant, DeviceRegistry registry, Clock clock, Consumer<PushMessage> sink) {
        this.instant = instant;
        this.registry = registry;
        this.clock = clock;
        this.sink = sink;
    }

    /** Adds a command, or answers 5006 when the device has {@value #MAX_PENDING} pending already. */
    synchronized Reply add(String imei, CachedCommand.Type type, ApiRequest request, Map<String, String> args,
                           JsonNode content, Optional<Instant> valid, Instant expired, int triggerMsg, int retry) {
        Instant now = clock.instant();
        expire(now);
        long pending = commands.stream().filter(c -> c.imei.equals(imei) && c.pending()).count();
        if (pending >= MAX_PENDING) {
            return Reply.error(ErrNo.SYSTEM_LOGIC_LIMIT, "imei " + imei + " has " + pending
                    + " pending cached commands, the most OneNET keeps");
        }
        CachedCommand c = new CachedCommand(UUID.randomUUID().toString(), imei, type, request, args, content, now,
                valid.orElse(now), expired, triggerMsg, retry);
        commands.add(c);
        return Reply.ok(Map.of("uuid", c.uuid));
    }

    /** The device's commands created within [start, end], expired ones marked so first. */
    synchronized List<CachedCommand> history(String imei, Instant start, Optional<Instant> end) {
        expire(clock.instant());
        return commands.stream().filter(c -> c.imei.equals(imei) && !c.created.isBefore(start)
                && (end.isEmpty() || !c.created.isAfter(end.get()))).toList();
    }

    synchronized Optional<CachedCommand> find(String imei, String uuid) {
        expire(clock.instant());
        return commands.stream().filter(c -> c.uuid.equals(uuid) && c.imei.equals(imei)).findFirst();
    }

    /** list/14cancel-cache-comm.md: "只有当命令处于wait状态才能取消". */
    synchronized Reply cancel(String imei, String uuid) {
        Optional<CachedCommand> c = find(imei, uuid);
        if (c.isEmpty()) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "no cached command " + uuid + " for imei " + imei);
        }
        if (c.get().sendStatus != CachedCommand.WAIT) {
            return Reply.error(ErrNo.SYSTEM_LOGIC_LIMIT, "cached command " + uuid + " is not waiting (send_status "
                    + c.get().sendStatus + ")");
        }
        c.get().sendStatus = CachedCommand.CANCEL;
        return Reply.ok(null);
    }

    /** list/33cache_cmd-cancel-all-wait_cmd.md: every waiting command. */
    synchronized Map<String, Object> cancelAll(String imei) {
        expire(clock.instant());
        List<String> done = new ArrayList<>();
        for (CachedCommand c : commands) {
            if (c.imei.equals(imei) && c.sendStatus == CachedCommand.WAIT) {
                c.sendStatus = CachedCommand.CANCEL;
                done.add(c.uuid);
            }
        }
        return Map.of("succ", done, "failed", List.of(), "total", done.size());
    }

    private void expire(Instant now) {
        for (CachedCommand c : commands) {
            if (c.sendStatus == CachedCommand.WAIT && !now.isBefore(c.expired)) {
                c.sendStatus = CachedCommand.EXPIRED;
            }
        }
    }

    @Override
    public void onEvent(DeviceEvent event) {
        if (event instanceof DeviceEvent.Registered) {
            trigger(Device.imeiOf(event.endpoint()), CachedCommand.REGISTER);
        } else if (event instanceof DeviceEvent.Updated) {
            trigger(Device.imeiOf(event.endpoint()), CachedCommand.UPDATE);
        }
    }

    @Override
    public void onNotification(Notification notification) {
        trigger(Device.imeiOf(notification.endpoint()), CachedCommand.NOTIFY);
    }

    private void trigger(String imei, int bit) {
        try {
            worker.execute(() -> runDue(imei, bit));
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    /** Carries out, in creation order, the device's waiting commands that are valid and triggered by {@code bit}. */
    private void runDue(String imei, int bit) {
        while (true) {
            CachedCommand next;
            synchronized (this) {
                Instant now = clock.instant();
                expire(now);
                next = commands.stream().filter(c -> c.imei.equals(imei) && c.sendStatus == CachedCommand.WAIT
                        && (c.triggerMsg & bit) != 0 && !now.isBefore(c.valid)).findFirst().orElse(null);
                if (next == null) {
                    return;
                }
                next.sendStatus = CachedCommand.SEND;
                next.sendTime = now;
            }
            Reply r;
            try {
                r = instant.call(next.request);
            } catch (RuntimeException e) {
                LOG.warn("cached command {} failed", next.uuid, e);
                r = Reply.error(ErrNo.RPC_ERROR, String.valueOf(e));
            }
            finish(next, r);
        }
    }

    private void finish(CachedCommand c, Reply r) {
        PushMessage.CachedCommandResult result;
        synchronized (this) {
            c.confirmTime = clock.instant();
            if (r.success()) {
                c.sendStatus = CachedCommand.SUCCESS;
                c.confirmStatus = "SUCCESS";
                c.cmdResult = r.data();
            } else {
                c.confirmStatus = r.reason() != null ? r.reason()
                        : r.errno() == ErrNo.INVALID_PARAMETER ? "REQ_PARAM_ERROR" : "INTERNAL_SERVER_ERROR";
                if (c.remain > 0) {
                    // "失败重试次数（等待下一次设备update或者上线）"
                    c.remain--;
                    c.sendStatus = CachedCommand.WAIT;
                } else {
                    c.sendStatus = CachedCommand.FAILED;
                }
            }
            long devId = registry.byImei(c.imei).map(d -> Long.parseLong(d.devId())).orElse(0L);
            int sendStatus = r.success() ? CachedCommand.SUCCESS : CachedCommand.FAILED;
            result = new PushMessage.CachedCommandResult(c.uuid, Optional.of(c.imei), devId, c.type.cmdType,
                    c.sendTime.toEpochMilli(), sendStatus, c.confirmTime.toEpochMilli(),
                    CachedCommand.confirmCode(c.confirmStatus), confirmBody(c, r));
        }
        if (sink != null) {
            int status = 0;
            try {
                sink.accept(result);
            } catch (RuntimeException e) {
                LOG.warn("push of cached command {} failed: {}", c.uuid, e.toString());
                status = 1;
            }
            synchronized (this) {
                c.feedback.add(new CachedCommand.Feedback(clock.instant(), status));
            }
        }
    }

    /**
     * The push's {@code confirm_body}: for a READ, the object id and its instances (develop-manual.md example 4:
     * "当命令类型为READ时，confirm_body字段会携带上命令请求时候的object id以及object instance id").
     */
    private static Optional<JsonNode> confirmBody(CachedCommand c, Reply r) {
        if (!r.success() || c.type != CachedCommand.Type.READ || r.data() == null) {
            return Optional.empty();
        }
        ObjectNode body = Json.object();
        body.put("obj_id", ((ApiRequest.Read) c.request).path().objId());
        ArrayNode instances = body.putArray("obj_inst");
        for (JsonNode ins : Json.tree(r.data())) {
            ObjectNode i = instances.addObject();
            i.put("obj_inst_id", ins.path("obj_inst_id").asInt());
            ArrayNode res = i.putArray("res");
            for (JsonNode item : ins.path("res")) {
                ObjectNode o = res.addObject();
                JsonNode val = item.path("val");
                if (val.isObject()) {
                    ArrayNode resInst = o.putArray("res_inst");
                    val.fields().forEachRemaining(e -> resInst.addObject().put("res_inst_id",
                            Integer.parseInt(e.getKey())).set("val", e.getValue()));
                } else {
                    o.set("val", val);
                }
                o.put("res_id", item.path("res_id").asInt());
            }
        }
        return Optional.of(body);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
