package org.miplhil.platform.onenet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.TestClient;
import org.miplhil.platform.TestDevices;
import org.miplhil.platform.Enablers;
import org.miplhil.platform.http.OneNetHttpApi;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.onenet.OneNetCredentials;

/**
 * The legacy API's device calls of the adapter against the double over loopback HTTP: creation with the IMSI and
 * lookup by IMEI, the check (credentials right and wrong, device present or created, online only once a real
 * Leshan client registered), and polling without push ({@code /devices/status}, {@code /devices/datapoints}).
 */
class OneNetDoubleDevicesTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String IMEI = "866971030000071";
    static final String IMSI = "460041234567871";
    static final String ENDPOINT = IMEI + ";" + IMSI;
    static final String KEY = "legacy-api-key-of-the-double";
    static final String WRONG = "not-the-doubles-api-key";

    private LeshanPlatform leshan;
    private OneNetHttpApi api;
    private OneNetPlatform onenet;
    private TestClient client;

    static OneNetCredentials key(String apiKey) {
        return new OneNetCredentials(Optional.of(apiKey), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @BeforeEach
    void start() throws IOException {
        leshan = LeshanPlatform.builder().models(TestDevices.models()).start();
        api = OneNetHttpApi.builder(leshan).address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .credentials(key(KEY)).start();
    }

    @AfterEach
    void stop() {
        if (onenet != null) {
            onenet.close();
        }
        if (client != null) {
            client.close();
        }
        api.close();
        leshan.close();
    }

    private OneNetSettings settings(String apiKey) {
        return OneNetSettings.defaults(key(apiKey)).withBaseUrl(URI.create("http://127.0.0.1:" + api.port()));
    }

    private OneNetPlatform pushed(String apiKey) throws IOException {
        return OneNetPlatform.start(settings(apiKey).withPushUrl(Optional.of(URI.create("http://127.0.0.1:9/push"))));
    }

    private Enablers.Temperature register() {
        Enablers.Temperature t = new Enablers.Temperature(0, 20.0);
        client = TestClient.named(ENDPOINT).server(leshan.coapUri()).object(3303, t).build();
        client.start();
        await("registration of " + ENDPOINT + " at the double").atMost(WAIT)
                .until(() -> leshan.device(ENDPOINT).isPresent());
        return t;
    }

    @Test
    void ensureDeviceCreatesItWithItsImsiThenFindsItByImei() throws IOException {
        onenet = pushed(KEY);
        DeviceLookup made = onenet.ensureDevice(IMEI, IMSI);
        assertThat(made.created()).as(made.message()).isTrue();
        assertThat(api.devices().byImei(IMEI)).hasValueSatisfying(d -> {
            assertThat(d.imsi()).isEqualTo(IMSI);
            assertThat(d.title()).isEqualTo(IMEI);
            assertThat(d.obsv()).isTrue();
            assertThat(made.devId()).contains(d.devId());
        });
        DeviceLookup found = onenet.ensureDevice(IMEI, IMSI);
        assertThat(found.created()).as(found.message()).isFalse();
        assertThat(found.devId()).isEqualTo(made.devId());
        assertThat(found.online()).contains(false);
        assertThat(api.devices().all()).hasSize(1);
        // without an IMSI an absent device cannot be created: the check says so
        CheckReport noImsi = onenet.check("866971030000072", null);
        assertThat(noImsi.exitCode()).as(noImsi.describe()).isEqualTo(2);
        assertThat(noImsi.items().get(2).status()).isEqualTo(CheckReport.Status.CONFIGURATION);
    }

    @Test
    void checkTellsCredentialsDeviceAndOnlineState() throws IOException {
        onenet = pushed(WRONG);
        CheckReport refused = onenet.check(IMEI, IMSI);
        assertThat(refused.items().get(0).status()).as(refused.describe()).isEqualTo(CheckReport.Status.PLATFORM);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.describe()).doesNotContain(WRONG).doesNotContain(KEY);
        assertThat(api.devices().all()).as("nothing created with a refused key").isEmpty();
        PlatformResult r = onenet.read(IMEI, NodePath.resource(3303, 0, 5700), WAIT);
        assertThat(r).as(r.describe()).isInstanceOfSatisfying(PlatformResult.Failed.class,
                f -> assertThat(f.message()).contains("refused the credentials").doesNotContain(WRONG));
        onenet.close();

        onenet = pushed(KEY);
        CheckReport created = onenet.check(IMEI, IMSI);
        assertThat(created.items()).extracting(CheckReport.Item::name, CheckReport.Item::status).containsExactly(
                Tuple.tuple("credentials", CheckReport.Status.OK), Tuple.tuple("product", CheckReport.Status.OK),
                Tuple.tuple("device", CheckReport.Status.OK), Tuple.tuple("online", CheckReport.Status.OK));
        assertThat(created.items().get(2).message()).contains("created");
        assertThat(created.items().get(3).message()).startsWith("offline");
        assertThat(created.exitCode()).isZero();

        register();
        CheckReport online = onenet.check(IMEI, IMSI);
        assertThat(online.items().get(2).message()).as(online.describe()).contains("present");
        assertThat(online.items().get(3).message()).as(online.describe()).isEqualTo("online");
        assertThat(online.describe()).doesNotContain(KEY);
    }

    @Test
    void pollingShowsOnlineOfflineAndDataPointsWithoutPush() throws IOException {
        onenet = OneNetPlatform.start(settings(KEY).withPollInterval(Duration.ofMillis(100)));
        assertThat(onenet.polling()).isTrue();
        assertThat(onenet.ensureDevice(IMEI, IMSI).created()).isTrue();
        Enablers.Temperature t = register();
        await("Registered from /devices/status").atMost(WAIT).untilAsserted(() ->
                assertThat(onenet.events()).singleElement().isInstanceOf(DeviceEvent.Registered.class));
        assertThat(onenet.device(ENDPOINT)).as("named IMEI;IMSI as the module names itself").isPresent();

        NodePath path = NodePath.resource(3303, 0, 5700);
        PlatformResult o = onenet.observe(ENDPOINT, path, WAIT);
        assertThat(o.isSuccess()).as(o.describe()).isTrue();
        t.set(31.5);
        await("a data point of " + path + " from /devices/datapoints").atMost(WAIT).untilAsserted(() ->
                assertThat(onenet.notifications(ENDPOINT, path)).anySatisfy(n -> {
                    assertThat(n.values().get(0).value()).isEqualTo(ResourceValue.of(31.5));
                    assertThat(n.observationId()).isEqualTo("onenet:" + IMEI + "/3303/0/5700");
                }));

        client.stop(true);
        await("Deregistered from /devices/status").atMost(WAIT).untilAsserted(() ->
                assertThat(onenet.events()).last().isInstanceOf(DeviceEvent.Deregistered.class));
        assertThat(onenet.devices()).isEmpty();
    }
}
