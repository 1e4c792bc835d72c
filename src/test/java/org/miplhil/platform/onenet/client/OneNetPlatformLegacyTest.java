package org.miplhil.platform.onenet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.CoapCode;
import org.miplhil.platform.DiscoveredLink;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.NotificationAttributes;
import org.miplhil.platform.PlatformCapability;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.ResourceWrite;
import org.miplhil.platform.TestDevices;
import org.miplhil.platform.WriteMode;
import org.miplhil.platform.http.OneNetHttpApi;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.onenet.OneNetCredentials;

/**
 * Every legacy call of the adapter over real HTTP on loopback against the double ({@link OneNetHttpApi} in front of
 * the embedded platform) with a real Leshan client registered over UDP.
 */
class OneNetPlatformLegacyTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String IMEI = "866971030000021";
    static final String ENDPOINT = IMEI + ";460041234567821";

    private LeshanPlatform leshan;
    private OneNetHttpApi api;
    private TestDevices devices;
    private OneNetPlatform onenet;

    @BeforeEach
    void start() throws IOException {
        leshan = LeshanPlatform.builder().models(TestDevices.models()).start();
        api = OneNetHttpApi.start(leshan, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        devices = new TestDevices(leshan);
        OneNetCredentials key = new OneNetCredentials(Optional.of("legacy-key"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        // a push URL: no polling (OneNetDoubleDevicesTest polls the double)
        onenet = OneNetPlatform.start(OneNetSettings.defaults(key)
                .withBaseUrl(URI.create("http://127.0.0.1:" + api.port()))
                .withPushUrl(Optional.of(URI.create("http://127.0.0.1:9/push"))));
    }

    @AfterEach
    void stop() {
        onenet.close();
        devices.close();
        api.close();
        leshan.close();
    }

    @Test
    void readsAResourceAnInstanceAndAnObjectWithTypedValues() {
        devices.register(ENDPOINT);
        PlatformResult r = onenet.read(ENDPOINT, NodePath.resource(3303, 0, 5700), WAIT);
        assertThat(r).as(r.describe()).isInstanceOfSatisfying(PlatformResult.Answered.class, a -> {
            assertThat(a.code()).isEqualTo(CoapCode.CONTENT);
            assertThat(a.singleValue()).contains(ResourceValue.of(20.0));
        });
        PlatformResult inst = onenet.read(ENDPOINT, NodePath.instance(3311, 0), WAIT);
        assertThat(inst.isSuccess()).as(inst.describe()).isTrue();
        assertThat(((PlatformResult.Answered) inst).values()).contains(
                new ResourceData(NodePath.resource(3311, 0, 5850), ResourceValue.of(true)),
                new ResourceData(NodePath.resource(3311, 0, 5851), ResourceValue.of(40L)),
                new ResourceData(NodePath.resource(3311, 0, 5706), ResourceValue.of("white")));
        PlatformResult obj = onenet.read(IMEI, NodePath.object(3311), WAIT);
        assertThat(obj.isSuccess()).as("by IMEI alone: %s", obj.describe()).isTrue();

        PlatformResult missing = onenet.read(ENDPOINT, NodePath.instance(3303, 7), WAIT);
        assertThat(missing).as(missing.describe()).isInstanceOfSatisfying(PlatformResult.Answered.class,
                a -> assertThat(a.code()).isEqualTo(CoapCode.NOT_FOUND));
    }

    @Test
    void writesEveryModeAndTheDeviceSeesIt() {
        devices.register(ENDPOINT);
        PlatformResult w = onenet.write(ENDPOINT, NodePath.instance(3311, 0), WriteMode.PARTIAL_UPDATE,
                List.of(new ResourceWrite(5850, ResourceValue.of(false)), new ResourceWrite(5706, ResourceValue.of("green"))),
                WAIT);
        assertThat(w).as(w.describe()).isInstanceOfSatisfying(PlatformResult.Answered.class,
                a -> assertThat(a.code()).isEqualTo(CoapCode.CHANGED));
        assertThat(leshan.read(ENDPOINT, NodePath.resource(3311, 0, 5706), WAIT))
                .isInstanceOfSatisfying(PlatformResult.Answered.class,
                        a -> assertThat(a.singleValue()).contains(ResourceValue.of("green")));
        PlatformResult one = onenet.write(ENDPOINT, NodePath.resource(3311, 0, 5851), WriteMode.REPLACE,
                List.of(new ResourceWrite(5851, ResourceValue.of(77L))), WAIT);
        assertThat(one.isSuccess()).as(one.describe()).isTrue();
        assertThat(onenet.read(ENDPOINT, NodePath.resource(3311, 0, 5851), WAIT))
                .isInstanceOfSatisfying(PlatformResult.Answered.class,
                        a -> assertThat(a.singleValue()).contains(ResourceValue.of(77L)));
        // a resource write with another resource's value is refused before anything is sent
        assertThat(onenet.write(ENDPOINT, NodePath.resource(3311, 0, 5851), WriteMode.REPLACE,
                List.of(new ResourceWrite(5850, ResourceValue.of(true))), WAIT))
                .isInstanceOf(PlatformResult.InvalidRequest.class);
        // a value of the wrong type: the double answers 5108
        PlatformResult bad = onenet.write(ENDPOINT, NodePath.instance(3311, 0), WriteMode.PARTIAL_UPDATE,
                List.of(new ResourceWrite(5850, ResourceValue.of("not a boolean"))), WAIT);
        assertThat(bad).as(bad.describe()).isInstanceOfSatisfying(PlatformResult.InvalidRequest.class,
                i -> assertThat(i.reason()).contains("5108"));
    }

    @Test
    void executesWithArgumentsAndReportsARefusal() {
        devices.register(ENDPOINT);
        PlatformResult x = onenet.execute(ENDPOINT, NodePath.resource(3303, 0, 5605), "0='reset'", WAIT);
        assertThat(x.isSuccess()).as(x.describe()).isTrue();
        assertThat(devices.temperature().executed).hasSize(1);
        assertThat(leshan.requestLog()).anyMatch(e -> e.uri().equals("/3303/0/5605")
                && e.requestPayload().equals("0='reset'"));
        PlatformResult refused = onenet.execute(ENDPOINT, NodePath.resource(3303, 0, 5700), "", WAIT);
        assertThat(refused).as(refused.describe()).isInstanceOfSatisfying(PlatformResult.Answered.class,
                a -> assertThat(a.code()).isEqualTo(CoapCode.METHOD_NOT_ALLOWED));
    }

    @Test
    void observesWithAttributesThenCancels() {
        devices.register(ENDPOINT);
        NodePath path = NodePath.resource(3303, 0, 5700);
        NotificationAttributes attrs = NotificationAttributes.NONE.withPmin(1).withPmax(60).withGt(30.0)
                .withLt(10.0).withSt(1.0);
        PlatformResult o = onenet.observe(ENDPOINT, path, attrs, WAIT);
        assertThat(o).as(o.describe()).isInstanceOfSatisfying(PlatformResult.Answered.class,
                a -> assertThat(a.observationId()).contains("onenet:" + IMEI + "/3303/0/5700"));
        // the device was asked for the attributes and the observation, in one OneNET call
        assertThat(leshan.requestLog()).anyMatch(e -> e.method().equals("PUT") && e.uri().startsWith("/3303/0/5700")
                && e.uri().contains("pmin=1"));
        assertThat(leshan.observations(ENDPOINT)).extracting(i -> i.path()).contains(path);
        assertThat(onenet.observations(ENDPOINT)).extracting(i -> i.path()).containsExactly(path);

        PlatformResult c = onenet.cancelObservation(ENDPOINT, path, WAIT);
        assertThat(c.isSuccess()).as(c.describe()).isTrue();
        assertThat(onenet.observations(ENDPOINT)).isEmpty();
        await("the double forgets the observation").atMost(WAIT).untilAsserted(() ->
                assertThat(leshan.observations(ENDPOINT)).extracting(i -> i.path()).doesNotContain(path));
        PlatformResult again = onenet.cancelObservation(ENDPOINT, path, WAIT);
        assertThat(again).as(again.describe()).isInstanceOf(PlatformResult.InvalidRequest.class);
        // write-attributes alone cannot be said through OneNET
        assertThat(onenet.writeAttributes(ENDPOINT, path, attrs, WAIT)).isInstanceOfSatisfying(
                PlatformResult.InvalidRequest.class, i -> assertThat(i.reason()).startsWith("OneNET's API cannot express"));
        assertThat(onenet.supports(PlatformCapability.WRITE_ATTRIBUTES)).isFalse();
    }

    @Test
    void discoversAndListsTheKnownResources() {
        devices.register(ENDPOINT);
        PlatformResult d = onenet.discover(ENDPOINT, NodePath.object(3311), WAIT);
        assertThat(d).as(d.describe()).isInstanceOfSatisfying(PlatformResult.Answered.class, a ->
                assertThat(a.links()).extracting(DiscoveredLink::path).contains(NodePath.instance(3311, 0),
                        NodePath.resource(3311, 0, 5850), NodePath.resource(3311, 0, 5706)));
        assertThat(onenet.knownResources(ENDPOINT)).contains(NodePath.instance(3303, 0), NodePath.instance(3311, 0),
                NodePath.resource(3311, 0, 5850)).isSorted();
    }

    @Test
    void aDeviceNotOnlineIsOfflineAndASilentOneTimesOut() {
        PlatformResult off = onenet.read(ENDPOINT, NodePath.resource(3303, 0, 5700), WAIT);
        assertThat(off).as(off.describe()).isInstanceOf(PlatformResult.DeviceOffline.class);
        devices.registerBlocking(ENDPOINT);
        // a deadline under OneNET's minimum is sent as timeout=5; the adapter stops waiting at its own deadline
        PlatformResult t = onenet.read(ENDPOINT, NodePath.resource(3303, 0, 5700), Duration.ofSeconds(2));
        assertThat(t).as(t.describe()).isInstanceOfSatisfying(PlatformResult.TimedOut.class, x -> {
            assertThat(x.deadline()).isEqualTo(Duration.ofSeconds(2));
            assertThat(x.elapsed()).as("not OneNET's 5 s").isLessThan(Duration.ofSeconds(OneNetPlatform.MIN_TIMEOUT_S));
        });
    }

    @Test
    void anUnreachableApiFailsWithAMessageWithoutTheKey() throws IOException {
        int port = api.port();
        api.close();
        PlatformResult r = onenet.read(ENDPOINT, NodePath.resource(3303, 0, 5700), WAIT);
        assertThat(r).as(r.describe()).isInstanceOfSatisfying(PlatformResult.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(PlatformResult.Failure.SEND_FAILED);
            assertThat(f.message()).contains("127.0.0.1:" + port).doesNotContain("legacy-key");
        });
        api = OneNetHttpApi.start(leshan, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @Test
    void offersNoFotaNorRequestLog() {
        assertThat(onenet.requestLog()).isEmpty();
        assertThat(onenet.packageTransfers()).isEmpty();
        assertThat(onenet.fotaCampaigns()).isEmpty();
        assertThatThrownBy(() -> onenet.startFota(ENDPOINT, null)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("console");
        for (PlatformCapability c : PlatformCapability.values()) {
            assertThat(onenet.supports(c)).as("%s", c).isFalse();
        }
        assertThat(onenet.coapAddress()).isEqualTo(OneNetSettings.address(OneNetSettings.DEFAULT_COAP));
    }
}
