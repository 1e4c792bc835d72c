package org.miplhil.platform.onenet.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.Device;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Notification;
import org.miplhil.platform.PlatformListener;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.onenet.OneNetCredentials;
import org.miplhil.platform.onenet.push.PushMessage;

/** Push messages fed to the adapter's listener become events, notifications and cached-command results. */
class PushIntakeTest {

    static final String IMEI = "866971030000041";
    static final String IMSI = "460041234567841";

    private StubApi stub;
    private OneNetPlatform onenet;
    private final List<Object> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        stub = new StubApi(s -> new StubApi.Answer(200, s.path().equals("/devices/getbyimei")
                ? "{\"errno\":0,\"error\":\"succ\",\"data\":{\"id\":\"5241665\",\"online\":false}}"
                : "{\"errno\":0,\"error\":\"succ\"}"));
        onenet = OneNetPlatform.start(OneNetSettings.defaults(new OneNetCredentials(Optional.of("k"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty())).withBaseUrl(stub.base())
                .withPushUrl(Optional.of(URI.create("http://127.0.0.1:9/push"))));
        assertThat(onenet.ensureDevice(IMEI, IMSI).present()).isTrue();
        onenet.addListener(new PlatformListener() {
            @Override
            public void onEvent(DeviceEvent event) {
                heard.add(event);
            }

            @Override
            public void onNotification(Notification notification) {
                heard.add(notification);
            }
        });
    }

    @AfterEach
    void stop() {
        onenet.close();
        stub.close();
    }

    @Test
    void onlineAndOfflineBecomeRegistrationAndDeregistration() {
        long before = System.nanoTime();
        onenet.pushListener().onMessage(new PushMessage.DeviceStatus(5241665, Optional.empty(), true,
                OptionalInt.of(10), 1_700_000_000_000L));
        assertThat(onenet.events()).singleElement().isInstanceOfSatisfying(DeviceEvent.Registered.class, r -> {
            assertThat(r.endpoint()).isEqualTo(IMEI + ";" + IMSI);
            assertThat(r.device().imei()).isEqualTo(IMEI);
            assertThat(r.device().imsi()).isEqualTo(IMSI);
            assertThat(r.replacedRegistrationId()).isNull();
            assertThat(r.nanoTime()).isGreaterThanOrEqualTo(before);
        });
        assertThat(onenet.devices()).extracting(Device::endpoint).containsExactly(IMEI + ";" + IMSI);
        assertThat(onenet.deviceByImei(IMEI)).isPresent();
        assertThat(onenet.device(IMEI + ";" + IMSI)).isPresent();
        String regId = onenet.devices().get(0).registrationId();

        // online again while online: a new registration replacing the old one
        onenet.pushListener().onMessage(new PushMessage.DeviceStatus(5241665, Optional.of(IMEI), true,
                OptionalInt.of(10), 1_700_000_001_000L));
        assertThat(onenet.events().get(1)).isInstanceOfSatisfying(DeviceEvent.Registered.class,
                r -> assertThat(r.replacedRegistrationId()).isEqualTo(regId));

        onenet.pushListener().onMessage(new PushMessage.DeviceStatus(5241665, Optional.of(IMEI), false,
                OptionalInt.of(10), 1_700_000_002_000L));
        assertThat(onenet.events().get(2)).isInstanceOfSatisfying(DeviceEvent.Deregistered.class, d -> {
            assertThat(d.endpoint()).isEqualTo(IMEI + ";" + IMSI);
            assertThat(d.expired()).isFalse();
        });
        assertThat(onenet.devices()).isEmpty();
        assertThat(heard).hasSize(3);
    }

    @Test
    void dataPointsBecomeOneNotificationEachOfTheirObservation() {
        onenet.pushListener().onMessage(new PushMessage.DataPoint(5241665, Optional.of(IMEI), "3303_0_5700",
                1_700_000_000_000L, DoubleNode.valueOf(21.5)));
        onenet.pushListener().onMessage(new PushMessage.DataPoint(5241665, Optional.empty(), "3311_0_5850",
                1_700_000_000_000L, BooleanNode.TRUE));
        // not an LwM2M data point: dropped
        onenet.pushListener().onMessage(new PushMessage.DataPoint(5241665, Optional.of(IMEI), "temperature",
                1_700_000_000_000L, TextNode.valueOf("12")));
        // of a device the adapter does not know by id: dropped
        onenet.pushListener().onMessage(new PushMessage.DataPoint(1, Optional.empty(), "3303_0_5700",
                1_700_000_000_000L, DoubleNode.valueOf(1)));

        List<Notification> n = onenet.notifications();
        assertThat(n).hasSize(2);
        assertThat(n.get(0).endpoint()).isEqualTo(IMEI + ";" + IMSI);
        assertThat(n.get(0).path()).isEqualTo(NodePath.resource(3303, 0, 5700));
        assertThat(n.get(0).values()).containsExactly(new ResourceData(NodePath.resource(3303, 0, 5700),
                ResourceValue.of(21.5)));
        // OneNET's own observation of the instance after registration
        assertThat(n.get(0).observationId()).isEqualTo("onenet:" + IMEI + "/3303/0");
        assertThat(n.get(1).values()).containsExactly(new ResourceData(NodePath.resource(3311, 0, 5850),
                ResourceValue.of(true)));
        assertThat(onenet.notifications(IMEI + ";" + IMSI, NodePath.resource(3311, 0, 5850))).hasSize(1);
        assertThat(heard).hasSize(2);
    }

    @Test
    void aDataPointBelongsToTheObservationTheAdapterMade() {
        PlatformResultAssert.success(onenet.observe(IMEI, NodePath.resource(3303, 0, 5700),
                java.time.Duration.ofSeconds(5)));
        onenet.pushListener().onMessage(new PushMessage.DataPoint(5241665, Optional.of(IMEI), "3303_0_5700",
                1_700_000_000_000L, DoubleNode.valueOf(22.0)));
        assertThat(onenet.notifications()).singleElement().satisfies(x ->
                assertThat(x.observationId()).isEqualTo("onenet:" + IMEI + "/3303/0/5700"));
        assertThat(onenet.notifications("onenet:" + IMEI + "/3303/0/5700")).hasSize(1);
        // a registration drops the observations, as OneNET does
        onenet.pushListener().onMessage(new PushMessage.DeviceStatus(5241665, Optional.of(IMEI), true,
                OptionalInt.empty(), 1L));
        assertThat(onenet.observations(IMEI)).isEmpty();
    }

    @Test
    void cachedCommandResultsAreKept() {
        PushMessage.CachedCommandResult r = new PushMessage.CachedCommandResult("uuid-1", Optional.of(IMEI), 5241665,
                1, 1_700_000_000_000L, 1, 1_700_000_001_000L, 2, Optional.empty());
        onenet.pushListener().onMessage(r);
        assertThat(onenet.cachedCommandResults()).containsExactly(r);
        assertThat(onenet.events()).isEmpty();
        assertThat(onenet.notifications()).isEmpty();
    }

    /** Small helper: a result that must be a success. */
    static final class PlatformResultAssert {
        static void success(org.miplhil.platform.PlatformResult r) {
            assertThat(r.isSuccess()).as(r.describe()).isTrue();
        }
    }
}
