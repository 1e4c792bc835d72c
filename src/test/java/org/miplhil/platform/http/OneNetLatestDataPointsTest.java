package org.miplhil.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.TestDevices;
import org.miplhil.platform.leshan.LeshanPlatform;

/**
 * {@code GET /devices/datapoints} (list/20batch-query-dev-latest-data.md): a created device's latest value of each
 * resource it notified, named {@code objId_insId_resId}, its parameter rules; over HTTP with a real Leshan client.
 */
class OneNetLatestDataPointsTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String IMEI = "866971030000081";
    static final String ENDPOINT = IMEI + ";460041234567881";

    private LeshanPlatform platform;
    private OneNetHttpApi api;
    private TestDevices devices;
    private HttpCalls http;

    @BeforeEach
    void start() throws Exception {
        platform = LeshanPlatform.builder().models(TestDevices.models()).bootstrap(false).oneNetBehaviour(false)
                .start();
        api = OneNetHttpApi.start(platform, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        devices = new TestDevices(platform);
        http = new HttpCalls(api.port());
    }

    @AfterEach
    void stop() {
        devices.close();
        api.close();
        platform.close();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> devicesOf(HttpCalls.Answer a) {
        return (List<Map<String, Object>>) a.dataMap().get("devices");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLatestNotifiedValueOfEachResource() throws Exception {
        HttpCalls.Answer made = http.post("/devices", "{\"title\":\"t\",\"protocol\":\"LWM2M\",\"auth_info\":{\""
                + IMEI + "\":\"460041234567881\"}}");
        String id = (String) made.dataMap().get("device_id");
        HttpCalls.Answer empty = http.get("/devices/datapoints?devIds=" + id + ",999");
        assertThat(empty.errno()).as(empty.raw()).isZero();
        assertThat(devicesOf(empty)).singleElement().satisfies(d -> {
            assertThat(d).containsEntry("id", id).containsEntry("title", "t");
            assertThat((List<Object>) d.get("datastreams")).isEmpty();
        });

        devices.register(ENDPOINT);
        assertThat(platform.observe(ENDPOINT, NodePath.resource(3303, 0, 5700), WAIT).isSuccess()).isTrue();
        devices.temperature().set(23.5);
        await("a data point of 3303_0_5700").atMost(WAIT).untilAsserted(() -> {
            HttpCalls.Answer a = http.get("/devices/datapoints?devIds=" + id);
            assertThat((List<Map<String, Object>>) devicesOf(a).get(0).get("datastreams")).singleElement()
                    .satisfies(s -> {
                        assertThat(s).containsEntry("id", "3303_0_5700").containsEntry("value", "23.5");
                        assertThat((String) s.get("at")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
                    });
        });
    }

    @Test
    void parameters() throws Exception {
        HttpCalls.Answer none = http.get("/devices/datapoints");
        assertThat(none.errno()).as(none.raw()).isEqualTo(3);
        String ids = IntStream.rangeClosed(1, 501).mapToObj(Integer::toString).collect(Collectors.joining(","));
        HttpCalls.Answer many = http.get("/devices/datapoints?devIds=" + ids);
        assertThat(many.errno()).as(many.raw()).isEqualTo(5006);
        HttpCalls.Answer post = http.post("/devices/datapoints?devIds=1", "{}");
        assertThat(post.status()).isEqualTo(405);
    }
}
