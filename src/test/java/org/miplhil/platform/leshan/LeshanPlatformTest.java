package org.miplhil.platform.leshan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.Enablers;
import org.miplhil.platform.TestClient;
import org.miplhil.platform.TestModels;
import org.miplhil.platform.CoapCode;
import org.miplhil.platform.Device;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.DiscoveredLink;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Notification;
import org.miplhil.platform.NotificationAttributes;
import org.miplhil.platform.ObservationInfo;
import org.miplhil.platform.PlatformListener;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.RequestLogEntry;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.ResourceType;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.ResourceWrite;
import org.miplhil.platform.WriteMode;

/** The platform against a real Leshan client over real UDP on loopback. */
class LeshanPlatformTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration DEADLINE = Duration.ofSeconds(5);
    static final String IMEI = "866971030000001";
    static final String ENDPOINT = IMEI + ";460041234567891";

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

    private TestClient client(String endpoint, Enablers.Temperature temperature) {
        return closing(TestClient.named(endpoint).server(platform.coapUri())
                .object(3303, temperature).object(3311, Enablers.lightControl(0))
                .object(TestModels.TYPES, new Enablers.Typed(0)).start());
    }

    private Device awaitRegistered(String endpoint) {
        // the registration is stored before its event fires (Leshan fires it once the answer is sent)
        await("registration event of " + endpoint).atMost(WAIT).untilAsserted(() ->
                assertThat(platform.events()).as("events").anyMatch(e -> e instanceof DeviceEvent.Registered r
                        && r.endpoint().equals(endpoint) && platform.device(endpoint).map(Device::registrationId)
                        .equals(Optional.of(r.device().registrationId()))));
        return platform.device(endpoint).orElseThrow();
    }

    private void awaitOneNetSequenceDone(String endpoint) {
        // the last request of the sequence is the read of /3/0 (OneNET: once the subscriptions are done)
        await("OneNET-like observe+discover+read of " + endpoint).atMost(WAIT).untilAsserted(() ->
                assertThat(platform.requestLog()).as("request log")
                        .anyMatch(e -> e.uri().equals("/3/0") && e.method().equals("GET")
                                && !e.outcome().isEmpty()));
    }

    @Test
    void startsOnEphemeralPortsAndExposesThem() {
        assertThat(platform.coapPort()).isPositive();
        assertThat(platform.bootstrapPort()).isPositive().isNotEqualTo(platform.coapPort());
        assertThat(platform.coapUri()).isEqualTo("coap://127.0.0.1:" + platform.coapPort());
        assertThat(platform.bootstrapUri()).contains("coap://127.0.0.1:" + platform.bootstrapPort());
        assertThat(platform.coapAddress().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void registrationWithoutBootstrapIsAnEventWithTimestampsAndADeviceNamedByImei() {
        List<DeviceEvent> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        platform.addListener(new PlatformListener() {
            @Override
            public void onEvent(DeviceEvent event) {
                heard.add(event);
            }
        });
        Instant before = Instant.now();
        long nanosBefore = System.nanoTime();
        client(ENDPOINT, new Enablers.Temperature(0, 20.0));
        Device device = awaitRegistered(ENDPOINT);
        // the event is stored before listeners hear it: wait for the listener's copy too
        await("listener's copy of the events").atMost(WAIT).untilAsserted(() ->
                assertThat(heard).as("events heard by the listener").isEqualTo(platform.events()));

        assertThat(device.imei()).isEqualTo(IMEI);
        assertThat(device.imsi()).isEqualTo("460041234567891");
        assertThat(device.objectInstances()).contains(NodePath.instance(3303, 0), NodePath.instance(3311, 0),
                NodePath.instance(TestModels.TYPES, 0), NodePath.instance(3, 0));
        assertThat(device.lifetimeSeconds()).isEqualTo(300);
        assertThat(device.address()).startsWith("127.0.0.1:");
        assertThat(platform.deviceByImei(IMEI)).contains(device);
        assertThat(platform.deviceByImei("866971030000009")).isEmpty();
        assertThat(platform.devices()).containsExactly(device);

        DeviceEvent.Registered registered = (DeviceEvent.Registered) platform.events().stream()
                .filter(e -> e instanceof DeviceEvent.Registered).findFirst().orElseThrow();
        assertThat(registered.endpoint()).isEqualTo(ENDPOINT);
        assertThat(registered.at()).isAfterOrEqualTo(before).isBeforeOrEqualTo(Instant.now());
        assertThat(registered.nanoTime()).isGreaterThanOrEqualTo(nanosBefore);
        assertThat(registered.replacedRegistrationId()).isNull();
        assertThat(platform.events()).noneMatch(e -> e instanceof DeviceEvent.BootstrapFinished);
    }

    @Test
    void registrationThroughTheBootstrapServerEndsRegisteredOnTheEmbeddedServer() {
        TestClient c = closing(TestClient.named(ENDPOINT).bootstrap(platform.bootstrapUri().orElseThrow())
                .object(3303, new Enablers.Temperature(0, 20.0)).start());
        Device device = awaitRegistered(ENDPOINT);

        assertThat(device.objectInstances()).contains(NodePath.instance(3303, 0));
        assertThat(device.lifetimeSeconds()).isEqualTo(86400); // what the bootstrap server wrote into /1/0/1
        // The bootstrap server hears the answer to Bootstrap-Finish on its own threads, the LwM2M server the
        // registration on others, and the client hears the answer to its registration later still: under load
        // any of them can come last, so wait for each.
        await("end of the bootstrap session, its Bootstrap-Finish answered, the client registered").atMost(WAIT)
                .untilAsserted(() -> {
                    assertThat(platform.events()).as("events")
                            .anyMatch(e -> e instanceof DeviceEvent.BootstrapFinished);
                    assertThat(platform.requestLog()).as("request log").anyMatch(e -> e.server().equals("bootstrap")
                            && e.method().equals("POST") && e.uri().equals("/bs") && !e.outcome().isEmpty());
                    assertThat(c.clientEvents).as("client events").contains("registered");
                });
        List<DeviceEvent> events = platform.events();
        DeviceEvent.BootstrapFinished finished =
                (DeviceEvent.BootstrapFinished) events.get(indexOf(events, DeviceEvent.BootstrapFinished.class));
        DeviceEvent.Registered registered =
                (DeviceEvent.Registered) events.get(indexOf(events, DeviceEvent.Registered.class));
        assertThat(finished.success()).as("bootstrap outcome %s", finished).isTrue();
        assertThat(finished.endpoint()).isEqualTo(ENDPOINT);
        assertThat(c.clientEvents).containsSubsequence("bootstrap-success", "registered");
        // the bootstrap server's own requests are in the log, named by endpoint
        assertThat(platform.requestLog()).anyMatch(e -> e.server().equals("bootstrap")
                && e.endpoint().equals(ENDPOINT) && e.method().equals("PUT") && e.uri().equals("/0/1")
                && e.outcome().startsWith("2.04"));
        // cause and effect: the client registers only once Bootstrap-Finish reached it
        RequestLogEntry finish = platform.requestLog().stream().filter(e -> e.server().equals("bootstrap")
                && e.method().equals("POST") && e.uri().equals("/bs")).findFirst().orElseThrow();
        assertThat(finish.outcome()).startsWith("2.04");
        assertThat(finish.sentAt()).as("Bootstrap-Finish sent, before %s", registered)
                .isBeforeOrEqualTo(registered.at());
    }

    private static int indexOf(List<DeviceEvent> events, Class<?> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void updateAndDeregistrationAreEventsInOrder() {
        TestClient c = client(ENDPOINT, new Enablers.Temperature(0, 20.0));
        Device registered = awaitRegistered(ENDPOINT);

        c.update();
        await("registration update").atMost(WAIT).untilAsserted(() ->
                assertThat(platform.events()).as("events").anyMatch(e -> e instanceof DeviceEvent.Updated));
        c.stop(true);
        await("deregistration").atMost(WAIT).untilAsserted(() ->
                assertThat(platform.events()).as("events").anyMatch(e -> e instanceof DeviceEvent.Deregistered));

        List<DeviceEvent> events = platform.events();
        DeviceEvent.Updated updated = (DeviceEvent.Updated) events.get(indexOf(events, DeviceEvent.Updated.class));
        DeviceEvent.Deregistered gone =
                (DeviceEvent.Deregistered) events.get(indexOf(events, DeviceEvent.Deregistered.class));
        assertThat(indexOf(events, DeviceEvent.Registered.class)).isLessThan(indexOf(events, DeviceEvent.Updated.class));
        assertThat(updated.device().registrationId()).isEqualTo(registered.registrationId());
        assertThat(updated.nanoTime()).isLessThanOrEqualTo(gone.nanoTime());
        assertThat(gone.registrationId()).isEqualTo(registered.registrationId());
        assertThat(gone.expired()).isFalse();
        assertThat(gone.replaced()).isFalse();
        assertThat(platform.device(ENDPOINT)).isEmpty();
        assertThat(platform.read(ENDPOINT, NodePath.resource(3303, 0, 5700), DEADLINE))
                .isInstanceOf(PlatformResult.DeviceOffline.class);
    }

    @Test
    void aRegistrationWhoseLifetimeRunsOutIsAnExpiredDeregistration() {
        TestClient c = closing(TestClient.named(ENDPOINT).server(platform.coapUri()).lifetime(Duration.ofSeconds(2))
                .object(3303, new Enablers.Temperature(0, 20.0)).start());
        Device device = awaitRegistered(ENDPOINT);
        assertThat(device.lifetimeSeconds()).isEqualTo(2);
        c.stop(false); // silent: no deregistration, no more updates
        await("expiry of the registration").atMost(WAIT).untilAsserted(() ->
                assertThat(platform.events()).as("events").anyMatch(e -> e instanceof DeviceEvent.Deregistered d
                        && d.expired() && d.registrationId().equals(device.registrationId())));
        assertThat(platform.device(ENDPOINT)).isEmpty();
    }

    @Test
    void oneNetLikeBehaviourObservesEachApplicationInstanceThenDiscoversEachObjectThenReadsTheDevice() {
        client(ENDPOINT, new Enablers.Temperature(0, 20.0));
        awaitRegistered(ENDPOINT);
        awaitOneNetSequenceDone(ENDPOINT);

        List<String> lwm2m = platform.requestLog().stream().filter(e -> e.server().equals("lwm2m"))
                .map(e -> e.method() + " " + e.uri()).toList();
        assertThat(lwm2m).containsExactly(
                "GET+observe /3303/0", "GET+observe /3311/0", "GET+observe /" + TestModels.TYPES + "/0",
                "GET /3303", "GET /3311", "GET /" + TestModels.TYPES, "GET /3/0");
        assertThat(platform.requestLog()).allMatch(e -> e.outcome().startsWith("2.05"));
        assertThat(platform.observations(ENDPOINT)).extracting(ObservationInfo::path).containsExactly(
                NodePath.instance(3303, 0), NodePath.instance(3311, 0), NodePath.instance(TestModels.TYPES, 0));
        // the discovers fed what the platform knows of the device's resources
        assertThat(platform.knownResources(ENDPOINT)).contains(NodePath.resource(3311, 0, 5850),
                NodePath.resource(3311, 0, 5805), NodePath.resource(3303, 0, 5700));
    }

    @Test
    void oneNetLikeBehaviourSwitchedOffSendsNothingByItself() {
        LeshanPlatform quiet = closing(LeshanPlatform.builder().oneNetBehaviour(false).models(TestModels.all())
                .start());
        assertThat(quiet.oneNetBehaviour()).isFalse();
        closing(TestClient.named(ENDPOINT).server(quiet.coapUri()).object(3303, new Enablers.Temperature(0, 20.0))
                .start());
        await("registration").atMost(WAIT).until(() -> quiet.device(ENDPOINT).isPresent());
        await("no request for a while after registration").during(Duration.ofMillis(800)).atMost(WAIT)
                .until(() -> quiet.requestLog().isEmpty());
        assertThat(quiet.observations(ENDPOINT)).isEmpty();
    }

    @Test
    void readsResourceInstanceAndObjectWithTheirTypes() {
        client(ENDPOINT, new Enablers.Temperature(0, 21.5));
        awaitRegistered(ENDPOINT);

        PlatformResult r = platform.read(ENDPOINT, NodePath.resource(3303, 0, 5700), DEADLINE);
        assertThat(r.isSuccess()).as(r.describe()).isTrue();
        PlatformResult.Answered a = (PlatformResult.Answered) r;
        assertThat(a.code()).isEqualTo(CoapCode.CONTENT);
        assertThat(a.values()).containsExactly(
                new ResourceData(NodePath.resource(3303, 0, 5700), new ResourceValue.FloatValue(21.5)));
        assertThat(a.elapsed()).isPositive().isLessThan(DEADLINE);

        PlatformResult.Answered typed = answered(platform.read(ENDPOINT, NodePath.instance(TestModels.TYPES, 0),
                DEADLINE));
        assertThat(typed.values()).extracting(ResourceData::value).containsExactlyInAnyOrder(
                new ResourceValue.StringValue("hello"), new ResourceValue.IntegerValue(-42),
                new ResourceValue.UnsignedValue(java.math.BigInteger.valueOf(7)), new ResourceValue.FloatValue(1.5),
                new ResourceValue.BooleanValue(true), new ResourceValue.OpaqueValue(new byte[] {1, (byte) 0xAB}),
                new ResourceValue.TimeValue(Instant.ofEpochSecond(1_700_000_000L)),
                new ResourceValue.ObjLinkValue(3303, 0));
        assertThat(typed.values()).extracting(d -> d.value().type()).contains(ResourceType.STRING,
                ResourceType.INTEGER, ResourceType.UNSIGNED_INTEGER, ResourceType.FLOAT, ResourceType.BOOLEAN,
                ResourceType.OPAQUE, ResourceType.TIME, ResourceType.OBJLNK);

        PlatformResult.Answered object = answered(platform.read(ENDPOINT, NodePath.object(3311), DEADLINE));
        assertThat(object.values()).extracting(ResourceData::path).contains(NodePath.resource(3311, 0, 5850),
                NodePath.resource(3311, 0, 5851), NodePath.resource(3311, 0, 5706), NodePath.resource(3311, 0, 5805));
        assertThat(object.values()).contains(
                new ResourceData(NodePath.resource(3311, 0, 5706), new ResourceValue.StringValue("white")));

        PlatformResult missing = platform.read(ENDPOINT, NodePath.resource(3303, 0, 5603), DEADLINE);
        assertThat(answered(missing).code()).isEqualTo(CoapCode.NOT_FOUND);
        assertThat(missing.isSuccess()).isFalse();
    }

    private static PlatformResult.Answered answered(PlatformResult r) {
        assertThat(r).as(r.describe()).isInstanceOf(PlatformResult.Answered.class);
        return (PlatformResult.Answered) r;
    }

    @Test
    void writesEveryValueTypeReplaceAndPartialUpdate() {
        client(ENDPOINT, new Enablers.Temperature(0, 20.0));
        awaitRegistered(ENDPOINT);
        NodePath typed = NodePath.instance(TestModels.TYPES, 0);

        List<ResourceWrite> writes = List.of(
                new ResourceWrite(TestModels.STRING, ResourceValue.of("world")),
                new ResourceWrite(TestModels.INTEGER, ResourceValue.of(1234567890123L)),
                new ResourceWrite(TestModels.UNSIGNED,
                        new ResourceValue.UnsignedValue(new java.math.BigInteger("18446744073709551615"))),
                new ResourceWrite(TestModels.FLOAT, ResourceValue.of(-0.25)),
                new ResourceWrite(TestModels.BOOLEAN, ResourceValue.of(false)),
                new ResourceWrite(TestModels.OPAQUE, ResourceValue.of(new byte[] {(byte) 0xDE, (byte) 0xAD})),
                new ResourceWrite(TestModels.TIME, new ResourceValue.TimeValue(Instant.ofEpochSecond(1_000_000L))),
                new ResourceWrite(TestModels.OBJLNK, new ResourceValue.ObjLinkValue(3311, 0)));
        PlatformResult w = platform.write(ENDPOINT, typed, WriteMode.PARTIAL_UPDATE, writes, DEADLINE);
        assertThat(answered(w).code()).isEqualTo(CoapCode.CHANGED);

        PlatformResult.Answered back = answered(platform.read(ENDPOINT, typed, DEADLINE));
        for (ResourceWrite rw : writes) {
            assertThat(back.values()).contains(
                    new ResourceData(NodePath.resource(TestModels.TYPES, 0, rw.resId()), rw.value()));
        }

        // replace of one resource
        PlatformResult one = platform.write(ENDPOINT, NodePath.resource(3311, 0, 5706), WriteMode.REPLACE,
                List.of(new ResourceWrite(5706, ResourceValue.of("hello"))), DEADLINE);
        assertThat(answered(one).code()).isEqualTo(CoapCode.CHANGED);
        assertThat(answered(platform.read(ENDPOINT, NodePath.resource(3311, 0, 5706), DEADLINE)).singleValue())
                .contains(ResourceValue.of("hello"));

        // replace of the instance: what is not written is gone
        PlatformResult replace = platform.write(ENDPOINT, NodePath.instance(3311, 0), WriteMode.REPLACE,
                List.of(new ResourceWrite(5850, ResourceValue.of(false)), new ResourceWrite(5851, ResourceValue.of(7))),
                DEADLINE);
        assertThat(answered(replace).code()).isEqualTo(CoapCode.CHANGED);
        PlatformResult.Answered after = answered(platform.read(ENDPOINT, NodePath.instance(3311, 0), DEADLINE));
        assertThat(after.values()).contains(
                new ResourceData(NodePath.resource(3311, 0, 5850), ResourceValue.of(false)),
                new ResourceData(NodePath.resource(3311, 0, 5851), ResourceValue.of(7)));
        assertThat(after.values()).extracting(ResourceData::path).doesNotContain(NodePath.resource(3311, 0, 5706));
    }

    @Test
    void invalidWritesAreNotSent() {
        client(ENDPOINT, new Enablers.Temperature(0, 20.0));
        awaitRegistered(ENDPOINT);
        int logged = platform.requestLog().size();

        assertThat(platform.write(ENDPOINT, NodePath.object(3311), WriteMode.REPLACE,
                List.of(new ResourceWrite(5850, ResourceValue.of(true))), DEADLINE))
                .isInstanceOf(PlatformResult.InvalidRequest.class);
        assertThat(platform.write(ENDPOINT, NodePath.resource(3311, 0, 5850), WriteMode.REPLACE,
                List.of(new ResourceWrite(5851, ResourceValue.of(true))), DEADLINE))
                .isInstanceOf(PlatformResult.InvalidRequest.class);
        assertThat(platform.write(ENDPOINT, NodePath.instance(3311, 0), WriteMode.REPLACE, List.of(), DEADLINE))
                .isInstanceOf(PlatformResult.InvalidRequest.class);
        // the model says 5850 is boolean: a string cannot be encoded for it
        assertThat(platform.write(ENDPOINT, NodePath.instance(3311, 0), WriteMode.PARTIAL_UPDATE,
                List.of(new ResourceWrite(5850, ResourceValue.of("yes"))), DEADLINE))
                .isInstanceOf(PlatformResult.InvalidRequest.class);
        assertThat(platform.requestLog().stream().skip(logged)).noneMatch(e -> e.method().equals("PUT")
                || e.method().equals("POST"));
    }

    @Test
    void executeSendsTheArgumentsRaw() {
        Enablers.Temperature temperature = new Enablers.Temperature(0, 20.0);
        client(ENDPOINT, temperature);
        awaitRegistered(ENDPOINT);

        PlatformResult r = platform.execute(ENDPOINT, NodePath.resource(3303, 0, 5605), "0='reset'", DEADLINE);
        assertThat(answered(r).code()).isEqualTo(CoapCode.CHANGED);
        assertThat(temperature.executed).hasSize(1);
        assertThat(temperature.executed.get(0)).contains("reset");
        assertThat(platform.requestLog()).anyMatch(e -> e.method().equals("POST") && e.uri().equals("/3303/0/5605")
                && e.requestPayload().equals("0='reset'") && e.outcome().startsWith("2.04"));

        PlatformResult noArgs = platform.execute(ENDPOINT, NodePath.resource(3303, 0, 5605), "", DEADLINE);
        assertThat(answered(noArgs).code()).isEqualTo(CoapCode.CHANGED);

        // the note's free-text arguments (7.5: "reset") reach the device as is; Leshan's client refuses them
        // because it parses LwM2M 1.1 argument syntax
        PlatformResult raw = platform.execute(ENDPOINT, NodePath.resource(3303, 0, 5605), "reset", DEADLINE);
        assertThat(answered(raw).code()).isEqualTo(CoapCode.BAD_REQUEST);
        assertThat(platform.requestLog()).anyMatch(e -> e.requestPayload().equals("reset"));

        assertThat(platform.execute(ENDPOINT, NodePath.instance(3303, 0), "", DEADLINE))
                .isInstanceOf(PlatformResult.InvalidRequest.class);
        PlatformResult notExecutable = platform.execute(ENDPOINT, NodePath.resource(3303, 0, 5700), "", DEADLINE);
        assertThat(answered(notExecutable).code().isSuccess()).isFalse();
    }

    @Test
    void discoversObjectInstanceAndResource() {
        client(ENDPOINT, new Enablers.Temperature(0, 20.0));
        awaitRegistered(ENDPOINT);

        PlatformResult.Answered object = answered(platform.discover(ENDPOINT, NodePath.object(3311), DEADLINE));
        assertThat(object.code()).isEqualTo(CoapCode.CONTENT);
        assertThat(object.links()).extracting(DiscoveredLink::path).containsExactly(NodePath.object(3311),
                NodePath.instance(3311, 0), NodePath.resource(3311, 0, 5850), NodePath.resource(3311, 0, 5851),
                NodePath.resource(3311, 0, 5706), NodePath.resource(3311, 0, 5805));

        PlatformResult.Answered instance = answered(platform.discover(ENDPOINT, NodePath.instance(3303, 0), DEADLINE));
        assertThat(instance.links()).extracting(DiscoveredLink::path).contains(NodePath.resource(3303, 0, 5700),
                NodePath.resource(3303, 0, 5605));

        PlatformResult.Answered resource =
                answered(platform.discover(ENDPOINT, NodePath.resource(3303, 0, 5700), DEADLINE));
        assertThat(resource.links()).extracting(DiscoveredLink::path).containsExactly(
                NodePath.resource(3303, 0, 5700));

        assertThat(answered(platform.discover(ENDPOINT, NodePath.object(3304), DEADLINE)).code())
                .isEqualTo(CoapCode.NOT_FOUND);
    }

    @Test
    void observeDeliversNotificationsUntilCancelled() {
        Enablers.Temperature temperature = new Enablers.Temperature(0, 20.0);
        client(ENDPOINT, temperature);
        awaitRegistered(ENDPOINT);
        awaitOneNetSequenceDone(ENDPOINT);
        NodePath value = NodePath.resource(3303, 0, 5700);

        PlatformResult.Answered observed = answered(platform.observe(ENDPOINT, value, DEADLINE));
        assertThat(observed.code()).isEqualTo(CoapCode.CONTENT);
        assertThat(observed.singleValue()).contains(new ResourceValue.FloatValue(20.0));
        String id = observed.observationId().orElseThrow();
        assertThat(platform.observations(ENDPOINT)).extracting(ObservationInfo::path).contains(value);

        Instant before = Instant.now();
        temperature.set(25.5);
        await("notification of 25.5 for " + value).atMost(WAIT).untilAsserted(() ->
                assertThat(platform.notifications(id)).as("notifications").extracting(Notification::values)
                        .contains(List.of(new ResourceData(value, new ResourceValue.FloatValue(25.5)))));
        Notification n = platform.notifications(id).get(0);
        assertThat(n.endpoint()).isEqualTo(ENDPOINT);
        assertThat(n.path()).isEqualTo(value);
        assertThat(n.code()).isEqualTo(CoapCode.CONTENT);
        assertThat(n.receivedAt()).isAfterOrEqualTo(before);
        assertThat(platform.notifications(ENDPOINT, value)).contains(n);

        // the instance observation made after registration notifies too
        assertThat(platform.notifications(ENDPOINT, NodePath.instance(3303, 0))).isNotEmpty();

        PlatformResult cancel = platform.cancelObservation(ENDPOINT, value, DEADLINE);
        assertThat(answered(cancel).code()).isEqualTo(CoapCode.CONTENT);
        assertThat(platform.observations(ENDPOINT)).extracting(ObservationInfo::path).doesNotContain(value);
        assertThat(platform.requestLog()).anyMatch(e -> e.method().equals("GET+cancel") && e.uri().equals("/3303/0/5700"));
        int count = platform.notifications(id).size();
        temperature.set(30.0);
        await("the instance observation still notifies").atMost(WAIT).untilAsserted(() ->
                assertThat(platform.notifications(ENDPOINT, NodePath.instance(3303, 0))).as("instance notifications")
                        .anyMatch(x -> x.values().contains(new ResourceData(value, new ResourceValue.FloatValue(30.0)))));
        assertThat(platform.notifications(id)).hasSize(count);

        assertThat(platform.cancelObservation(ENDPOINT, value, DEADLINE))
                .isInstanceOf(PlatformResult.InvalidRequest.class);
    }

    @Test
    void observingAnObjectNotifiesEveryValueTypeAndCancels() {
        client(ENDPOINT, new Enablers.Temperature(0, 20.0));
        awaitRegistered(ENDPOINT);
        awaitOneNetSequenceDone(ENDPOINT);
        NodePath object = NodePath.object(TestModels.TYPES);

        PlatformResult.Answered observed = answered(platform.observe(ENDPOINT, object, DEADLINE));
        String id = observed.observationId().orElseThrow();
        assertThat(observed.values()).hasSize(8);

        List<ResourceWrite> writes = List.of(new ResourceWrite(TestModels.STRING, ResourceValue.of("n")),
                new ResourceWrite(TestModels.INTEGER, ResourceValue.of(5L)),
                new ResourceWrite(TestModels.FLOAT, ResourceValue.of(2.25)),
                new ResourceWrite(TestModels.BOOLEAN, ResourceValue.of(false)),
                new ResourceWrite(TestModels.OPAQUE, ResourceValue.of(new byte[] {9})),
                new ResourceWrite(TestModels.TIME, new ResourceValue.TimeValue(Instant.ofEpochSecond(86400))));
        assertThat(platform.write(ENDPOINT, NodePath.instance(TestModels.TYPES, 0), WriteMode.PARTIAL_UPDATE, writes,
                DEADLINE).isSuccess()).isTrue();
        await("a notification of the object carrying the written values").atMost(WAIT).untilAsserted(() ->
                assertThat(platform.notifications(id)).as("notifications of %s", object).anySatisfy(n -> {
                    assertThat(n.path()).isEqualTo(object);
                    for (ResourceWrite w : writes) {
                        assertThat(n.values()).contains(
                                new ResourceData(NodePath.resource(TestModels.TYPES, 0, w.resId()), w.value()));
                    }
                }));

        assertThat(platform.cancelObservation(ENDPOINT, object, DEADLINE).isSuccess()).isTrue();
        assertThat(platform.observations(ENDPOINT)).extracting(ObservationInfo::path).doesNotContain(object);
    }

    @Test
    void writeAttributesAndObserveWithAttributes() {
        Enablers.Temperature temperature = new Enablers.Temperature(0, 20.0);
        client(ENDPOINT, temperature);
        awaitRegistered(ENDPOINT);
        NodePath value = NodePath.resource(3303, 0, 5700);

        NotificationAttributes attrs = NotificationAttributes.NONE.withPmin(1).withPmax(190).withGt(100.0)
                .withLt(1.0).withSt(0.2);
        assertThat(attrs.toString()).isEqualTo("pmin=1;pmax=190;gt=100.0;lt=1.0;st=0.2");
        PlatformResult w = platform.writeAttributes(ENDPOINT, value, attrs, DEADLINE);
        assertThat(answered(w).code()).isEqualTo(CoapCode.CHANGED);
        assertThat(platform.requestLog()).anyMatch(e -> e.method().equals("PUT")
                && e.uri().startsWith("/3303/0/5700?") && e.uri().contains("pmin=1") && e.uri().contains("pmax=190")
                && e.uri().contains("gt=100") && e.uri().contains("lt=1") && e.uri().contains("st=0.2"));

        // the client reports them in a discover
        PlatformResult.Answered d = answered(platform.discover(ENDPOINT, value, DEADLINE));
        assertThat(d.links().get(0).attributes()).containsEntry("pmin", "1").containsEntry("pmax", "190");

        PlatformResult o = platform.observe(ENDPOINT, NodePath.resource(3303, 0, 5601),
                NotificationAttributes.NONE.withPmin(0).withPmax(60), DEADLINE);
        assertThat(answered(o).observationId()).isPresent();
        assertThat(platform.requestLog()).anyMatch(e -> e.method().equals("PUT")
                && e.uri().equals("/3303/0/5601?pmin=0&pmax=60"));

        assertThat(platform.writeAttributes(ENDPOINT, value, NotificationAttributes.NONE, DEADLINE))
                .isInstanceOf(PlatformResult.InvalidRequest.class);
    }

    @Test
    void aDeviceThatNeverAnswersTimesOutAtTheDeadline() {
        Enablers.Blocking blocking = new Enablers.Blocking(0);
        String endpoint = "866971030000002;460041234567892";
        closing(TestClient.named(endpoint).server(platform.coapUri()).object(3303, blocking).build()).start();
        toClose.add(blocking::release); // closed in reverse order: released before the client stops
        awaitRegistered(endpoint);

        Duration deadline = Duration.ofMillis(700);
        PlatformResult r = platform.read(endpoint, NodePath.resource(3303, 0, 5700), deadline);
        assertThat(r).as(r.describe()).isInstanceOf(PlatformResult.TimedOut.class);
        PlatformResult.TimedOut t = (PlatformResult.TimedOut) r;
        assertThat(t.deadline()).isEqualTo(deadline);
        assertThat(t.elapsed()).isGreaterThanOrEqualTo(deadline).isLessThan(WAIT);
        await("log entry of the timed-out read").atMost(WAIT).untilAsserted(() ->
                assertThat(platform.requestLog()).as("request log").anyMatch(e -> e.uri().equals("/3303/0/5700")
                        && e.outcome().startsWith("timeout")));
    }

    @Test
    void requestLogRecordsMethodPathPayloadCodeAndDuration() {
        client(ENDPOINT, new Enablers.Temperature(0, 20.0));
        awaitRegistered(ENDPOINT);
        awaitOneNetSequenceDone(ENDPOINT);
        List<RequestLogEntry> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        platform.addListener(new PlatformListener() {
            @Override
            public void onRequest(RequestLogEntry entry) {
                seen.add(entry);
            }
        });

        platform.write(ENDPOINT, NodePath.resource(3311, 0, 5706), WriteMode.REPLACE,
                List.of(new ResourceWrite(5706, ResourceValue.of("blue"))), DEADLINE);
        RequestLogEntry e = platform.requestLog().get(platform.requestLog().size() - 1);
        assertThat(e.server()).isEqualTo("lwm2m");
        assertThat(e.endpoint()).isEqualTo(ENDPOINT);
        assertThat(e.peer()).startsWith("127.0.0.1:");
        assertThat(e.method()).isEqualTo("PUT");
        assertThat(e.uri()).isEqualTo("/3311/0/5706");
        assertThat(e.requestPayload()).startsWith("0x").contains("626C7565"); // TLV of "blue"
        assertThat(e.outcome()).isEqualTo("2.04 CHANGED");
        assertThat(e.duration()).isPositive().isLessThan(DEADLINE);
        assertThat(e.sentAt()).isBeforeOrEqualTo(Instant.now());
        assertThat(e.describe()).contains("PUT /3311/0/5706").contains("2.04 CHANGED");
        assertThat(seen).contains(e);
    }

    @Test
    void reRegistrationReplacesTheDeviceAndReportsBoth() {
        TestClient first = client(ENDPOINT, new Enablers.Temperature(0, 20.0));
        Device before = awaitRegistered(ENDPOINT);
        first.stop(false);
        client(ENDPOINT, new Enablers.Temperature(0, 20.0));
        await("second registration").atMost(WAIT).untilAsserted(() ->
                assertThat(platform.device(ENDPOINT).map(Device::registrationId)).as("registration id")
                        .isPresent().isNotEqualTo(Optional.of(before.registrationId())));
        // the store holds the new registration before Leshan reports it: wait for both events
        await("events of the replaced and the new registration").atMost(WAIT).untilAsserted(() -> {
            List<DeviceEvent> events = platform.events();
            assertThat(events).as("events").anyMatch(e -> e instanceof DeviceEvent.Deregistered d && d.replaced()
                    && d.registrationId().equals(before.registrationId()));
            assertThat(events).as("events").anyMatch(e -> e instanceof DeviceEvent.Registered r
                    && before.registrationId().equals(r.replacedRegistrationId())
                    && platform.device(ENDPOINT).map(Device::registrationId)
                            .equals(Optional.of(r.device().registrationId())));
        });
    }

    @Test
    void noCaliforniumPropertiesFileIsWritten() {
        java.nio.file.Path file = java.nio.file.Path.of("Californium3.properties");
        boolean existed = java.nio.file.Files.exists(file);
        client(ENDPOINT, new Enablers.Temperature(0, 20.0));
        awaitRegistered(ENDPOINT);
        if (!existed) {
            assertThat(file).doesNotExist();
        }
    }

    @Test
    void fixedPortsAreUsedAndABusyPortIsReported() throws Exception {
        int coap;
        int bs;
        try (java.net.DatagramSocket a = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress());
             java.net.DatagramSocket b = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            coap = a.getLocalPort();
            bs = b.getLocalPort();
        }
        LeshanPlatform fixed = closing(LeshanPlatform.builder().coapPort(coap).bootstrapPort(bs).start());
        assertThat(fixed.coapPort()).isEqualTo(coap);
        assertThat(fixed.bootstrapPort()).isEqualTo(bs);

        LeshanPlatformBuilder clash = LeshanPlatform.builder().coapPort(coap);
        org.assertj.core.api.Assertions.assertThatThrownBy(clash::start)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(Integer.toString(coap));
    }
}
