package org.miplhil.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.TestDevices;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.onenet.OneNetCredentials;
import org.miplhil.platform.onenet.TokenAuth;

/** The double's authentication (both generations) and device registry, over real HTTP and a real Leshan client. */
class OneNetDoubleAuthDevicesTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String IMEI = "866971030000021";
    static final String IMSI = "460041234567821";
    static final String API_KEY = "legacy-master-key-for-tests";
    static final String USER = "38055";

    private final String accessKey = randomKey();
    private LeshanPlatform platform;
    private OneNetHttpApi api;
    private TestDevices devices;
    private HttpCalls http;

    private static String randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    @BeforeEach
    void start() throws Exception {
        platform = LeshanPlatform.builder().models(TestDevices.models()).bootstrap(false).start();
        OneNetCredentials creds = new OneNetCredentials(Optional.of(API_KEY), Optional.of(accessKey),
                Optional.of(USER), Optional.empty(), Optional.empty());
        api = OneNetHttpApi.builder(platform).address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .threads(4).credentials(creds).start();
        devices = new TestDevices(platform);
        http = new HttpCalls(api.port());
    }

    @AfterEach
    void stop() {
        devices.close();
        api.close();
        platform.close();
    }

    private String token(String key, String res, long et) {
        return TokenAuth.header(TokenAuth.VERSION, res, et, "sha1", key);
    }

    private long inAnHour() {
        return Instant.now().getEpochSecond() + 3600;
    }

    @Test
    void legacyApiKeyIsCheckedAndAWrongOneIsErrno1AuthFailed() throws Exception {
        HttpCalls.Answer none = http.get("/nbiot/resources?imei=" + IMEI);
        assertThat(none.errno()).as("%s", none).isEqualTo(1);
        assertThat(none.error()).startsWith("auth failed");
        http.apiKey = "not-the-key";
        HttpCalls.Answer wrong = http.get("/nbiot/resources?imei=" + IMEI);
        assertThat(wrong.errno()).isEqualTo(1);
        assertThat(wrong.raw()).doesNotContain(API_KEY).doesNotContain("not-the-key");
        http.apiKey = API_KEY;
        HttpCalls.Answer right = http.get("/nbiot/resources?imei=" + IMEI);
        assertThat(right.errno()).as("%s", right).isEqualTo(2001);
        // the legacy API also takes the token ("安全鉴权")
        http.apiKey = null;
        http.authorization = token(accessKey, "userid/" + USER, inAnHour());
        assertThat(http.get("/nbiot/resources?imei=" + IMEI).errno()).isEqualTo(2001);
    }

    @Test
    void currentTokenIsVerifiedAgainstTheAccessKeyAndTheUser() throws Exception {
        HttpCalls.Answer none = http.get("/device/detail?product_id=p1&device_name=nope");
        assertThat(none.code()).as("%s", none).isEqualTo(1);
        assertThat((String) none.json().get("msg")).startsWith("auth failed");
        assertThat((String) none.json().get("request_id")).isNotEmpty();

        http.authorization = token(randomKey(), "userid/" + USER, inAnHour());
        assertThat(http.get("/device/detail?product_id=p1&device_name=nope").code()).isEqualTo(1);
        http.authorization = token(accessKey, "userid/99", inAnHour());
        assertThat((String) http.get("/device/detail?product_id=p1&device_name=nope").json().get("msg"))
                .contains("res");
        http.authorization = token(accessKey, "userid/" + USER, Instant.now().getEpochSecond() - 1);
        assertThat((String) http.get("/device/detail?product_id=p1&device_name=nope").json().get("msg"))
                .contains("expired");
        // the NB-IoT calls of the current API answer errno/error/data unless told otherwise
        assertThat(http.get("/nb-iot/resources?imei=" + IMEI).errno()).isEqualTo(1);

        http.authorization = token(accessKey, "userid/" + USER, inAnHour());
        HttpCalls.Answer ok = http.get("/device/detail?product_id=p1&device_name=nope");
        assertThat(ok.code()).as("%s", ok).isEqualTo(8);
        assertThat(http.get("/nb-iot/resources?imei=" + IMEI).errno()).isEqualTo(2001);
        // an api-key does not open the current API
        http.authorization = null;
        http.apiKey = API_KEY;
        assertThat(http.get("/nb-iot/resources?imei=" + IMEI).errno()).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void legacyDevicesAreCreatedLookedUpAndDeletedAndGoOnlineWhenTheyRegister() throws Exception {
        http.apiKey = API_KEY;
        HttpCalls.Answer created = http.post("/devices", "{\"title\":\"rack-1\",\"protocol\":\"LWM2M\","
                + "\"auth_info\":{\"" + IMEI + "\":\"" + IMSI + "\"}}");
        assertThat(created.errno()).as("%s", created).isZero();
        String id = (String) created.dataMap().get("device_id");
        assertThat(id).matches("[0-9]+");
        assertThat(api.devices().observeOnRegistration(IMEI)).contains(true);
        assertThat(api.devices().observeOnRegistration("866971030000099")).isEmpty();

        HttpCalls.Answer byImei = http.get("/devices/getbyimei?imei=" + IMEI);
        assertThat(byImei.dataMap()).containsEntry("id", id).containsEntry("online", false)
                .containsEntry("title", "rack-1");
        assertThat(http.post("/devices", "{\"title\":\"again\",\"protocol\":\"LwM2M\",\"auth_info\":{\"" + IMEI
                + "\":\"" + IMSI + "\"}}").errno()).isEqualTo(12);
        assertThat(http.post("/devices", "{\"title\":\"x\",\"protocol\":\"LwM2M\",\"auth_info\":{\"12345\":\"1\"}}")
                .errno()).isEqualTo(5108);
        assertThat(http.post("/devices", "{\"protocol\":\"LwM2M\"}").errno()).isEqualTo(3);

        devices.register(IMEI + ";" + IMSI);
        await("online by getbyimei").atMost(WAIT).untilAsserted(() -> assertThat(
                http.get("/devices/getbyimei?imei=" + IMEI).dataMap()).containsEntry("online", true));
        HttpCalls.Answer detail = http.get("/devices/" + id);
        assertThat(detail.dataMap()).containsEntry("protocol", "LwM2M").containsEntry("obsv", true)
                .containsEntry("auth_info", Map.of(IMEI, IMSI)).containsEntry("rg_id", IMEI)
                .containsKeys("act_time", "last_ct", "create_time");
        HttpCalls.Answer status = http.get("/devices/status?devIds=" + id + ",1");
        assertThat(status.dataMap()).containsEntry("total_count", 1L);
        assertThat((List<Object>) status.dataMap().get("devices")).containsExactly(Map.<String, Object>of("id", id, "title", "rack-1",
                "online", true));

        HttpCalls.Answer deleted = http.delete("/devices/" + id);
        assertThat(deleted.raw()).isEqualTo("{\"errno\":0,\"error\":\"succ\"}");
        assertThat(http.get("/devices/" + id).errno()).isEqualTo(8);
        assertThat(api.devices().observeOnRegistration(IMEI)).isEmpty();
        // a device never created keeps working by IMEI
        assertThat(http.get("/nbiot?imei=" + IMEI + "&obj_id=3303&obj_inst_id=0&res_id=5700").errno()).isZero();
    }

    @Test
    void currentDevicesAreCreatedLookedUpAndDeletedInTheCodeForm() throws Exception {
        http.authorization = token(accessKey, "userid/" + USER, inAnHour());
        HttpCalls.Answer created = http.post("/device/create", "{\"product_id\":\"p1\",\"device_name\":\"rack-2\","
                + "\"imei\":\"" + IMEI + "\",\"imsi\":\"" + IMSI + "\",\"obsv\":false}");
        assertThat(created.code()).as("%s", created).isZero();
        assertThat(created.json()).containsEntry("msg", "succ").containsKey("request_id");
        assertThat(created.dataMap()).containsEntry("name", "rack-2").containsEntry("imei", IMEI)
                .containsEntry("status", 2L);
        assertThat(api.devices().observeOnRegistration(IMEI)).contains(false);
        assertThat(http.post("/device/create", "{\"product_id\":\"p1\",\"device_name\":\"rack-2\",\"imei\":"
                + "\"866971030000022\",\"imsi\":\"1\"}").code()).isEqualTo(12);

        devices.register(IMEI + ";" + IMSI);
        await("online by detail").atMost(WAIT).untilAsserted(() -> assertThat(
                http.get("/device/detail?product_id=p1&device_name=rack-2").dataMap()).containsEntry("status", 1L));

        assertThat(http.post("/device/delete", "{\"product_id\":\"p1\",\"device_name\":\"rack-2\"}").code()).isZero();
        assertThat(http.get("/device/detail?product_id=p1&device_name=rack-2").code()).isEqualTo(8);
    }
}
