package org.miplhil.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.Enablers;
import org.miplhil.platform.TestClient;
import org.miplhil.platform.TestDevices;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.onenet.push.PushMessage;

/** Cached commands of the double over real HTTP, carried out when a real Leshan client registers or updates. */
class OneNetCachedCommandsTest {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final String IMEI = "866971030000031";
    static final String ENDPOINT = IMEI + ";460041234567831";

    private LeshanPlatform platform;
    private OneNetHttpApi api;
    private TestClient client;
    private HttpCalls http;
    private final List<PushMessage> pushed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        platform = LeshanPlatform.builder().models(TestDevices.models()).bootstrap(false).start();
        api = OneNetHttpApi.builder(platform).address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .threads(4).pushSink(pushed::add).start();
        http = new HttpCalls(api.port());
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        api.close();
        platform.close();
    }

    private void startClient() {
        client = TestClient.named(ENDPOINT).server(platform.coapUri()).object(3303, new Enablers.Temperature(0, 20.0))
                .build();
        client.start();
    }

    private static String expiresInAnHour() {
        return OneNetTime.parameter(Instant.now().plusSeconds(3600));
    }

    private String cachedRead(String prefix, int trigger) throws Exception {
        HttpCalls.Answer a = http.get(prefix + "/offline?imei=" + IMEI + "&obj_id=3303&obj_inst_id=0&res_id=5700"
                + "&expired_time=" + expiresInAnHour() + "&trigger_msg=" + trigger + "&retry=0");
        assertThat(a.errno()).as("%s", a).isZero();
        return (String) a.dataMap().get("uuid");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> detail(String uuid) throws Exception {
        HttpCalls.Answer a = http.get("/nbiot/offline/history/" + uuid + "?imei=" + IMEI);
        assertThat(a.errno()).as("%s", a).isZero();
        return a.dataMap();
    }

    @Test
    void aCachedReadWaitsForTheRegistrationAndIsCarriedOutWithHistoryAndPush() throws Exception {
        String uuid = cachedRead("/nbiot", 1);
        String onUpdate = cachedRead("/nb-iot", 2);
        assertThat(detail(uuid)).containsEntry("send_status", 1L).containsEntry("type", "READ")
                .containsEntry("trigger_msg", 1L).doesNotContainKey("send_time");

        startClient();
        await("cached read carried out on registration").atMost(WAIT).untilAsserted(() ->
                assertThat(detail(uuid)).as("detail").containsEntry("send_status", 5L)
                        .containsEntry("confirm_status", "SUCCESS"));
        Map<String, Object> done = detail(uuid);
        assertThat(done.get("cmd_result")).isEqualTo(List.of(Map.of("obj_inst_id", 0L,
                "res", List.of(Map.of("res_id", 5700L, "val", 20.0)))));
        assertThat((List<?>) done.get("feedback_msg")).hasSize(1);
        assertThat(pushed).singleElement().satisfies(m -> {
            PushMessage.CachedCommandResult r = (PushMessage.CachedCommandResult) m;
            assertThat(r.cmdId()).isEqualTo(uuid);
            assertThat(r.confirmStatus()).isZero();
            assertThat(r.sendStatus()).isEqualTo(5);
            assertThat(r.confirmBody()).hasValueSatisfying(b -> assertThat(b.path("obj_id").asInt()).isEqualTo(3303));
        });
        // the update-triggered one waits for the update
        assertThat(detail(onUpdate)).containsEntry("send_status", 1L);
        client.update();
        await("cached read carried out on update").atMost(WAIT).untilAsserted(() ->
                assertThat(detail(onUpdate)).as("detail").containsEntry("send_status", 5L));

        HttpCalls.Answer list = http.get("/nbiot/offline/history?imei=" + IMEI + "&start="
                + OneNetTime.parameter(Instant.now().minusSeconds(600)));
        assertThat(list.dataMap()).containsEntry("total_count", 2L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) list.dataMap().get("items");
        assertThat(items).extracting(i -> i.get("cmd_uuid")).containsExactly(onUpdate, uuid);
        // a command no longer waiting cannot be cancelled
        assertThat(http.put("/nbiot/offline/cancel/" + uuid + "?imei=" + IMEI).errno()).isEqualTo(5006);
    }

    @Test
    void aWaitingCommandIsCancelledAndNeverCarriedOut() throws Exception {
        String uuid = cachedRead("/nbiot", 1);
        HttpCalls.Answer cancelled = http.put("/nbiot/offline/cancel/" + uuid + "?imei=" + IMEI);
        assertThat(cancelled.raw()).isEqualTo("{\"errno\":0,\"error\":\"succ\"}");
        String later = cachedRead("/nbiot", 1);
        startClient();
        await("the later one carried out").atMost(WAIT).untilAsserted(() ->
                assertThat(detail(later)).as("detail").containsEntry("send_status", 5L));
        assertThat(detail(uuid)).containsEntry("send_status", 2L).doesNotContainKey("send_time");
        assertThat(platform.requestLog().stream().filter(e -> e.method().equals("GET")
                && e.uri().equals("/3303/0/5700")).count()).isEqualTo(1);
    }

    @Test
    void atMostTenPendingPerDeviceAndTheParametersAreChecked() throws Exception {
        for (int i = 0; i < 10; i++) {
            cachedRead("/nbiot", 7);
        }
        HttpCalls.Answer eleventh = http.get("/nbiot/offline?imei=" + IMEI + "&obj_id=3303&expired_time="
                + expiresInAnHour());
        assertThat(eleventh.errno()).as("%s", eleventh).isEqualTo(5006);
        assertThat(eleventh.error()).startsWith("system logic limit");
        // another device has its own ten
        assertThat(http.get("/nbiot/offline?imei=866971030000032&obj_id=3303&expired_time=" + expiresInAnHour())
                .errno()).isZero();
        HttpCalls.Answer all = http.put("/nbiot/offline/cancel/all?imei=" + IMEI);
        assertThat(all.dataMap()).containsEntry("total", 10L);
        assertThat(http.get("/nbiot/offline?imei=" + IMEI + "&obj_id=3303&expired_time=" + expiresInAnHour())
                .errno()).isZero();

        String base = "/nbiot/offline?imei=" + IMEI + "&obj_id=3303";
        assertThat(http.get(base).errno()).isEqualTo(3);
        assertThat(http.get(base + "&expired_time=2018-03-09T17:30:00").errno()).isEqualTo(5108);
        assertThat(http.get(base + "&expired_time=" + expiresInAnHour() + "&retry=11").errno()).isEqualTo(5108);
        assertThat(http.get(base + "&expired_time=" + expiresInAnHour() + "&trigger_msg=8").errno()).isEqualTo(5108);
        assertThat(http.get(base + "&expired_time=" + expiresInAnHour() + "&valid_time=2018-03-08T17:30:00")
                .errno()).isEqualTo(5108);
        HttpCalls.Answer write = http.post("/nbiot/offline?imei=" + IMEI + "&obj_id=3303&obj_inst_id=0&mode=1"
                + "&expired_time=" + expiresInAnHour(), "{\"data\":[{\"res_id\":5700,\"val\":1}]}");
        assertThat(write.errno()).as("%s", write).isZero();
        HttpCalls.Answer execute = http.post("/nb-iot/execute/offline?imei=" + IMEI + "&obj_id=3303&obj_inst_id=0"
                + "&res_id=5605&expired_time=" + expiresInAnHour(), "{\"args\":\"ping\"}");
        assertThat(execute.errno()).as("%s", execute).isZero();
        assertThat(detail((String) execute.dataMap().get("uuid"))).containsEntry("type", "EXECUTE")
                .containsEntry("content", Map.of("args", "ping"));
    }
}
