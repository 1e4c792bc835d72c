package org.miplhil.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.CoapCode;
import org.miplhil.platform.Device;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Notification;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.onenet.push.PushListener;
import org.miplhil.platform.onenet.push.PushMessage;
import org.miplhil.platform.onenet.push.PushReceiver;
import org.miplhil.platform.onenet.push.PushSender;

/** Platform events through the emitter and the sender to a receiver on 127.0.0.1: what the lab would get. */
class PushEmitterTest {

    static final String IMEI = "861234567890123";
    static final String ENDPOINT = IMEI + ";460001234567890";

    @Test
    void registrationNotificationAndDeregistrationArePushedInOrder() throws Exception {
        List<PushMessage> got = new CopyOnWriteArrayList<>();
        PushListener listener = got::add;
        try (PushReceiver receiver = PushReceiver.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                "/push", Optional.of("tok"), Optional.empty(), listener);
             PushSender sender = PushSender.start(PushSender.Settings.of(receiver.uri(), Optional.of("tok"),
                     Optional.empty()).withRetry(Duration.ofMillis(20), Duration.ofMillis(100)))) {
            PushEmitter emitter = PushEmitter.to(sender, imei -> imei.equals(IMEI) ? 4242L : null);
            Instant t0 = Instant.ofEpochMilli(1_700_000_000_123L);
            Device device = new Device(ENDPOINT, IMEI, "460001234567890", "reg1", "127.0.0.1:5000", 86400, "1.0", "U",
                    List.of(NodePath.instance(3303, 0)), t0, t0);
            emitter.onEvent(new DeviceEvent.Registered(device, null, t0, 0));
            emitter.onEvent(new DeviceEvent.Updated(device, t0.plusMillis(1), 0));
            emitter.onNotification(new Notification("o1", ENDPOINT, NodePath.instance(3303, 0), CoapCode.CONTENT,
                    List.of(new ResourceData(NodePath.resource(3303, 0, 5700), ResourceValue.of(21.5)),
                            new ResourceData(NodePath.resource(3303, 0, 5701), ResourceValue.of("Cel")),
                            new ResourceData(NodePath.resource(3303, 0, 5750), ResourceValue.of(true)),
                            new ResourceData(NodePath.resource(3303, 0, 5800), ResourceValue.of(new byte[] {1, (byte) 0xab}))),
                    t0.plusMillis(2), 0));
            emitter.onEvent(new DeviceEvent.Deregistered(ENDPOINT, "reg1", false, true, t0.plusMillis(3), 0));
            emitter.onEvent(new DeviceEvent.Deregistered(ENDPOINT, "reg1", true, false, t0.plusMillis(4), 0));
            PushMessage.CachedCommandResult cached = new PushMessage.CachedCommandResult("cmd-1", Optional.of(IMEI),
                    4242, 2, 1, 5, 2, 0, Optional.empty());
            emitter.emit(cached);

            await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 7);
            long at = t0.toEpochMilli();
            assertThat(got).containsExactly(
                    new PushMessage.DeviceStatus(4242, Optional.of(IMEI), true, OptionalInt.of(10), at),
                    new PushMessage.DataPoint(4242, Optional.of(IMEI), "3303_0_5700", at + 2, DoubleNode.valueOf(21.5)),
                    new PushMessage.DataPoint(4242, Optional.of(IMEI), "3303_0_5701", at + 2, TextNode.valueOf("Cel")),
                    new PushMessage.DataPoint(4242, Optional.of(IMEI), "3303_0_5750", at + 2, BooleanNode.TRUE),
                    new PushMessage.DataPoint(4242, Optional.of(IMEI), "3303_0_5800", at + 2, TextNode.valueOf("01AB")),
                    new PushMessage.DeviceStatus(4242, Optional.of(IMEI), false, OptionalInt.of(10), at + 4),
                    cached);
        }
    }

    @Test
    void theDefaultDeviceIdIsStableAndOfOneNetsSize() {
        long id = PushEmitter.defaultDevId(IMEI);
        assertThat(id).isEqualTo(PushEmitter.defaultDevId(IMEI)).isBetween(100_000_000L, 999_999_999L);
        assertThat(PushEmitter.defaultDevId("861234567890124")).isNotEqualTo(id);
        List<PushMessage> out = new CopyOnWriteArrayList<>();
        new PushEmitter(out::add).onNotification(new Notification("o", IMEI, NodePath.resource(3, 0, 9),
                CoapCode.CONTENT, List.of(new ResourceData(NodePath.resource(3, 0, 9), ResourceValue.of(87))),
                Instant.EPOCH, 0));
        assertThat(out).containsExactly(new PushMessage.DataPoint(id, Optional.of(IMEI), "3_0_9", 0,
                com.fasterxml.jackson.databind.node.LongNode.valueOf(87)));
    }
}
