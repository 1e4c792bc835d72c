package org.miplhil.platform.leshan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.leshan.client.resource.BaseInstanceEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.response.ReadResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.platform.Device;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.DeviceScope;
import org.miplhil.platform.Enablers;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Notification;
import org.miplhil.platform.PlatformListener;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.RequestLogEntry;
import org.miplhil.platform.TestClient;
import org.miplhil.platform.TestModels;
import org.miplhil.platform.fota.PackageTransfer;

/**
 * Two devices on one embedded platform, each seen through its {@link DeviceScope}: real Leshan clients over real UDP
 * on loopback. What one device's view shows, hears and may ask is its own device only.
 */
class SharedPlatformIsolationTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration DEADLINE = Duration.ofSeconds(5);
    static final String IMEI_A = "866971050123456";
    static final String IMEI_B = "866971050123464";
    static final String EP_A = IMEI_A + ";460041234567891";
    static final String EP_B = IMEI_B + ";460041234567892";

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private LeshanPlatform platform;

    @BeforeEach
    void startPlatform() {
        platform = closing(LeshanPlatform.builder().models(TestModels.all()).start());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        toClose.add(c);
        return c;
    }

    private TestClient client(LeshanPlatform on, String endpoint, BaseInstanceEnabler temperature) {
        return closing(TestClient.named(endpoint).server(on.coapUri()).object(3303, temperature).start());
    }

    /** The OneNET-like sequence after the registration ended with its read of /3/0. */
    private void awaitSequenceDone(LeshanPlatform on, String endpoint, Duration within) {
        await("the OneNET-like observe, discover and read of /3/0 of " + endpoint).atMost(within).untilAsserted(() ->
                assertThat(on.requestLog()).as("request log")
                        .anyMatch(e -> e.endpoint().equals(endpoint) && e.uri().equals("/3/0")
                                && e.method().equals("GET") && !e.outcome().isEmpty()));
    }

    @Test
    void eachViewShowsItsOwnDeviceEventsRequestsAndNotificationsOnly() {
        DeviceScope a = DeviceScope.of(platform, IMEI_A);
        DeviceScope b = DeviceScope.of(platform, IMEI_B);
        List<Object> heardByA = new CopyOnWriteArrayList<>();
        a.addListener(new PlatformListener() {
            @Override
            public void onEvent(DeviceEvent event) {
                heardByA.add(event);
            }

            @Override
            public void onNotification(Notification n) {
                heardByA.add(n);
            }

            @Override
            public void onRequest(RequestLogEntry entry) {
                heardByA.add(entry);
            }
        });
        Enablers.Temperature ta = new Enablers.Temperature(0, 20.0);
        Enablers.Temperature tb = new Enablers.Temperature(0, 30.0);
        client(platform, EP_A, ta);
        client(platform, EP_B, tb);
        awaitSequenceDone(platform, EP_A, WAIT);
        awaitSequenceDone(platform, EP_B, WAIT);

        assertThat(platform.devices()).extracting(Device::endpoint).containsExactlyInAnyOrder(EP_A, EP_B);
        assertThat(a.devices()).extracting(Device::endpoint).containsExactly(EP_A);
        assertThat(b.devices()).extracting(Device::endpoint).containsExactly(EP_B);
        assertThat(a.deviceByImei(IMEI_B)).as("B seen through A's view").isEmpty();
        assertThat(a.device(EP_B)).isEmpty();
        assertThat(a.deviceByImei(IMEI_A)).map(Device::endpoint).contains(EP_A);
        assertThat(a.events()).isNotEmpty().allMatch(e -> e.endpoint().equals(EP_A));
        // a view whose device's IMEI is not known yet (a real module not opened) shows nothing
        DeviceScope unknown = new DeviceScope(platform, java.util.Optional::empty);
        assertThat(unknown.devices()).isEmpty();
        assertThat(unknown.events()).isEmpty();
        assertThat(unknown.read(EP_A, NodePath.resource(3303, 0, 5700), DEADLINE))
                .isInstanceOf(PlatformResult.InvalidRequest.class);
        assertThat(b.events()).isNotEmpty().allMatch(e -> e.endpoint().equals(EP_B));

        // both observe the same path; each device's notifications stay in its own view
        assertThat(a.observe(EP_A, NodePath.resource(3303, 0, 5700), DEADLINE).isSuccess()).isTrue();
        assertThat(b.observe(EP_B, NodePath.resource(3303, 0, 5700), DEADLINE).isSuccess()).isTrue();
        ta.set(21.0);
        tb.set(31.0);
        tb.set(32.0);
        NodePath value = NodePath.resource(3303, 0, 5700);
        await("notifications of both devices").atMost(WAIT).untilAsserted(() -> assertThat(platform.notifications())
                .filteredOn(n -> n.path().equals(value)).hasSizeGreaterThanOrEqualTo(3));
        // (the OneNET-like observe of /3303/0 after the registration notifies as well)
        assertThat(a.notifications()).isNotEmpty().allMatch(n -> n.endpoint().equals(EP_A));
        assertThat(b.notifications()).isNotEmpty().allMatch(n -> n.endpoint().equals(EP_B));
        assertThat(a.notifications()).filteredOn(n -> n.path().equals(value)).hasSize(1);
        assertThat(b.notifications()).filteredOn(n -> n.path().equals(value)).hasSize(2);
        assertThat(a.notifications(EP_A, value)).hasSize(1);
        assertThat(a.notifications(EP_B, value)).isEmpty();

        // a request to the other device is refused by the view, never sent
        int sentToB = (int) platform.requestLog().stream().filter(r -> r.endpoint().equals(EP_B)).count();
        PlatformResult refused = a.read(EP_B, NodePath.resource(3303, 0, 5700), DEADLINE);
        assertThat(refused).isInstanceOf(PlatformResult.InvalidRequest.class);
        assertThat(((PlatformResult.InvalidRequest) refused).reason()).contains(EP_B).contains(IMEI_A);
        assertThat(platform.requestLog().stream().filter(r -> r.endpoint().equals(EP_B)).count()).isEqualTo(sentToB);
        assertThat(a.read(EP_A, NodePath.resource(3303, 0, 5700), DEADLINE).isSuccess()).isTrue();
        assertThat(a.requestLog()).isNotEmpty().allMatch(r -> r.endpoint().equals(EP_A));
        assertThat(a.observations(EP_B)).isEmpty();
        assertThat(a.knownResources(EP_B)).isEmpty();

        // A's listener heard of A's device only (and heard of it: the filter is not a wall)
        await("A's listener").atMost(WAIT).untilAsserted(() -> assertThat(heardByA).anyMatch(
                x -> x instanceof Notification n && n.endpoint().equals(EP_A)));
        assertThat(heardByA).allSatisfy(x -> assertThat(endpointOf(x)).isEqualTo(EP_A));

        // closing a view leaves the platform running for the other device
        a.close();
        assertThat(b.read(EP_B, NodePath.resource(3303, 0, 5700), DEADLINE).isSuccess()).isTrue();
    }

    private static String endpointOf(Object x) {
        if (x instanceof DeviceEvent e) {
            return e.endpoint();
        }
        if (x instanceof Notification n) {
            return n.endpoint();
        }
        return ((RequestLogEntry) x).endpoint();
    }

    @Test
    void oneDeviceDeregisteringLeavesTheOtherRegisteredAndItsViewQuiet() {
        DeviceScope b = DeviceScope.of(platform, IMEI_B);
        TestClient ca = client(platform, EP_A, new Enablers.Temperature(0, 20.0));
        client(platform, EP_B, new Enablers.Temperature(0, 30.0));
        awaitSequenceDone(platform, EP_A, WAIT);
        awaitSequenceDone(platform, EP_B, WAIT);
        ca.stop(true);
        await("A's deregistration").atMost(WAIT).untilAsserted(() -> assertThat(platform.events())
                .anyMatch(e -> e instanceof DeviceEvent.Deregistered d && d.endpoint().equals(EP_A)));

        assertThat(b.events()).noneMatch(e -> e instanceof DeviceEvent.Deregistered);
        assertThat(b.devices()).extracting(Device::endpoint).containsExactly(EP_B);
        assertThat(DeviceScope.of(platform, IMEI_A).devices()).isEmpty();
    }

    @Test
    void aDeviceThatLeavesThePlatformsRequestsUnansweredDelaysNoOtherDevice() throws Exception {
        // four devices whose every read blocks: the platform's observes after their registrations stay unanswered
        LeshanPlatform slow = closing(LeshanPlatform.builder().models(TestModels.all())
                .requestTimeout(Duration.ofSeconds(40)).start());
        CountDownLatch stuck = new CountDownLatch(4);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 4; i++) {
            client(slow, "86697105000000" + i + ";46004000000000" + i, new Stuck(stuck, release));
        }
        toClose.add(release::countDown); // closed before the clients: their reads end
        assertThat(stuck.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the 4 devices' reads under way").isTrue();

        // a fifth device still gets its whole sequence (each device's sequence on a thread of its own)
        client(slow, EP_A, new Enablers.Temperature(0, 20.0));
        awaitSequenceDone(slow, EP_A, WAIT);
        assertThat(release.getCount()).as("the stuck devices are still stuck").isEqualTo(1);
    }

    @Test
    void aPackageOfferedToOneDeviceIsServedAndLoggedForThatDeviceOnly() throws Exception {
        Path pkg = dir.resolve("delta.bin");
        Files.write(pkg, new byte[300]); // one block
        PackageServer ps = closing(PackageServer.builder().directory(dir).blockSize(512).start());
        URI forA = ps.offer(pkg, IMEI_A);
        assertThat(forA.getPath()).isEqualTo("/fota/" + IMEI_A + "/delta.bin");
        assertThat(get(forA).getCode()).isEqualTo(ResponseCode.CONTENT);
        // another device's path to the same file is not served: it was not offered to it
        assertThat(get(ps.uri(IMEI_B, "delta.bin")).getCode()).isEqualTo(ResponseCode.NOT_FOUND);
        await("the transfer log").atMost(WAIT).untilAsserted(() -> assertThat(ps.transfers())
                .anyMatch(t -> t.owner().equals(IMEI_A) && t.status() == PackageTransfer.Status.COMPLETE));
        assertThat(ps.transfers()).filteredOn(t -> t.status() == PackageTransfer.Status.COMPLETE)
                .allSatisfy(t -> {
                    assertThat(t.isOf(IMEI_A, "delta.bin")).isTrue();
                    assertThat(t.isOf(IMEI_B, "delta.bin")).isFalse();
                    assertThat(t.isOf("", "delta.bin")).isFalse();
                });
        assertThat(ps.transfers()).filteredOn(t -> t.status() == PackageTransfer.Status.NOT_FOUND)
                .singleElement().satisfies(t -> assertThat(t.owner()).isEqualTo(IMEI_B));
    }

    private static CoapResponse get(URI uri) throws Exception {
        CoapClient c = new CoapClient(uri);
        c.setTimeout(10_000L);
        try {
            CoapResponse r = c.get();
            assertThat(r).as("answer to GET " + uri).isNotNull();
            return r;
        } finally {
            c.shutdown();
        }
    }

    /** An IPSO 3303 instance whose reads wait until released, like an MCU that never answers the platform. */
    static final class Stuck extends BaseInstanceEnabler {
        private final CountDownLatch entered;
        private final CountDownLatch release;

        Stuck(CountDownLatch entered, CountDownLatch release) {
            super(0);
            this.entered = entered;
            this.release = release;
        }

        @Override
        public ReadResponse read(LwM2mServer server, int resourceId) {
            entered.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ReadResponse.success(resourceId, 21.5);
        }

        @Override
        public List<Integer> getAvailableResourceIds(ObjectModel model) {
            return List.of(5700);
        }
    }
}
