package org.miplhil.platform.onenet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.CoapCode;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.DiscoveredLink;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.NotificationAttributes;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.ResourceWrite;
import org.miplhil.platform.TestDevices;
import org.miplhil.platform.WriteMode;
import org.miplhil.platform.http.AnswerShape;
import org.miplhil.platform.http.OneNetHttpApi;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.onenet.OneNetApi;
import org.miplhil.platform.onenet.OneNetCredentials;

/**
 * The adapter on the current API ({@code /nb-iot…}, {@code /device/…}, signed tokens) against the double built with
 * the same access key and user id, over real HTTP on loopback, with a real Leshan client registered over UDP.
 */
class OneNetPlatformCurrentTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String IMEI = "866971030000061";
    static final String IMSI = "460041234567861";
    static final String ENDPOINT = IMEI + ";" + IMSI;
    static final String USER = "38055";
    static final String PRODUCT = "PRODUCT1";
    static final String ACCESS_KEY = Base64.getEncoder().encodeToString(
            "access key of the double, 32 b!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    static final String WRONG_KEY = Base64.getEncoder().encodeToString(
            "another key, not the double's!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private LeshanPlatform leshan;
    private OneNetHttpApi api;
    private TestDevices devices;
    private OneNetPlatform onenet;

    static OneNetCredentials credentials(String accessKey) {
        return new OneNetCredentials(Optional.empty(), Optional.of(accessKey), Optional.of(USER), Optional.empty(),
                Optional.empty());
    }

    @BeforeEach
    void start() throws IOException {
        leshan = LeshanPlatform.builder().models(TestDevices.models()).start();
        devices = new TestDevices(leshan);
        startDouble(AnswerShape.ERRNO);
        onenet = adapter(ACCESS_KEY, AnswerMembers.LEGACY);
    }

    private void startDouble(AnswerShape nbIot) throws IOException {
        api = OneNetHttpApi.builder(leshan).address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .credentials(credentials(ACCESS_KEY)).nbIotAnswerShape(nbIot).start();
    }

    private OneNetPlatform adapter(String accessKey, AnswerMembers members) throws IOException {
        // a push URL: no polling in these tests (OneNetPollingTest polls)
        return OneNetPlatform.start(OneNetSettings.defaults(credentials(accessKey)).withApi(OneNetApi.CURRENT)
                .withBaseUrl(URI.create("http://127.0.0.1:" + api.port())).withProductId(Optional.of(PRODUCT))
                .withAnswerMembers(members).withPushUrl(Optional.of(URI.create("http://127.0.0.1:9/push"))));
    }

    @AfterEach
    void stop() {
        onenet.close();
        devices.close();
        api.close();
        leshan.close();
    }

    @Test
    void everyNbIotCallThroughTheSignedCurrentApi() {
        devices.register(ENDPOINT);
        PlatformResult r = onenet.read(ENDPOINT, NodePath.resource(3303, 0, 5700), WAIT);
        assertThat(r).as(r.describe()).isInstanceOfSatisfying(PlatformResult.Answered.class, a -> {
            assertThat(a.code()).isEqualTo(CoapCode.CONTENT);
            assertThat(a.singleValue()).contains(ResourceValue.of(20.0));
        });
        PlatformResult inst = onenet.read(ENDPOINT, NodePath.instance(3311, 0), WAIT);
        assertThat(inst).as(inst.describe()).isInstanceOfSatisfying(PlatformResult.Answered.class, a ->
                assertThat(a.values()).contains(new ResourceData(NodePath.resource(3311, 0, 5850),
                        ResourceValue.of(true))));

        PlatformResult w = onenet.write(ENDPOINT, NodePath.instance(3311, 0), WriteMode.PARTIAL_UPDATE,
                List.of(new ResourceWrite(5706, ResourceValue.of("green"))), WAIT);
        assertThat(w).as(w.describe()).isInstanceOfSatisfying(PlatformResult.Answered.class,
                a -> assertThat(a.code()).isEqualTo(CoapCode.CHANGED));
        assertThat(leshan.read(ENDPOINT, NodePath.resource(3311, 0, 5706), WAIT))
                .isInstanceOfSatisfying(PlatformResult.Answered.class,
                        a -> assertThat(a.singleValue()).contains(ResourceValue.of("green")));

        PlatformResult x = onenet.execute(ENDPOINT, NodePath.resource(3303, 0, 5605), "0='reset'", WAIT);
        assertThat(x.isSuccess()).as(x.describe()).isTrue();
        assertThat(devices.temperature().executed).hasSize(1);

        NodePath path = NodePath.resource(3303, 0, 5700);
        PlatformResult o = onenet.observe(ENDPOINT, path, NotificationAttributes.NONE.withPmin(1).withPmax(60), WAIT);
        assertThat(o).as(o.describe()).isInstanceOfSatisfying(PlatformResult.Answered.class,
                a -> assertThat(a.observationId()).contains("onenet:" + IMEI + "/3303/0/5700"));
        assertThat(leshan.observations(ENDPOINT)).extracting(i -> i.path()).contains(path);
        PlatformResult c = onenet.cancelObservation(ENDPOINT, path, WAIT);
        assertThat(c.isSuccess()).as(c.describe()).isTrue();
        await("the double forgets the observation").atMost(WAIT).untilAsserted(() ->
                assertThat(leshan.observations(ENDPOINT)).extracting(i -> i.path()).doesNotContain(path));
        PlatformResult again = onenet.cancelObservation(ENDPOINT, path, WAIT);
        assertThat(again).as(again.describe()).isInstanceOf(PlatformResult.InvalidRequest.class);

        PlatformResult d = onenet.discover(ENDPOINT, NodePath.object(3311), WAIT);
        assertThat(d).as(d.describe()).isInstanceOfSatisfying(PlatformResult.Answered.class, a ->
                assertThat(a.links()).extracting(DiscoveredLink::path).contains(NodePath.instance(3311, 0),
                        NodePath.resource(3311, 0, 5850)));
        assertThat(onenet.knownResources(ENDPOINT)).contains(NodePath.instance(3303, 0),
                NodePath.resource(3311, 0, 5850)).isSorted();

        PlatformResult missing = onenet.read(ENDPOINT, NodePath.instance(3303, 7), WAIT);
        assertThat(missing).as(missing.describe()).isInstanceOfSatisfying(PlatformResult.Answered.class,
                a -> assertThat(a.code()).isEqualTo(CoapCode.NOT_FOUND));
        PlatformResult off = onenet.read("866971030000099", NodePath.resource(3303, 0, 5700), WAIT);
        assertThat(off).as(off.describe()).isInstanceOf(PlatformResult.DeviceOffline.class);
    }

    @Test
    void theCodeShapeOfNbIotAnswersWhenBothSidesAreSetSo() throws IOException {
        onenet.close();
        api.close();
        startDouble(AnswerShape.CODE);
        onenet = adapter(ACCESS_KEY, AnswerMembers.parse("code,msg,data"));
        devices.register(ENDPOINT);
        PlatformResult r = onenet.read(ENDPOINT, NodePath.resource(3303, 0, 5700), WAIT);
        assertThat(r).as(r.describe()).isInstanceOfSatisfying(PlatformResult.Answered.class,
                a -> assertThat(a.singleValue()).contains(ResourceValue.of(20.0)));
        PlatformResult missing = onenet.read(ENDPOINT, NodePath.instance(3303, 7), WAIT);
        assertThat(missing).as(missing.describe()).isInstanceOfSatisfying(PlatformResult.Answered.class,
                a -> assertThat(a.code()).isEqualTo(CoapCode.NOT_FOUND));
        // the device calls answer {code, msg, data} whatever the NB-IoT calls' shape
        assertThat(onenet.ensureDevice(IMEI, IMSI).created()).isTrue();
    }

    @Test
    void findsOrCreatesTheDeviceInTheProductAndSeesItOnline() {
        DeviceLookup made = onenet.ensureDevice(IMEI, IMSI);
        assertThat(made.present()).as(made.message()).isTrue();
        assertThat(made.created()).as(made.message()).isTrue();
        assertThat(made.online()).contains(false);
        assertThat(api.devices().byImei(IMEI)).hasValueSatisfying(d -> {
            assertThat(d.imsi()).isEqualTo(IMSI);
            assertThat(d.productId()).isEqualTo(PRODUCT);
            assertThat(d.title()).isEqualTo(IMEI);
            assertThat(made.devId()).contains(d.devId());
        });
        DeviceLookup found = onenet.ensureDevice(IMEI, IMSI);
        assertThat(found.created()).as(found.message()).isFalse();
        assertThat(found.online()).as(found.message()).contains(false);
        CheckReport before = onenet.check(IMEI, IMSI);
        assertThat(before.exitCode()).as(before.describe()).isZero();
        assertThat(before.describe()).contains("offline");

        devices.register(ENDPOINT);
        DeviceLookup online = onenet.ensureDevice(IMEI, IMSI);
        assertThat(online.online()).as(online.message()).contains(true);
        CheckReport after = onenet.check(IMEI, IMSI);
        assertThat(after.items()).extracting(CheckReport.Item::name, CheckReport.Item::status).containsExactly(
                Tuple.tuple("credentials", CheckReport.Status.OK), Tuple.tuple("product", CheckReport.Status.OK),
                Tuple.tuple("device", CheckReport.Status.OK), Tuple.tuple("online", CheckReport.Status.OK));
        assertThat(after.items().get(3).message()).isEqualTo("online");
        assertThat(after.describe()).doesNotContain(ACCESS_KEY);
    }

    @Test
    void pollingSeesTheOnlineStateThroughDeviceDetail() throws IOException {
        onenet.close();
        onenet = OneNetPlatform.start(OneNetSettings.defaults(credentials(ACCESS_KEY)).withApi(OneNetApi.CURRENT)
                .withBaseUrl(URI.create("http://127.0.0.1:" + api.port())).withProductId(Optional.of(PRODUCT))
                .withPollInterval(Duration.ofMillis(100)));
        assertThat(onenet.polling()).isTrue();
        assertThat(onenet.ensureDevice(IMEI, IMSI).created()).isTrue();
        devices.register(ENDPOINT);
        await("Registered from /device/detail status 1").atMost(WAIT).untilAsserted(() ->
                assertThat(onenet.events()).singleElement().isInstanceOf(DeviceEvent.Registered.class));
        assertThat(onenet.device(ENDPOINT)).isPresent();
    }

    @Test
    void aWrongAccessKeyIsRefusedAndNeverShown() throws IOException {
        onenet.close();
        onenet = adapter(WRONG_KEY, AnswerMembers.LEGACY);
        devices.register(ENDPOINT);
        PlatformResult r = onenet.read(ENDPOINT, NodePath.resource(3303, 0, 5700), WAIT);
        assertThat(r).as(r.describe()).isInstanceOfSatisfying(PlatformResult.Failed.class, f ->
                assertThat(f.message()).contains("refused the credentials").doesNotContain(WRONG_KEY)
                        .doesNotContain(ACCESS_KEY));
        assertThat(r.describe()).doesNotContain(WRONG_KEY).doesNotContain(ACCESS_KEY);
        DeviceLookup d = onenet.ensureDevice(IMEI, IMSI);
        assertThat(d.status()).as(d.message()).isEqualTo(DeviceLookup.Status.CREDENTIALS_REFUSED);
        assertThat(d.message()).doesNotContain(WRONG_KEY).doesNotContain(ACCESS_KEY);
        assertThat(api.devices().all()).as("nothing created with a refused key").isEmpty();
        CheckReport check = onenet.check(IMEI, IMSI);
        assertThat(check.items().get(0).status()).as(check.describe()).isEqualTo(CheckReport.Status.PLATFORM);
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.describe()).doesNotContain(WRONG_KEY).doesNotContain(ACCESS_KEY);
    }
}
