package org.miplhil.platform.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import org.miplhil.json.Json;
import org.miplhil.platform.Device;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Notification;
import org.miplhil.platform.PlatformListener;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.onenet.push.PushMessage;
import org.miplhil.platform.onenet.push.PushSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the double pushes, over any platform (nb-iot/book/manual/httppush/develop-manual.md): a registration is a
 * type 2 message with status 1 (online, {@code login_type} 10 = NB-IoT), a deregistration or the expiry of the
 * lifetime status 0 (offline); every notification is one type 1 data point per resource value, {@code ds_id}
 * {@code objId_insId_resId}, the value as JSON (as the HTTP API writes it: opaque as hex, time as seconds),
 * {@code at} the arrival time in ms. Registration updates, bootstrap and a registration replaced by a new one push
 * nothing (the device stays online). Cached-command results (type 7) come from whoever runs those: {@link #emit}.
 */
public final class PushEmitter implements PlatformListener {

    private static final Logger LOG = LoggerFactory.getLogger(PushEmitter.class);
    /** develop-manual.md: {@code login_type} 10 is NB-IoT. */
    public static final int LOGIN_TYPE_NB_IOT = 10;

    private final Consumer<PushMessage> out;
    private final Function<String, Long> devIds;

    /**
     * @param out    where messages go (a {@link PushSender}'s {@code offer})
     * @param devIds the OneNET device id of an IMEI (the double's device registry); null from it means
     *               {@link #defaultDevId}
     */
    public PushEmitter(Consumer<PushMessage> out, Function<String, Long> devIds) {
        this.out = Objects.requireNonNull(out);
        this.devIds = Objects.requireNonNull(devIds);
    }

    /** Device ids from {@link #defaultDevId}. */
    public PushEmitter(Consumer<PushMessage> out) {
        this(out, PushEmitter::defaultDevId);
    }

    /** To a sender. */
    public static PushEmitter to(PushSender sender, Function<String, Long> devIds) {
        return new PushEmitter(sender::offer, devIds);
    }

    /**
     * A stable device id for an IMEI when no registry gives one: nine digits (OneNET's ids are of that size) from
     * the IMEI's SHA-256, the same in every run.
     */
    public static long defaultDevId(String imei) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(imei.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return 100_000_000L + Math.floorMod(v, 900_000_000L);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pushes a message made elsewhere (type 7 cached-command results). */
    public void emit(PushMessage message) {
        try {
            out.accept(message);
        } catch (RuntimeException e) {
            LOG.warn("push message not queued: {}", e.toString());
        }
    }

    @Override
    public void onEvent(DeviceEvent event) {
        if (event instanceof DeviceEvent.Registered r) {
            String imei = r.device().imei();
            emit(new PushMessage.DeviceStatus(devId(imei), Optional.of(imei), true, OptionalInt.of(LOGIN_TYPE_NB_IOT),
                    r.at().toEpochMilli()));
        } else if (event instanceof DeviceEvent.Deregistered d && !d.replaced()) {
            String imei = Device.imeiOf(d.endpoint());
            emit(new PushMessage.DeviceStatus(devId(imei), Optional.of(imei), false,
                    OptionalInt.of(LOGIN_TYPE_NB_IOT), d.at().toEpochMilli()));
        }
    }

    @Override
    public void onNotification(Notification n) {
        String imei = Device.imeiOf(n.endpoint());
        long devId = devId(imei);
        long at = n.receivedAt().toEpochMilli();
        for (ResourceData v : n.values()) {
            NodePath p = v.path();
            emit(new PushMessage.DataPoint(devId, Optional.of(imei), p.objId() + "_" + p.insId() + "_" + p.resId(), at,
                    value(v)));
        }
    }

    /** The HTTP API's JSON form; JSON has no NaN or infinity, so such a float is null. */
    private static JsonNode value(ResourceData v) {
        JsonNode node = Json.tree(ApiValues.toJson(v.value()));
        return node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue()) ? NullNode.getInstance() : node;
    }

    private long devId(String imei) {
        Long id = null;
        try {
            id = devIds.apply(imei);
        } catch (RuntimeException e) {
            LOG.warn("device id lookup failed: {}", e.toString());
        }
        return id != null ? id : defaultDevId(imei);
    }
}
