package org.miplhil.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.miplhil.json.Json;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.platform.FotaPeer;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.TestDevices;

/** {@code POST/GET /nbiot/fota} over real HTTP, with a real Leshan client taking the update over UDP. */
class OneNetHttpFotaTest {

    static final String IMEI = "866971030000041";
    static final String ENDPOINT = IMEI + ";460041234567841";
    static final String TO = "BC260YCNAAR01A03_BETA0721";

    @TempDir
    Path dir;

    private LeshanPlatform platform;
    private OneNetHttpApi api;
    private FotaPeer peer;
    private byte[] content;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        platform = LeshanPlatform.builder().models(TestDevices.models()).bootstrap(false)
                .fotaPollInterval(Duration.ofMillis(500)).start();
        api = OneNetHttpApi.start(platform, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4, dir);
        content = new byte[1500];
        new Random(11).nextBytes(content);
        Files.write(dir.resolve("a03-beta.delta"), content);
    }

    @AfterEach
    void stop() {
        if (peer != null) {
            peer.close();
        }
        api.close();
        platform.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> call(String method, String pathAndQuery) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> a = http.send(r, HttpResponse.BodyHandlers.ofString());
        Json.Parsed parsed = Json.parse(a.body());
        assertThat(parsed).as("body %s", a.body()).isInstanceOf(Json.Parsed.Ok.class);
        return (Map<String, Object>) Json.plain(((Json.Parsed.Ok) parsed).value());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTaskCreatedForAnOfflineDeviceRunsWhenItRegistersAndReportsItsSteps() throws Exception {
        Map<String, Object> created = call("POST", "/nbiot/fota?imei=" + IMEI + "&file=a03-beta.delta&version=" + TO
                + "&step_timeout=5&phase_timeout=30");
        assertThat(created).as("%s", created).containsEntry("errno", 0L);
        assertThat((Map<String, Object>) created.get("data")).containsEntry("task_id", 1L);
        Map<String, Object> waiting = call("GET", "/nbiot/fota?imei=" + IMEI);
        assertThat((Map<String, Object>) waiting.get("data")).containsEntry("status", "running");

        peer = FotaPeer.start(platform.coapUri(), ENDPOINT, "BC260YCNAAR01A03", TO, content,
                FotaPeer.Download.FETCH, true);

        await("task status succeeded").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, Object> status = (Map<String, Object>) call("GET", "/nbiot/fota?imei=" + IMEI).get("data");
            assertThat(status).as("%s; peer %s", status, peer.log).containsEntry("status", "succeeded")
                    .containsEntry("firmware_version", TO).containsEntry("file", "a03-beta.delta");
            assertThat(status.keySet()).containsExactly("task_id", "imei", "file", "version", "trigger", "status",
                    "firmware_version", "steps", "transfers");
            assertThat((List<Map<String, Object>>) status.get("transfers")).isNotEmpty().allSatisfy(t -> assertThat(
                    t).containsEntry("file", "a03-beta.delta").containsEntry("size", 1500L));
            List<Map<String, Object>> steps = (List<Map<String, Object>>) status.get("steps");
            assertThat(steps).allSatisfy(s -> assertThat(s.keySet()).containsExactly("at", "name", "detail",
                    "elapsed_ms", "ok"));
            assertThat(steps).extracting(s -> s.get("name")).containsSubsequence("trigger", "send package",
                    "downloaded", "execute update", "read update result");
            assertThat(steps.get(0).get("detail")).isEqualTo("uplink: registration " + platform.events().stream()
                    .filter(e -> e instanceof org.miplhil.platform.DeviceEvent.Registered).findFirst()
                    .map(e -> ((org.miplhil.platform.DeviceEvent.Registered) e).device().registrationId())
                    .orElseThrow());
        });
    }

    @Test
    void aPackageNotInTheDirectoryOrAPathIsRefused() throws Exception {
        Map<String, Object> missing = call("POST", "/nbiot/fota?imei=" + IMEI + "&file=nope.delta&version=" + TO);
        assertThat(missing.get("errno")).isEqualTo(5108L);
        assertThat((String) missing.get("error")).contains("no package nope.delta");
        Map<String, Object> path = call("POST", "/nbiot/fota?imei=" + IMEI + "&file=..%2Fetc%2Fpasswd&version=" + TO);
        assertThat(path.get("errno")).isEqualTo(5108L);
        Map<String, Object> noVersion = call("POST", "/nbiot/fota?imei=" + IMEI + "&file=a03-beta.delta");
        assertThat(noVersion.get("errno")).isEqualTo(3L);
        Map<String, Object> badTrigger = call("POST", "/nbiot/fota?imei=" + IMEI + "&file=a03-beta.delta&version="
                + TO + "&trigger=later");
        assertThat(badTrigger.get("errno")).isEqualTo(5108L);
        Map<String, Object> none = call("GET", "/nbiot/fota?imei=" + IMEI);
        assertThat(none.get("errno")).isEqualTo(5108L);
        assertThat(platform.fotaCampaigns()).isEmpty();
    }
}
