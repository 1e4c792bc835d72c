package org.miplhil.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.TestDevices;
import org.miplhil.platform.leshan.LeshanPlatform;

/**
 * The history queries (legacy {@code GET /devices/{id}/datapoints}, list/21check-datapoint.md; current
 * {@code GET /datapoint/history-datapoints}): every notified value a point, their shape, paging with {@code cursor},
 * {@code sort}, the parameter rules and the bound; over HTTP with a real Leshan client notifying over UDP.
 */
class OneNetHistoryDataPointsTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String IMEI = "866971030000091";
    static final String IMSI = "460041234567891";
    static final String ENDPOINT = IMEI + ";" + IMSI;
    static final String AT = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}";

    private LeshanPlatform platform;
    private OneNetHttpApi api;
    private TestDevices devices;
    private HttpCalls http;

    @BeforeEach
    void start() throws Exception {
        platform = LeshanPlatform.builder().models(TestDevices.models()).bootstrap(false).oneNetBehaviour(false)
                .start();
        api = OneNetHttpApi.builder(platform).address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .threads(4).historyPerDevice(6).start();
        devices = new TestDevices(platform);
        http = new HttpCalls(api.port());
    }

    @AfterEach
    void stop() {
        devices.close();
        api.close();
        platform.close();
    }

    /** Registers, observes the temperature and has it notify each value, each awaited as the platform's. */
    private void notifyValues(double... values) {
        devices.register(ENDPOINT);
        NodePath path = NodePath.resource(3303, 0, 5700);
        assertThat(platform.observe(ENDPOINT, path, WAIT).isSuccess()).isTrue();
        for (double v : values) {
            int before = platform.notifications().size();
            devices.temperature().set(v);
            await("notification of " + v).atMost(WAIT).until(() -> platform.notifications().size() > before);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> values(HttpCalls.Answer a) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) a.dataMap().get("datastreams")) {
            for (Map<String, Object> p : (List<Map<String, Object>>) s.get("datapoints")) {
                assertThat((String) p.get("at")).matches(AT);
                out.add((String) p.get("value"));
            }
        }
        return out;
    }

    private static String since(Instant t) {
        return URLEncoder.encode(OneNetTime.parameter(t.minusSeconds(1)), StandardCharsets.UTF_8);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPointInOrderPagedByCursorBothGenerations() throws Exception {
        Instant t0 = Instant.now();
        String id = (String) http.post("/devices", "{\"title\":\"t\",\"protocol\":\"LWM2M\",\"auth_info\":{\""
                + IMEI + "\":\"" + IMSI + "\"}}").dataMap().get("device_id");
        notifyValues(21.0, 22.0, 22.0, 23.0);

        HttpCalls.Answer latest = http.get("/devices/" + id + "/datapoints");
        assertThat(latest.errno()).as(latest.raw()).isZero();
        assertThat(values(latest)).as("no parameter: each stream's latest point").containsExactly("23.0");
        assertThat(values(http.get("/devices/" + id + "/datapoints?limit=2"))).containsExactly("22.0", "23.0");

        HttpCalls.Answer all = http.get("/devices/" + id + "/datapoints?start=" + since(t0));
        assertThat(all.dataMap().keySet()).as(all.raw()).containsExactly("count", "datastreams");
        assertThat(all.dataMap()).containsEntry("count", 4L);
        assertThat((List<Map<String, Object>>) all.dataMap().get("datastreams")).singleElement()
                .satisfies(s -> assertThat(s).containsEntry("id", "3303_0_5700"));
        assertThat(values(all)).as("two equal notifications are two points").containsExactly("21.0", "22.0",
                "22.0", "23.0");

        HttpCalls.Answer first = http.get("/devices/" + id + "/datapoints?start=" + since(t0) + "&limit=3");
        assertThat(values(first)).containsExactly("21.0", "22.0", "22.0");
        String cursor = (String) first.dataMap().get("cursor");
        assertThat(cursor).as(first.raw()).matches("\\d+_" + id + "_\\d+");
        HttpCalls.Answer rest = http.get("/devices/" + id + "/datapoints?start=" + since(t0) + "&limit=3&cursor="
                + cursor);
        assertThat(values(rest)).containsExactly("23.0");
        assertThat(rest.dataMap()).doesNotContainKey("cursor");

        assertThat(values(http.get("/devices/" + id + "/datapoints?start=" + since(t0) + "&sort=DESC")))
                .containsExactly("23.0", "22.0", "22.0", "21.0");
        assertThat(values(http.get("/devices/" + id + "/datapoints?start=" + since(t0)
                + "&datastream_id=3303_0_5701"))).isEmpty();
        assertThat(values(http.get("/devices/" + id + "/datapoints?start="
                + URLEncoder.encode(OneNetTime.parameter(Instant.now().plusSeconds(5)), StandardCharsets.UTF_8))))
                .as("nothing after now").isEmpty();

        // the current API: the device by product and name, the same points, the {code, msg, request_id, data} form
        HttpCalls.Answer missing = http.get("/datapoint/history-datapoints?device_name=" + IMEI);
        assertThat(missing.code()).as(missing.raw()).isEqualTo(3);
        HttpCalls.Answer made = http.post("/device/create", "{\"product_id\":\"p1\",\"device_name\":\"other\","
                + "\"imei\":\"866971030000092\",\"imsi\":\"460041234567892\"}");
        assertThat(made.code()).as(made.raw()).isZero();
        HttpCalls.Answer none = http.get("/datapoint/history-datapoints?product_id=p1&device_name=other&start="
                + since(t0));
        assertThat(none.code()).as(none.raw()).isZero();
        assertThat(none.json()).containsKeys("msg", "request_id");
        assertThat(none.dataMap()).containsEntry("count", 0L);
    }

    @Test
    void keepsTheNewestPointsOfEachDevice() throws Exception {
        Instant t0 = Instant.now();
        String id = (String) http.post("/devices", "{\"title\":\"t\",\"protocol\":\"LWM2M\",\"auth_info\":{\""
                + IMEI + "\":\"" + IMSI + "\"}}").dataMap().get("device_id");
        notifyValues(1, 2, 3, 4, 5, 6, 7, 8);
        // the builder's bound is 6 points per device here (1000 by default)
        assertThat(values(http.get("/devices/" + id + "/datapoints?start=" + since(t0))))
                .containsExactly("3.0", "4.0", "5.0", "6.0", "7.0", "8.0");
    }

    @Test
    void parameterRules() throws Exception {
        String id = (String) http.post("/devices", "{\"title\":\"t\",\"protocol\":\"LWM2M\",\"auth_info\":{\""
                + IMEI + "\":\"" + IMSI + "\"}}").dataMap().get("device_id");
        String base = "/devices/" + id + "/datapoints?";
        for (String bad : new String[] {"limit=0", "limit=6001", "limit=x", "sort=UP", "start=2015-01-10",
                "end=yesterday", "cursor=abc", "duration=-1"}) {
            HttpCalls.Answer a = http.get(base + bad);
            assertThat(a.errno()).as(bad + ": " + a.raw()).isEqualTo(5108);
        }
        assertThat(http.get(base + "limit=6000").errno()).isZero();
        assertThat(http.get("/devices/999999/datapoints").errno()).isEqualTo(8);
        assertThat(http.post(base, "{}").status()).isEqualTo(405);
    }
}
