package org.miplhil.platform.onenet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.onenet.OneNetCredentials;

/**
 * The legacy API's device calls against a loopback server: find or create by IMEI, the check, and polling of the
 * online state and every data point (the history query) when there is no push URL.
 */
class LegacyDevicesTest {

    static final String IMEI = "866971030000051";
    static final String IMSI = "460041234567851";
    static final OneNetCredentials KEY = new OneNetCredentials(Optional.of("secret-api-key"), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    private StubApi stub;
    private OneNetPlatform onenet;

    @AfterEach
    void stop() {
        if (onenet != null) {
            onenet.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void createsAnAbsentDeviceWithItsImsiAndChecksIt() throws Exception {
        AtomicBoolean created = new AtomicBoolean();
        stub = new StubApi(s -> {
            if (!"secret-api-key".equals(s.header("api-key"))) {
                return new StubApi.Answer(200, "{\"errno\":1,\"error\":\"auth failed\"}");
            }
            if (s.path().equals("/devices") && s.method().equals("POST")) {
                created.set(true);
                return new StubApi.Answer(200, "{\"errno\":0,\"data\":{\"device_id\":\"23444\"},\"error\":\"succ\"}");
            }
            return new StubApi.Answer(200, created.get()
                    ? "{\"errno\":0,\"error\":\"succ\",\"data\":{\"id\":\"23444\",\"online\":false}}"
                    : "{\"errno\":3,\"error\":\"device not exist\"}");
        });
        onenet = OneNetPlatform.start(OneNetSettings.defaults(KEY).withBaseUrl(stub.base())
                .withPollInterval(Duration.ofHours(1)));
        CheckReport check = onenet.check(IMEI, IMSI);
        assertThat(check.items()).extracting(CheckReport.Item::name, CheckReport.Item::status).containsExactly(
                Tuple.tuple("credentials", CheckReport.Status.OK), Tuple.tuple("product", CheckReport.Status.OK),
                Tuple.tuple("device", CheckReport.Status.OK), Tuple.tuple("online", CheckReport.Status.OK));
        assertThat(check.exitCode()).isZero();
        assertThat(check.describe()).contains("created", "offline").doesNotContain("secret-api-key");
        StubApi.Seen post = stub.seen.stream().filter(s -> s.method().equals("POST")).findFirst().orElseThrow();
        assertThat(post.body()).contains("\"protocol\":\"LWM2M\"", "\"auth_info\":{\"" + IMEI + "\":\"" + IMSI + "\"}",
                "\"obsv\":true");

        DeviceLookup again = onenet.ensureDevice(IMEI, IMSI);
        assertThat(again.present()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.devId()).contains("23444");
    }

    @Test
    void checkTellsConfigurationFromThePlatformsAnswer() throws Exception {
        stub = new StubApi(s -> new StubApi.Answer(200, "{\"errno\":1,\"error\":\"auth failed\"}"));
        OneNetSettings noKey = OneNetSettings.defaults(OneNetCredentials.none()).withBaseUrl(stub.base());
        onenet = OneNetPlatform.start(noKey.withPollInterval(Duration.ofHours(1)));
        CheckReport missing = onenet.check(IMEI, IMSI);
        assertThat(missing.items().get(0).status()).isEqualTo(CheckReport.Status.CONFIGURATION);
        assertThat(missing.items().get(0).message()).contains(OneNetCredentials.API_KEY);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(stub.seen).as("nothing sent without a key").isEmpty();
        onenet.close();

        onenet = OneNetPlatform.start(noKey.withCredentials(KEY).withPollInterval(Duration.ofHours(1)));
        CheckReport refused = onenet.check(IMEI, IMSI);
        assertThat(refused.items().get(0).status()).isEqualTo(CheckReport.Status.PLATFORM);
        assertThat(refused.exitCode()).isEqualTo(1);
    }

    @Test
    void pollsOnlineStateAndNewDataPointsWithoutPush() throws Exception {
        AtomicBoolean online = new AtomicBoolean();
        // the history (21check-datapoint.md) answers every stored point, whatever span is asked
        AtomicReference<String> points = new AtomicReference<>("{\"at\":\"2024-01-01 10:00:00.000\","
                + "\"value\":\"20.5\"}");
        stub = new StubApi(s -> new StubApi.Answer(200, switch (s.path()) {
            case "/devices/getbyimei" -> "{\"errno\":0,\"error\":\"succ\",\"data\":{\"id\":\"777\",\"online\":false}}";
            case "/devices/status" -> "{\"errno\":0,\"error\":\"succ\",\"data\":{\"total_count\":1,\"devices\":"
                    + "[{\"id\":777,\"title\":\"d\",\"online\":" + online.get() + "}]}}";
            case "/devices/777/datapoints" -> "{\"errno\":0,\"error\":\"succ\",\"data\":{\"count\":1,"
                    + "\"datastreams\":[{\"datapoints\":[" + points.get() + "],\"id\":\"3303_0_5700\"}]}}";
            default -> "{\"errno\":7,\"error\":\"service internal error\"}";
        }));
        onenet = OneNetPlatform.start(OneNetSettings.defaults(KEY).withBaseUrl(stub.base())
                .withPollInterval(Duration.ofMillis(50)));
        assertThat(onenet.polling()).isTrue();
        assertThat(onenet.ensureDevice(IMEI, IMSI).present()).isTrue();
        await("the baseline poll").atMost(Duration.ofSeconds(10)).until(() ->
                stub.seen.stream().filter(s -> s.path().equals("/devices/777/datapoints")).count() >= 3);
        assertThat(onenet.events()).isEmpty();
        assertThat(onenet.notifications()).as("a data point already there at start is the baseline").isEmpty();

        online.set(true);
        await("registration from polling").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(onenet.events()).singleElement().isInstanceOf(DeviceEvent.Registered.class));
        assertThat(onenet.devices()).singleElement().satisfies(d -> assertThat(d.endpoint()).isEqualTo(IMEI + ";" + IMSI));

        points.set(points.get() + ",{\"at\":\"2024-01-01 10:00:05.000\",\"value\":\"21.5\"}");
        await("notification from polling").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(onenet.notifications()).singleElement().satisfies(n -> {
                    assertThat(n.path()).isEqualTo(NodePath.resource(3303, 0, 5700));
                    assertThat(n.values().get(0).value()).isEqualTo(ResourceValue.of(21.5));
                }));

        online.set(false);
        await("deregistration from polling").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(onenet.events()).hasSize(2).last().isInstanceOf(DeviceEvent.Deregistered.class));
        assertThat(stub.seen).allSatisfy(s -> assertThat(s.header("api-key")).isEqualTo("secret-api-key"));
    }
}
