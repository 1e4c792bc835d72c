package org.miplhil.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.miplhil.json.Json;
import org.miplhil.platform.TestDevices;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.ObservationInfo;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceValue;

/** The OneNET-like HTTP API over real HTTP, in front of the platform and a real Leshan client over UDP. */
class OneNetHttpApiTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String IMEI = "866971030000011";
    static final String ENDPOINT = IMEI + ";460041234567811";

    private LeshanPlatform platform;
    private OneNetHttpApi api;
    private TestDevices devices;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A status, the parsed JSON body and the body as sent. */
    record Answer(int status, Map<String, Object> json, String raw) {
        long errno() {
            return (Long) json.get("errno");
        }

        String error() {
            return (String) json.get("error");
        }

        Object data() {
            return json.get("data");
        }
    }

    @BeforeEach
    void start() throws IOException {
        platform = LeshanPlatform.builder().models(TestDevices.models()).start();
        api = OneNetHttpApi.start(platform, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        devices = new TestDevices(platform);
    }

    @AfterEach
    void stop() {
        devices.close();
        api.close();
        platform.close();
    }

    private Answer call(String method, String pathAndQuery, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(60));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith(
                "application/json"));
        Json.Parsed parsed = Json.parse(r.body());
        assertThat(parsed).as("body %s", r.body()).isInstanceOf(Json.Parsed.Ok.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.plain(((Json.Parsed.Ok) parsed).value());
        return new Answer(r.statusCode(), json, r.body());
    }

    private Answer get(String pathAndQuery) throws Exception {
        return call("GET", pathAndQuery, null);
    }

    private Answer post(String pathAndQuery, String body) throws Exception {
        return call("POST", pathAndQuery, body);
    }

    private static void succ(Answer a) {
        assertThat(a.status()).as("%s", a).isEqualTo(200);
        assertThat(a.errno()).as("%s", a).isZero();
        assertThat(a.error()).isEqualTo("succ");
    }

    private void registered() {
        devices.register(ENDPOINT);
    }

    @Test
    void readsAResourceAnInstanceAndAnObject() throws Exception {
        registered();
        Answer resource = get("/nbiot?imei=" + IMEI + "&obj_id=3303&obj_inst_id=0&res_id=5700");
        succ(resource);
        // byte for byte what OneNET's clients parse: errno, error, data in this order, compact
        assertThat(resource.raw()).isEqualTo("{\"errno\":0,\"error\":\"succ\",\"data\":"
                + "[{\"obj_inst_id\":0,\"res\":[{\"res_id\":5700,\"val\":20.0}]}]}");

        Answer instance = get("/nbiot?imei=" + IMEI + "&obj_id=3311&obj_inst_id=0&timeout=5");
        succ(instance);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> res = (List<Map<String, Object>>) ((Map<String, Object>) ((List<?>) instance.data())
                .get(0)).get("res");
        assertThat(res).contains(Map.of("res_id", 5850L, "val", true), Map.of("res_id", 5851L, "val", 40L),
                Map.of("res_id", 5706L, "val", "white"), Map.of("res_id", 5805L, "val", 1.88));

        Answer object = get("/nbiot?imei=" + IMEI + "&obj_id=3311");
        succ(object);
        assertThat((List<?>) object.data()).hasSize(1);

        Answer missing = get("/nbiot?imei=" + IMEI + "&obj_id=3303&obj_inst_id=7");
        assertThat(missing.status()).isEqualTo(200);
        assertThat(missing.errno()).isEqualTo(5106);
        assertThat(missing.error()).startsWith("UNSUCESS: NOT_FOUND");
    }

    @Test
    void writesReplaceAndPartialUpdateWithEachValueKind() throws Exception {
        registered();
        Answer partial = post("/nbiot?imei=" + IMEI + "&obj_id=3311&obj_inst_id=0&mode=2",
                "{\"data\":[{\"res_id\":5850,\"val\":false},{\"res_id\":5851,\"val\":77},"
                        + "{\"res_id\":5706,\"val\":\"green\"}]}");
        succ(partial);
        assertThat(partial.raw()).isEqualTo("{\"errno\":0,\"error\":\"succ\"}");
        assertThat(platform.read(ENDPOINT, NodePath.resource(3311, 0, 5706), WAIT))
                .matches(r -> ((PlatformResult.Answered) r).singleValue().equals(java.util.Optional.of(
                        ResourceValue.of("green"))), "5706 is green");
        assertThat(((PlatformResult.Answered) platform.read(ENDPOINT, NodePath.resource(3311, 0, 5851), WAIT))
                .singleValue()).contains(ResourceValue.of(77L));

        int t = TestDevices.TYPES;
        Answer typed = post("/nbiot?imei=" + IMEI + "&obj_id=" + t + "&obj_inst_id=0&mode=2",
                "{\"data\":[{\"res_id\":3,\"val\":2.5},{\"res_id\":4,\"val\":false},"
                        + "{\"res_id\":5,\"val\":\"CAFE\",\"type\":1},{\"res_id\":6,\"val\":86400,\"type\":2},"
                        + "{\"res_id\":7,\"val\":\"3311:0\"},{\"res_id\":2,\"val\":9}]}");
        succ(typed);
        Answer back = get("/nbiot?imei=" + IMEI + "&obj_id=" + t + "&obj_inst_id=0");
        succ(back);
        String json = Json.write(back.data());
        assertThat(json).contains("{\"res_id\":3,\"val\":2.5}", "{\"res_id\":4,\"val\":false}",
                "{\"res_id\":5,\"val\":\"CAFE\"}", "{\"res_id\":6,\"val\":86400}", "{\"res_id\":7,\"val\":\"3311:0\"}",
                "{\"res_id\":2,\"val\":9}");

        Answer replace = post("/nbiot?imei=" + IMEI + "&obj_id=3311&obj_inst_id=0&mode=1",
                "{\"data\":[{\"res_id\":5850,\"val\":true}]}");
        succ(replace);
        assertThat(platform.requestLog()).anyMatch(e -> e.method().equals("PUT") && e.uri().equals("/3311/0"));
        assertThat(platform.requestLog()).anyMatch(e -> e.method().equals("POST") && e.uri().equals("/3311/0"));

        Answer mismatch = post("/nbiot?imei=" + IMEI + "&obj_id=3311&obj_inst_id=0&mode=2",
                "{\"data\":[{\"res_id\":5850,\"val\":\"on\"}]}");
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.errno()).isEqualTo(5108);
        assertThat(mismatch.error()).contains("res_id 5850").contains("BOOLEAN");
    }

    @Test
    void executesWithArgs() throws Exception {
        registered();
        Answer a = post("/nbiot/execute?imei=" + IMEI + "&obj_id=3303&obj_inst_id=0&res_id=5605",
                "{\"args\":\"0='reset'\"}");
        succ(a);
        assertThat(devices.temperature().executed).hasSize(1);
        assertThat(platform.requestLog()).anyMatch(e -> e.method().equals("POST") && e.uri().equals("/3303/0/5605")
                && e.requestPayload().equals("0='reset'"));
        succ(post("/nbiot/execute?imei=" + IMEI + "&obj_id=3303&obj_inst_id=0&res_id=5605", null));
        Answer refused = post("/nbiot/execute?imei=" + IMEI + "&obj_id=3303&obj_inst_id=0&res_id=5700", "{}");
        assertThat(refused.errno()).isEqualTo(5106);
        assertThat(refused.error()).contains("4.05");
    }

    @Test
    void observesWithAttributesAndCancels() throws Exception {
        registered();
        String q = "/nbiot/observe?imei=" + IMEI + "&obj_id=3303&obj_inst_id=0&res_id=5700";
        succ(post(q + "&pmin=1&pmax=120&gt=30&lt=10&st=1", null));
        assertThat(platform.observations(ENDPOINT)).extracting(ObservationInfo::path)
                .contains(NodePath.resource(3303, 0, 5700));
        assertThat(platform.requestLog()).anyMatch(e -> e.method().equals("PUT")
                && e.uri().startsWith("/3303/0/5700?pmin=1&pmax=120"));
        devices.temperature().set(35.0);
        await("notification of 35.0").atMost(WAIT).untilAsserted(() ->
                assertThat(platform.notifications(ENDPOINT, NodePath.resource(3303, 0, 5700))).as("notifications")
                        .isNotEmpty());

        succ(post(q + "&cancel=true", null));
        assertThat(platform.observations(ENDPOINT)).extracting(ObservationInfo::path)
                .doesNotContain(NodePath.resource(3303, 0, 5700));
        Answer again = post(q + "&cancel=true", null);
        assertThat(again.errno()).isEqualTo(5106);
        assertThat(again.error()).contains("NOT_FOUND");

        Answer rule = post(q + "&pmin=10&pmax=5", null);
        assertThat(rule.status()).isEqualTo(400);
        assertThat(rule.errno()).isEqualTo(5108);
    }

    @Test
    void discoversAndListsResources() throws Exception {
        registered();
        Answer d = get("/nbiot/discover?imei=" + IMEI + "&obj_id=3311");
        succ(d);
        assertThat(Json.write(d.data())).isEqualTo("[{\"obj_inst_id\":0,\"res_id\":[5850,5851,5706,5805]}]");

        // what the OneNET-like discovers after registration taught the platform
        await("OneNET-like discovers done").atMost(WAIT).untilAsserted(() ->
                assertThat(platform.knownResources(ENDPOINT)).as("known").contains(NodePath.resource(3303, 0, 5700)));
        Answer all = get("/nbiot/resources?imei=" + IMEI);
        succ(all);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) all.data();
        assertThat(Json.write(data.get("item"))).contains(
                "{\"obj_id\":3311,\"instances\":[{\"inst_id\":0,\"resources\":[5706,5805,5850,5851]}]}",
                "{\"obj_id\":3303,\"instances\":[{\"inst_id\":0,\"resources\":[5601,5602,5605,5700,5701]}]}");
        Answer one = get("/nbiot/resources?imei=" + IMEI + "&obj_id=3303");
        succ(one);
        assertThat(((Map<?, ?>) one.data()).get("total_count")).isEqualTo(1L);
    }

    @Test
    void errorsForAnOfflineDeviceAndBadParameters() throws Exception {
        Answer offline = get("/nbiot?imei=" + IMEI + "&obj_id=3303");
        assertThat(offline.status()).isEqualTo(200);
        assertThat(offline.errno()).isEqualTo(2001);
        assertThat(offline.error()).startsWith("device not online");
        assertThat(offline.raw()).isEqualTo("{\"errno\":2001,\"error\":\"device not online: no registered device "
                + "with imei " + IMEI + "\"}");

        Answer missing = get("/nbiot?obj_id=3303");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errno()).isEqualTo(3);
        assertThat(missing.error()).contains("imei");

        Answer illTyped = get("/nbiot?imei=" + IMEI + "&obj_id=x");
        assertThat(illTyped.status()).isEqualTo(400);
        assertThat(illTyped.errno()).isEqualTo(5108);

        Answer badTimeout = get("/nbiot?imei=" + IMEI + "&obj_id=3303&timeout=1");
        assertThat(badTimeout.status()).isEqualTo(400);
        assertThat(badTimeout.errno()).isEqualTo(5108);

        Answer badBody = post("/nbiot?imei=" + IMEI + "&obj_id=3303&obj_inst_id=0&mode=1", "{\"data\":");
        assertThat(badBody.status()).isEqualTo(400);
        assertThat(badBody.errno()).isEqualTo(5108);

        assertThat(get("/nope").status()).isEqualTo(404);
        assertThat(get("/nbiot/execute?imei=" + IMEI).status()).isEqualTo(405);
        Answer huge = post("/nbiot/execute?imei=" + IMEI + "&obj_id=3303&obj_inst_id=0&res_id=5605",
                "{\"args\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.errno()).isEqualTo(5108);
    }

    @Test
    void aDeviceThatNeverAnswersGivesTimeOutAfterTheTimeoutParameter() throws Exception {
        String imei = "866971030000012";
        devices.registerBlocking(imei + ";460041234567812");
        long t0 = System.nanoTime();
        Answer a = get("/nbiot?imei=" + imei + "&obj_id=3303&obj_inst_id=0&res_id=5700&timeout=5");
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.errno()).isEqualTo(5106);
        assertThat(a.error()).isEqualTo("UNSUCESS: TIME_OUT: no answer from the device within 5 s");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(5)).isLessThan(Duration.ofSeconds(30));
    }
}
