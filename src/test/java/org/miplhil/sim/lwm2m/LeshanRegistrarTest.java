package org.miplhil.sim.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.model.ResourceModel.Operations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.miplhil.at.EventId;
import org.miplhil.at.ValueType;
import org.miplhil.platform.CoapCode;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.DiscoveredLink;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.NotificationAttributes;
import org.miplhil.platform.leshan.ObjectModels;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.ResourceWrite;
import org.miplhil.platform.WriteMode;
import org.miplhil.sim.registrar.AccessConfig;
import org.miplhil.sim.registrar.Notification;
import org.miplhil.sim.registrar.ObjectSpec;
import org.miplhil.sim.registrar.OpenRequest;
import org.miplhil.sim.registrar.PlatformRequest;
import org.miplhil.sim.registrar.PlatformResponse;
import org.miplhil.sim.registrar.ResourceValue;

/**
 * The LwM2M side on its own, against the embedded platform over loopback UDP: what the registrar reports (the
 * module's URCs) and what the platform sees, for every operation of chapter 7.
 */
class LeshanRegistrarTest {

    static final String ENDPOINT = "866971050123456;460041234567890";
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(15);
    /** An object whose resources have one type each, known to the platform's model. */
    static final int TYPED = 26241;

    private final RecordingEvents events = new RecordingEvents();
    private final ExecutorService async = Executors.newCachedThreadPool();
    private LeshanPlatform platform;
    private LeshanRegistrar registrar;
    private CoapServer fakeServer;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (registrar != null) {
            registrar.shutdown();
        }
        if (platform != null) {
            platform.close();
        }
        if (fakeServer != null) {
            fakeServer.destroy();
        }
        async.shutdownNow();
        async.awaitTermination(5, TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------- registration

    @Test
    void registersDirectlyWithTheEndpointNameAndTheInstancesOfTheBitmap() {
        startPlatform(false, false);
        registrar = new LeshanRegistrar(settings().build());
        registrar.open(open(direct(), List.of(new ObjectSpec(3311, 4, "1101", 4, 2), new ObjectSpec(3303, 1, "1", 2, 1)),
                300, 10), events);

        events.awaitEvent(EventId.REG_SUCCESS, WAIT);
        assertThat(events.eventIds()).containsExactly(EventId.CONNECT_SUCCESS, EventId.REG_SUCCESS);
        var device = platform.device(ENDPOINT).orElseThrow();
        assertThat(device.imei()).isEqualTo("866971050123456");
        assertThat(device.imsi()).isEqualTo("460041234567890");
        assertThat(device.lifetimeSeconds()).isEqualTo(300);
        assertThat(device.lwm2mVersion()).isEqualTo("1.0");
        assertThat(device.objectInstances()).contains(NodePath.instance(3311, 0), NodePath.instance(3311, 1),
                NodePath.instance(3311, 3), NodePath.instance(3303, 0)).doesNotContain(NodePath.instance(3311, 2));
    }

    @Test
    void registersThroughTheBootstrapServer() {
        startPlatform(true, false);
        registrar = new LeshanRegistrar(settings().build());
        registrar.open(open(viaBootstrap(), List.of(new ObjectSpec(3311, 1, "1", 4, 2)), 300, 10), events);

        events.awaitEvent(EventId.REG_SUCCESS, WAIT);
        assertThat(events.eventIds()).containsExactly(EventId.BOOTSTRAP_START, EventId.BOOTSTRAP_SUCCESS,
                EventId.CONNECT_SUCCESS, EventId.REG_SUCCESS);
        // the bootstrap server hears the answer to Bootstrap-Finish on its own threads: it may be behind event 6
        await("end of the bootstrap session at the platform").atMost(WAIT).untilAsserted(() ->
                assertThat(platform.events()).as("events")
                        .hasAtLeastOneElementOfType(DeviceEvent.BootstrapFinished.class));
        var device = platform.device(ENDPOINT).orElseThrow();
        assertThat(device.lifetimeSeconds()).as("the lifetime of AT+MIPLOPEN, not the bootstrap server's")
                .isEqualTo(300);
        assertThat(device.objectInstances()).contains(NodePath.instance(3311, 0));
    }

    @Test
    void anUnreachableBootstrapServerEndsInBootstrapFailedWithinTheTimeout() throws SocketException {
        registrar = new LeshanRegistrar(settings().build());
        int port = closedPort();
        long t0 = System.nanoTime();
        registrar.open(open(new AccessConfig(0, 0, 1, "127.0.0.1", port, 1), List.of(new ObjectSpec(3311, 1, "1", 4, 2)),
                300, 2), events);

        // the <timeout> of 2 s, not the default 30 s: the bound leaves room for a loaded machine
        events.awaitEvent(EventId.BOOTSTRAP_FAILED, Duration.ofSeconds(12));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(events.eventIds()).containsExactly(EventId.BOOTSTRAP_START, EventId.BOOTSTRAP_FAILED);
    }

    @Test
    void anUnreachableAccessServerEndsInRegistrationTimeoutWithinTheTimeout() throws SocketException {
        registrar = new LeshanRegistrar(settings().build());
        int port = closedPort();
        long t0 = System.nanoTime();
        registrar.open(open(new AccessConfig(0, 0, 0, "127.0.0.1", port, 1), List.of(new ObjectSpec(3311, 1, "1", 4, 2)),
                300, 2), events);

        // the <timeout> of 2 s, not the default 30 s: the bound leaves room for a loaded machine
        events.awaitEvent(EventId.REG_TIMEOUT, Duration.ofSeconds(12));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(events.eventIds()).containsExactly(EventId.CONNECT_SUCCESS, EventId.REG_TIMEOUT);
    }

    @Test
    void aRegistrationTheServerRefusesEndsInRegistrationFailed() {
        // a CoAP server that refuses every registration with 4.03, as a server refusing an unknown device does
        fakeServer = new CoapServer(fakeServerConfiguration());
        fakeServer.addEndpoint(fakeServerEndpoint());
        fakeServer.add(new CoapResource("rd") {
            @Override
            public void handlePOST(CoapExchange exchange) {
                exchange.respond(ResponseCode.FORBIDDEN);
            }
        });
        fakeServer.start();
        int port = fakeServer.getEndpoints().get(0).getAddress().getPort();
        registrar = new LeshanRegistrar(settings().build());
        registrar.open(open(new AccessConfig(0, 0, 0, "127.0.0.1", port, 1), List.of(new ObjectSpec(3311, 1, "1", 4, 2)),
                300, 5), events);

        events.awaitEvent(EventId.REG_FAILED, WAIT);
        assertThat(events.eventIds()).containsExactly(EventId.CONNECT_SUCCESS, EventId.REG_FAILED);
    }

    @Test
    void aRequestThatOvertakesTheRegistrationsAnswerIsIgnoredAndItsRetransmissionShownAfterEventSix()
            throws Exception {
        // A server whose first request reaches the module before the answer to the registration (as the
        // embedded platform's observe can, under load): it sends a read and answers the registration once that
        // read is on its way. The SDK ignores the read (management_handleRequest: COAP_IGNORE while not
        // registered, cis_management.c): no answer, no URC; the server's retransmission is shown after event 6.
        CompletableFuture<Response> readAnswer = new CompletableFuture<>();
        AtomicInteger readTransmissions = new AtomicInteger();
        AtomicInteger readMid = new AtomicInteger(-1);
        fakeServer = new CoapServer(fakeServerConfiguration());
        CoapEndpoint endpoint = fakeServerEndpoint();
        fakeServer.addEndpoint(endpoint);
        fakeServer.add(new CoapResource("rd") {
            @Override
            public void handlePOST(CoapExchange exchange) {
                exchange.accept(); // the registration's answer follows as a separate response
                Request read = Request.newGet();
                read.setDestinationContext(exchange.advanced().getRequest().getSourceContext());
                read.getOptions().setUriPath("3311/0/5805");
                Runnable answerRegistration = () -> {
                    Response created = new Response(ResponseCode.CREATED);
                    created.getOptions().setLocationPath("rd/overtaken");
                    exchange.respond(created);
                };
                read.addMessageObserver(new MessageObserverAdapter() {
                    @Override
                    public void onSent(boolean retransmission) {
                        readMid.set(read.getMID());
                        if (readTransmissions.getAndIncrement() == 0) {
                            answerRegistration.run();
                        }
                    }

                    @Override
                    public void onResponse(Response response) {
                        readAnswer.complete(response);
                    }
                });
                endpoint.sendRequest(read);
            }
        });
        fakeServer.start();
        int port = endpoint.getAddress().getPort();
        registrar = new LeshanRegistrar(settings().build());
        registrar.open(open(new AccessConfig(0, 0, 0, "127.0.0.1", port, 1), List.of(new ObjectSpec(3311, 1, "1", 4, 2)),
                300, 10), events);

        events.awaitEvent(EventId.REG_SUCCESS, WAIT);
        PlatformRequest.Read read = events.awaitRequest(PlatformRequest.Read.class, WAIT);
        assertThat(readTransmissions.get()).as("shown only once the server retransmitted").isGreaterThanOrEqualTo(2);
        assertThat(events.items().stream().map(i -> i.isEvent() ? "event " + i.evtId().id()
                : i.request().getClass().getSimpleName()).toList())
                .as("the read is shown to the MCU after event 6 (5.7), not refused as a stranger's")
                .startsWith("event 4", "event 6", "Read");
        assertThat(read.msgId()).as("the request's CoAP message ID").isEqualTo(readMid.get());
        assertThat(readAnswer).as("nothing answered the ignored copy").isNotDone();
        registrar.respond(new PlatformResponse.Read(read.msgId(), 1,
                List.of(new ResourceValue(3311, 0, 5805, ValueType.FLOAT, 4, "1.88")), 0, true));
        Response answer = readAnswer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.getCode()).as("answer to the read that overtook the registration")
                .isEqualTo(ResponseCode.CONTENT);
    }

    @Test
    void aCancelOfAPathNobodyObservesIsNotFoundWithoutAskingTheMcu() throws Exception {
        // observe_handleRequest (cis_observe.c): Observe=1 is shown only when prv_findObserved holds an
        // observation of exactly that path; else 4.04 at once
        CompletableFuture<org.eclipse.californium.elements.EndpointContext> module = new CompletableFuture<>();
        fakeServer = new CoapServer(fakeServerConfiguration());
        CoapEndpoint endpoint = fakeServerEndpoint();
        fakeServer.addEndpoint(endpoint);
        fakeServer.add(new CoapResource("rd") {
            @Override
            public void handlePOST(CoapExchange exchange) {
                Response created = new Response(ResponseCode.CREATED);
                created.getOptions().setLocationPath("rd/cancels");
                exchange.respond(created);
                module.complete(exchange.advanced().getRequest().getSourceContext());
            }
        });
        fakeServer.start();
        registrar = new LeshanRegistrar(settings().build());
        registrar.open(open(new AccessConfig(0, 0, 0, "127.0.0.1", endpoint.getAddress().getPort(), 1),
                List.of(new ObjectSpec(3311, 2, "11", 4, 2)), 300, 10), events);
        events.awaitEvent(EventId.REG_SUCCESS, WAIT);
        var to = module.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        java.util.function.BiFunction<String, Integer, Request> get = (path, observe) -> {
            Request r = Request.newGet();
            r.setDestinationContext(to);
            r.getOptions().setUriPath(path).setObserve(observe);
            return r;
        };

        Request nobody = get.apply("3311/0", 1);
        endpoint.sendRequest(nobody);
        Response notFound = nobody.waitForResponse(WAIT.toMillis());
        assertThat(notFound).as("answer to a cancel of /3311/0").isNotNull();
        assertThat(notFound.getCode()).isEqualTo(ResponseCode.NOT_FOUND);
        assertThat(events.requests()).as("nothing shown to the MCU").isEmpty();

        Request observe = get.apply("3311/1", 0);
        endpoint.sendRequest(observe);
        PlatformRequest.Observe o = events.awaitRequest(PlatformRequest.Observe.class, WAIT);
        registrar.respond(new PlatformResponse.Observe(o.msgId(), 1, 0, true));
        assertThat(observe.waitForResponse(WAIT.toMillis()).getCode()).isEqualTo(ResponseCode.CONTENT);
        Request cancel = get.apply("3311/1", 1); // a token of its own: the SDK finds the observation by path
        endpoint.sendRequest(cancel);
        PlatformRequest.Observe c = events.awaitRequest(PlatformRequest.Observe.class, 2, WAIT);
        assertThat(c.observe()).isFalse();
        registrar.respond(new PlatformResponse.Observe(c.msgId(), 1, 0, true));
        assertThat(cancel.waitForResponse(WAIT.toMillis()).getCode()).isEqualTo(ResponseCode.CONTENT);
    }

    @Test
    void oneNetBehaviourComesAfterEventSixObservePerInstanceThenDiscover() {
        startPlatform(false, true);
        registrar = new LeshanRegistrar(settings().build());
        registrar.open(open(direct(), List.of(new ObjectSpec(3311, 1, "1", 4, 2)), 300, 10), events);

        PlatformRequest.Observe observe = events.awaitRequest(PlatformRequest.Observe.class, WAIT);
        assertThat(observe.observe()).isTrue();
        assertThat(List.of(observe.objId(), observe.insId(), observe.resId())).containsExactly(3311, 0, -1);
        registrar.respond(new PlatformResponse.Observe(observe.msgId(), 1, 0, true));
        PlatformRequest.Discover discover = events.awaitRequest(PlatformRequest.Discover.class, WAIT);
        assertThat(discover.objId()).isEqualTo(3311);
        registrar.respond(new PlatformResponse.Discover(discover.msgId(), 1, List.of(5850, 5851, 5706, 5805), 0, true));

        // 7.2.1: 4, 6, then +MIPLOBSERVE, then +MIPLDISCOVER
        List<String> order = events.items().stream().map(i -> i.isEvent() ? "event " + i.evtId().id()
                : i.request().getClass().getSimpleName()).toList();
        assertThat(order).startsWith("event 4", "event 6", "Observe", "Discover");
        await("the discover answer at the platform").atMost(WAIT)
                .until(() -> platform.knownResources(ENDPOINT).contains(NodePath.resource(3311, 0, 5706)));
        assertThat(platform.observations(ENDPOINT)).extracting(o -> o.path()).containsExactly(NodePath.instance(3311, 0));
    }

    // ---------------------------------------------------------------- read

    @Test
    void aReadOfAResourceIsAnsweredWithTheMcuValue() {
        registered(List.of(new ObjectSpec(3311, 1, "1", 4, 2)));

        var result = async(() -> platform.read(ENDPOINT, NodePath.resource(3311, 0, 5805), REQUEST_DEADLINE));
        PlatformRequest.Read read = events.awaitRequest(PlatformRequest.Read.class, WAIT);
        assertThat(List.of(read.objId(), read.insId(), read.resId())).containsExactly(3311, 0, 5805);
        // 7.3.1
        registrar.respond(new PlatformResponse.Read(read.msgId(), 1,
                List.of(new ResourceValue(3311, 0, 5805, ValueType.FLOAT, 4, "1.88")), 0, true));

        PlatformResult.Answered a = answered(result.join());
        assertThat(a.code()).isEqualTo(CoapCode.CONTENT);
        assertThat(a.values()).containsExactly(new ResourceData(NodePath.resource(3311, 0, 5805),
                org.miplhil.platform.ResourceValue.of(1.88)));
    }

    @Test
    void everyValueTypeReachesThePlatformWithItsType() {
        registered(List.of(new ObjectSpec(TYPED, 1, "1", 5, 0)));

        var result = async(() -> platform.read(ENDPOINT, NodePath.instance(TYPED, 0), REQUEST_DEADLINE));
        PlatformRequest.Read read = events.awaitRequest(PlatformRequest.Read.class, WAIT);
        assertThat(List.of(read.insId(), read.resId())).containsExactly(0, -1);
        // 3.3.11: several parts, index counting down; the AT layer hands them over together
        registrar.respond(new PlatformResponse.Read(read.msgId(), 1, List.of(
                new ResourceValue(TYPED, 0, 1, ValueType.STRING, 10, "1234567890"),
                new ResourceValue(TYPED, 0, 2, ValueType.HEX, 3, "0A0B0C"),
                new ResourceValue(TYPED, 0, 3, ValueType.INTEGER, 8, "12345678910"),
                new ResourceValue(TYPED, 0, 4, ValueType.FLOAT, 8, "-2.5"),
                new ResourceValue(TYPED, 0, 5, ValueType.BOOLEAN, 1, "1")), 0, true));

        PlatformResult.Answered a = answered(result.join());
        assertThat(a.code()).isEqualTo(CoapCode.CONTENT);
        assertThat(a.values()).extracting(ResourceData::value).containsExactlyInAnyOrder(
                org.miplhil.platform.ResourceValue.of("1234567890"),
                org.miplhil.platform.ResourceValue.of(new byte[] {0x0A, 0x0B, 0x0C}),
                org.miplhil.platform.ResourceValue.of(12345678910L),
                org.miplhil.platform.ResourceValue.of(-2.5),
                org.miplhil.platform.ResourceValue.of(true));
    }

    @Test
    void aReadOfAnObjectIsOneRequestAndTheAnswerKeepsEachInstance() {
        registered(List.of(new ObjectSpec(3311, 2, "11", 4, 2)));

        var result = async(() -> platform.read(ENDPOINT, NodePath.object(3311), REQUEST_DEADLINE));
        PlatformRequest.Read read = events.awaitRequest(PlatformRequest.Read.class, WAIT);
        assertThat(List.of(read.insId(), read.resId())).containsExactly(-1, -1);
        // 7.3.3
        registrar.respond(new PlatformResponse.Read(read.msgId(), 1, List.of(
                new ResourceValue(3311, 0, 5851, ValueType.INTEGER, 2, "1"),
                new ResourceValue(3311, 0, 5852, ValueType.INTEGER, 2, "123"),
                new ResourceValue(3311, 1, 5851, ValueType.INTEGER, 2, "1"),
                new ResourceValue(3311, 1, 5852, ValueType.INTEGER, 2, "123"),
                new ResourceValue(3311, 1, 5706, ValueType.STRING, 10, "1234567890"),
                new ResourceValue(3311, 1, 5805, ValueType.FLOAT, 4, "1.88")), 0, true));

        PlatformResult.Answered a = answered(result.join());
        assertThat(a.values()).extracting(ResourceData::path).containsExactlyInAnyOrder(
                NodePath.resource(3311, 0, 5851), NodePath.resource(3311, 0, 5852), NodePath.resource(3311, 1, 5851),
                NodePath.resource(3311, 1, 5852), NodePath.resource(3311, 1, 5706), NodePath.resource(3311, 1, 5805));
        assertThat(events.requests()).hasSize(1);
    }

    @Test
    void anErrorResultBecomesItsCoapCode() {
        registered(List.of(new ObjectSpec(3311, 1, "1", 4, 2)));

        var result = async(() -> platform.read(ENDPOINT, NodePath.resource(3311, 0, 5805), REQUEST_DEADLINE));
        PlatformRequest.Read read = events.awaitRequest(PlatformRequest.Read.class, WAIT);
        registrar.respond(new PlatformResponse.Read(read.msgId(), 13, List.of(), 0, true));

        assertThat(answered(result.join()).code()).isEqualTo(CoapCode.NOT_FOUND);
    }

    @Test
    void anInstanceNotRegisteredIsNotFoundWithoutAskingTheMcu() {
        registered(List.of(new ObjectSpec(3311, 2, "10", 4, 2)));

        PlatformResult r = platform.read(ENDPOINT, NodePath.resource(3311, 1, 5805), REQUEST_DEADLINE);

        assertThat(answered(r).code()).isEqualTo(CoapCode.NOT_FOUND);
        assertThat(events.requests()).isEmpty();
    }

    @Test
    void anUnansweredRequestIsPurgedWithoutAnAnswerAndALaterAnswerRaisesEventTwenty() {
        registered(List.of(new ObjectSpec(3311, 1, "1", 4, 2)), settings().purgeAfter(Duration.ofSeconds(1)));

        var result = async(() -> platform.read(ENDPOINT, NodePath.resource(3311, 0, 5805), Duration.ofSeconds(4)));
        PlatformRequest.Read read = events.awaitRequest(PlatformRequest.Read.class, WAIT);

        // cis_packet.c packet_step: the request is dropped after CIS_CONFIG_CALLBACK_TIMEOUT, nothing is sent
        assertThat(result.join()).as("no answer invented").isInstanceOf(PlatformResult.TimedOut.class);
        assertThat(platform.requestLog()).filteredOn(e -> e.uri().equals("/3311/0/5805")).singleElement()
                .satisfies(e -> assertThat(e.retransmissions()).as(e.describe()).isGreaterThan(0));
        registrar.respond(new PlatformResponse.Read(read.msgId(), 1,
                List.of(new ResourceValue(3311, 0, 5805, ValueType.FLOAT, 4, "1.88")), 0, false));
        assertThat(events.awaitEvent(EventId.RESPONSE_FAILED, WAIT).extend()).hasValue(read.msgId());
    }

    @Test
    void aSlowAnswerIsPiggyBackedAfterThePlatformRetransmitted() {
        registered(List.of(new ObjectSpec(3311, 1, "1", 4, 2)));

        var result = async(() -> platform.read(ENDPOINT, NodePath.resource(3311, 0, 5805), REQUEST_DEADLINE));
        PlatformRequest.Read read = events.awaitRequest(PlatformRequest.Read.class, WAIT);
        CompletableFuture.delayedExecutor(3500, TimeUnit.MILLISECONDS).execute(() -> registrar.respond(
                new PlatformResponse.Read(read.msgId(), 1,
                        List.of(new ResourceValue(3311, 0, 5805, ValueType.FLOAT, 4, "1.88")), 0, true)));

        PlatformResult.Answered a = answered(result.join());
        assertThat(a.code()).isEqualTo(CoapCode.CONTENT);
        var logged = platform.requestLog().stream().filter(e -> e.uri().equals("/3311/0/5805")).findFirst()
                .orElseThrow();
        assertThat(logged.retransmissions()).as(logged.describe()).isGreaterThan(0);
        assertThat(logged.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(3500));
        assertThat(events.items()).as("no response failure").noneMatch(e -> e.evtId() == EventId.RESPONSE_FAILED);
        // every copy that came while the MCU had not answered was shown, with the same msgId (the SDK's callback)
        assertThat(events.requests()).as("the read and its retransmissions")
                .hasSize(1 + logged.retransmissions()).allSatisfy(r -> assertThat(r).isEqualTo(read));
    }

    @Test
    void aServerThatMatchesAnswersByMessageIdGetsTheLateAnswer() throws Exception {
        try (RawCoapServer raw = new RawCoapServer()) {
            registrar = new LeshanRegistrar(settings().build());
            registrar.open(open(new AccessConfig(0, 0, 0, "127.0.0.1", raw.port(), 1),
                    List.of(new ObjectSpec(3311, 1, "1", 4, 2)), 300, 10), events);
            events.awaitEvent(EventId.REG_SUCCESS, WAIT);

            AtomicInteger transmissions = new AtomicInteger();
            var answer = async(() -> {
                try {
                    return raw.get("/3311/0/5805", Duration.ofSeconds(2), Duration.ofSeconds(15), transmissions);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.<RawCoapServer.Message>empty();
                }
            });
            PlatformRequest.Read read = events.awaitRequest(PlatformRequest.Read.class, WAIT);
            await("a retransmission of the server").atMost(WAIT).until(() -> transmissions.get() >= 2);
            // the SDK's callback runs for every copy: the URC again, with the same msgId, one request pending
            await("the read shown again").atMost(WAIT).until(() -> events.requests().size() >= 2);
            registrar.respond(new PlatformResponse.Read(read.msgId(), 1,
                    List.of(new ResourceValue(3311, 0, 5805, ValueType.FLOAT, 4, "1.88")), 0, true));

            RawCoapServer.Message m = answer.join().orElseThrow(() -> new AssertionError(
                    "no answer with the request's message ID; the module sent " + raw.received()));
            assertThat(m.type()).as("%s", m).isEqualTo(RawCoapServer.ACK);
            assertThat(m.codeText()).isEqualTo("2.05");
            assertThat(m.payload()).isNotEmpty();
            assertThat(read.msgId()).as("msgId: the request's CoAP message ID (object_read, cis_objects.c)")
                    .isEqualTo(m.mid());
            assertThat(events.requests()).as("one URC per copy received").hasSizeLessThanOrEqualTo(transmissions.get())
                    .allSatisfy(r -> assertThat(r).isEqualTo(read));
            assertThat(raw.received()).as("no empty ACK").noneMatch(RawCoapServer.Message::emptyAck);
            assertThat(raw.received()).as("one answer").filteredOn(x -> x.codeText().equals("2.05")).hasSize(1);
        }
    }

    // ---------------------------------------------------------------- write, execute, discover, write-attributes

    @Test
    void aWriteOfAnInstanceIsOneRequestWithEveryValueAsRawBytesInOrder() {
        registered(List.of(new ObjectSpec(3311, 1, "1", 4, 2)));

        var result = async(() -> platform.write(ENDPOINT, NodePath.instance(3311, 0), WriteMode.PARTIAL_UPDATE,
                List.of(new ResourceWrite(5706, org.miplhil.platform.ResourceValue.of("hello")),
                        new ResourceWrite(5850, org.miplhil.platform.ResourceValue.of(true)),
                        new ResourceWrite(5851, org.miplhil.platform.ResourceValue.of(12345678910L))),
                REQUEST_DEADLINE));
        PlatformRequest.Write write = events.awaitRequest(PlatformRequest.Write.class, WAIT);
        assertThat(List.of(write.objId(), write.insId())).containsExactly(3311, 0);
        // 7.4.2: 68656C6C6F (hello), 01 (true), 00000002DFDC1C3E (12345678910)
        assertThat(write.items()).extracting(i -> i.resId() + "=" + HexFormat.of().withUpperCase().formatHex(i.value()))
                .containsExactly("5706=68656C6C6F", "5850=01", "5851=00000002DFDC1C3E");
        registrar.respond(new PlatformResponse.Write(write.msgId(), 2, 0, true));

        assertThat(answered(result.join()).code()).isEqualTo(CoapCode.CHANGED);
    }

    @Test
    void aRefusedWriteBecomesItsCoapCode() {
        registered(List.of(new ObjectSpec(3311, 1, "1", 4, 2)));

        var result = async(() -> platform.write(ENDPOINT, NodePath.resource(3311, 0, 5706), WriteMode.REPLACE,
                List.of(new ResourceWrite(5706, org.miplhil.platform.ResourceValue.of("hello"))), REQUEST_DEADLINE));
        PlatformRequest.Write write = events.awaitRequest(PlatformRequest.Write.class, WAIT);
        assertThat(write.items()).singleElement().extracting(PlatformRequest.WriteItem::resId).isEqualTo(5706);
        registrar.respond(new PlatformResponse.Write(write.msgId(), 14, 0, true));

        assertThat(answered(result.join()).code()).isEqualTo(CoapCode.METHOD_NOT_ALLOWED);
    }

    @Test
    void anExecuteCarriesItsArgumentsAndIsAllowedOnAnyMcuResource() {
        registered(List.of(new ObjectSpec(3303, 1, "1", 2, 1)));

        var result = async(() -> platform.execute(ENDPOINT, NodePath.resource(3303, 0, 5605), "reset",
                REQUEST_DEADLINE));
        PlatformRequest.Execute x = events.awaitRequest(PlatformRequest.Execute.class, WAIT);
        // 7.5
        assertThat(List.of(x.objId(), x.insId(), x.resId())).containsExactly(3303, 0, 5605);
        assertThat(x.arguments()).contains("reset");
        registrar.respond(new PlatformResponse.Execute(x.msgId(), 2, 0, true));
        assertThat(answered(result.join()).code()).isEqualTo(CoapCode.CHANGED);

        var second = async(() -> platform.execute(ENDPOINT, NodePath.resource(3303, 0, 5700), "", REQUEST_DEADLINE));
        PlatformRequest.Execute y = events.awaitRequest(PlatformRequest.Execute.class, 2, WAIT);
        assertThat(y.arguments()).isEmpty();
        registrar.respond(new PlatformResponse.Execute(y.msgId(), 2, 0, true));
        assertThat(answered(second.join()).code()).isEqualTo(CoapCode.CHANGED);
    }

    @Test
    void discoverListsTheResourcesTheMcuGave() {
        registered(List.of(new ObjectSpec(3311, 2, "11", 4, 2)));

        var result = async(() -> platform.discover(ENDPOINT, NodePath.object(3311), REQUEST_DEADLINE));
        PlatformRequest.Discover d = events.awaitRequest(PlatformRequest.Discover.class, WAIT);
        // 7.2.1
        registrar.respond(new PlatformResponse.Discover(d.msgId(), 1, List.of(5850, 5851, 5706, 5805), 0, true));

        PlatformResult.Answered a = answered(result.join());
        assertThat(a.code()).isEqualTo(CoapCode.CONTENT);
        assertThat(a.links()).extracting(DiscoveredLink::path).contains(NodePath.object(3311),
                NodePath.instance(3311, 0), NodePath.resource(3311, 0, 5850), NodePath.resource(3311, 0, 5805),
                NodePath.instance(3311, 1), NodePath.resource(3311, 1, 5706));
        assertThat(a.links()).hasSize(1 + 2 * 5);
    }

    @Test
    void writeAttributesShowTheParametersAsTheNoteWritesThem() {
        registered(List.of(new ObjectSpec(3303, 1, "1", 2, 1)));
        NotificationAttributes attrs = NotificationAttributes.NONE.withPmin(2).withPmax(190).withGt(100.5)
                .withLt(1.5).withSt(0.2);

        var result = async(() -> platform.writeAttributes(ENDPOINT, NodePath.resource(3303, 0, 5700), attrs,
                REQUEST_DEADLINE));
        PlatformRequest.Parameter p = events.awaitRequest(PlatformRequest.Parameter.class, WAIT);
        // 7.6: +MIPLPARAMETER: 0,56642,3303,0,5700,38,"pmin=2;pmax=190;gt=100.0;lt=1.0;st=0.2" — the attributes
        // as the platform wrote them in the request's query, joined by ';'
        assertThat(List.of(p.objId(), p.insId(), p.resId())).containsExactly(3303, 0, 5700);
        assertThat(p.parameter()).isEqualTo("pmin=2;pmax=190;gt=100.5;lt=1.5;st=0.2");
        registrar.respond(new PlatformResponse.Parameter(p.msgId(), 2, 0, true));
        assertThat(answered(result.join()).code()).isEqualTo(CoapCode.CHANGED);
    }

    // ---------------------------------------------------------------- observe and notify

    @Test
    void notificationsCarryTheNotifiedValuesWithoutReadingTheMcu() {
        registered(List.of(new ObjectSpec(3303, 1, "1", 4, 1)));
        long msgId = observed(NodePath.instance(3303, 0));
        String observationId = platform.observations(ENDPOINT).get(0).observationId();

        // 7.8.2: four parts, one notification
        registrar.notify(new Notification(msgId, List.of(
                new ResourceValue(3303, 0, 5700, ValueType.FLOAT, 4, "10.24"),
                new ResourceValue(3303, 0, 5701, ValueType.STRING, 3, "Cel"),
                new ResourceValue(3303, 0, 5601, ValueType.FLOAT, 4, "0.16"),
                new ResourceValue(3303, 0, 5602, ValueType.FLOAT, 4, "100.86")), 0, 0, true));

        await("the notification at the platform").atMost(WAIT)
                .until(() -> platform.notifications(observationId).size() == 1);
        assertThat(platform.notifications(observationId).get(0).values()).extracting(ResourceData::value)
                .containsExactlyInAnyOrder(org.miplhil.platform.ResourceValue.of(10.24),
                        org.miplhil.platform.ResourceValue.of("Cel"), org.miplhil.platform.ResourceValue.of(0.16),
                        org.miplhil.platform.ResourceValue.of(100.86));
        assertThat(events.requests()).as("a notification is not a read").hasSize(1);
        assertThat(events.eventIds()).doesNotContain(EventId.NOTIFY_SUCCESS, EventId.NOTIFY_FAILED);
    }

    @Test
    void aConfirmableNotificationReportsTheAckWithItsAckId() {
        registered(List.of(new ObjectSpec(3303, 1, "1", 4, 1)));
        long msgId = observed(NodePath.resource(3303, 0, 5701));

        // 7.8.4
        registrar.notify(new Notification(msgId,
                List.of(new ResourceValue(3303, 0, 5701, ValueType.STRING, 3, "Cel")), 255, 0, true));

        RecordingEvents.Item e = events.awaitEvent(EventId.NOTIFY_SUCCESS, WAIT);
        assertThat(e.extend()).hasValue(255);
        // the client hears the platform's ACK before the platform's listener has stored the notification
        await("the confirmable notification at the platform").atMost(WAIT).untilAsserted(() ->
                assertThat(platform.notifications(ENDPOINT, NodePath.resource(3303, 0, 5701))).as("notifications")
                        .hasSize(1));
    }

    @Test
    void aConfirmableNotificationNobodyAcknowledgesReportsFailureWithItsAckId() {
        registered(List.of(new ObjectSpec(3303, 1, "1", 4, 1)),
                settings().coap(new CoapTiming(Duration.ofMillis(200), 1.0, 2, 4)));
        long msgId = observed(NodePath.instance(3303, 0));
        platform.close(); // the platform stops mid-session

        registrar.notify(new Notification(msgId,
                List.of(new ResourceValue(3303, 0, 5700, ValueType.FLOAT, 4, "25.6")), 258, 0, true));

        RecordingEvents.Item e = events.awaitEvent(EventId.NOTIFY_FAILED, WAIT);
        assertThat(e.extend()).hasValue(258);
    }

    @Test
    void aNotificationForNoObservationWithAnAckIdFails() {
        registered(List.of(new ObjectSpec(3303, 1, "1", 4, 1)));

        registrar.notify(new Notification(424242,
                List.of(new ResourceValue(3303, 0, 5700, ValueType.FLOAT, 4, "25.6")), 7, 0, true));

        assertThat(events.awaitEvent(EventId.NOTIFY_FAILED, WAIT).extend()).hasValue(7);
    }

    @Test
    void anObserveIsAnsweredWithoutPayloadAndIsAnObservationAtThePlatform() {
        registered(List.of(new ObjectSpec(3303, 1, "1", 4, 1)));

        long msgId = observed(NodePath.resource(3303, 0, 5700));

        // observe_asynAckNodata (cis_observe.c): 2.05, the token, the Observe option, no payload
        assertThat(platform.requestLog()).filteredOn(e -> e.method().equals("GET+observe")).singleElement()
                .satisfies(e -> assertThat(e.responsePayload()).as(e.describe()).isEmpty());
        registrar.notify(new Notification(msgId,
                List.of(new ResourceValue(3303, 0, 5700, ValueType.FLOAT, 4, "21.5")), 0, 0, true));
        await("the notification at the platform").atMost(WAIT).untilAsserted(() ->
                assertThat(platform.notifications(ENDPOINT, NodePath.resource(3303, 0, 5700))).as("notifications")
                        .singleElement().satisfies(n -> assertThat(n.values()).extracting(ResourceData::value)
                                .containsExactly(org.miplhil.platform.ResourceValue.of(21.5))));
    }

    @Test
    void cancellingAnObservationAsksTheMcuWithFlagZero() {
        registered(List.of(new ObjectSpec(3303, 1, "1", 4, 1)));
        observed(NodePath.instance(3303, 0));

        var result = async(() -> platform.cancelObservation(ENDPOINT, NodePath.instance(3303, 0), REQUEST_DEADLINE));
        PlatformRequest.Observe cancel = events.awaitRequest(PlatformRequest.Observe.class, 2, WAIT);
        assertThat(cancel.observe()).isFalse();
        assertThat(List.of(cancel.objId(), cancel.insId(), cancel.resId())).containsExactly(3303, 0, -1);
        registrar.respond(new PlatformResponse.Observe(cancel.msgId(), 1, 0, true));

        assertThat(answered(result.join()).code()).isEqualTo(CoapCode.CONTENT);
    }

    // ---------------------------------------------------------------- update, close, power

    @Test
    void updateSendsTheNewLifetime() {
        registered(List.of(new ObjectSpec(3311, 1, "1", 4, 2)));

        registrar.update(86400, false, List.of(), 0);

        events.awaitEvent(EventId.UPDATE_SUCCESS, WAIT);
        assertThat(platform.device(ENDPOINT).orElseThrow().lifetimeSeconds()).isEqualTo(86400);
    }

    @Test
    void closeDeregistersWithEventFifteen() {
        registered(List.of(new ObjectSpec(3311, 1, "1", 4, 2)));

        registrar.close();

        events.awaitEvent(EventId.DEREG_DONE, WAIT);
        // the store drops the registration before Leshan reports it: wait for the event itself
        await("deregistration event at the platform").atMost(WAIT).untilAsserted(() ->
                assertThat(platform.events()).as("events").last().isInstanceOf(DeviceEvent.Deregistered.class));
        assertThat(platform.device(ENDPOINT)).isEmpty();
    }

    @Test
    void powerLossIsSilentAndLeavesTheRegistrationBehind() {
        registered(List.of(new ObjectSpec(3311, 1, "1", 4, 2)));
        int before = events.items().size();

        registrar.powerLost();

        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2))
                .until(() -> events.items().size() == before);
        assertThat(platform.device(ENDPOINT)).as("no deregistration was sent").isPresent();
    }

    @Test
    void whenThePlatformStopsUpdateTimesOutAndCloseStillEndsWithFifteen() {
        registered(List.of(new ObjectSpec(3311, 1, "1", 4, 2)),
                settings().coap(new CoapTiming(Duration.ofMillis(200), 1.0, 2, 4))
                        .deregistrationTimeout(Duration.ofSeconds(1)));
        platform.close();

        registrar.update(300, false, List.of(), 0);
        events.awaitEvent(EventId.UPDATE_TIMEOUT, WAIT);
        registrar.close();
        events.awaitEvent(EventId.DEREG_DONE, Duration.ofSeconds(3));
    }

    @Test
    void aNewOpenAfterCloseRegistersAgain() {
        registered(List.of(new ObjectSpec(3311, 1, "1", 4, 2)));
        registrar.close();
        events.awaitEvent(EventId.DEREG_DONE, WAIT);

        RecordingEvents again = new RecordingEvents();
        registrar.open(open(direct(), List.of(new ObjectSpec(3311, 1, "1", 4, 2)), 300, 10), again);

        again.awaitEvent(EventId.REG_SUCCESS, WAIT);
        assertThat(platform.device(ENDPOINT)).isPresent();
    }

    // ---------------------------------------------------------------- fixtures

    static Lwm2mSettings.Builder settings() {
        return Lwm2mSettings.builder();
    }

    void startPlatform(boolean bootstrap, boolean oneNet) {
        List<ObjectModel> models = new ArrayList<>(ObjectModels.defaults());
        models.add(new ObjectModel(TYPED, "Typed", "", "1.0", true, false,
                r(1, ResourceModel.Type.STRING), r(2, ResourceModel.Type.OPAQUE), r(3, ResourceModel.Type.INTEGER),
                r(4, ResourceModel.Type.FLOAT), r(5, ResourceModel.Type.BOOLEAN)));
        platform = LeshanPlatform.builder().bootstrap(bootstrap).oneNetBehaviour(oneNet).models(models).start();
    }

    private static ResourceModel r(int id, ResourceModel.Type type) {
        return new ResourceModel(id, "r" + id, Operations.RW, false, false, type, "", "", "");
    }

    AccessConfig direct() {
        return new AccessConfig(0, 0, 0, "127.0.0.1", platform.coapPort(), 1);
    }

    AccessConfig viaBootstrap() {
        return new AccessConfig(0, 0, 1, "127.0.0.1", platform.bootstrapPort(), 1);
    }

    static OpenRequest open(AccessConfig config, List<ObjectSpec> objects, long lifetime, int timeout) {
        return new OpenRequest(ENDPOINT, config, objects, lifetime, timeout);
    }

    void registered(List<ObjectSpec> objects) {
        registered(objects, settings());
    }

    void registered(List<ObjectSpec> objects, Lwm2mSettings.Builder settings) {
        startPlatform(false, false);
        registrar = new LeshanRegistrar(settings.build());
        registrar.open(open(direct(), objects, 300, 10), events);
        events.awaitEvent(EventId.REG_SUCCESS, WAIT);
    }

    /** The platform observes; the MCU accepts; returns the observation's msgId. */
    long observed(NodePath path) {
        int before = (int) events.requests().stream().filter(PlatformRequest.Observe.class::isInstance).count();
        var result = async(() -> platform.observe(ENDPOINT, path, REQUEST_DEADLINE));
        PlatformRequest.Observe o = events.awaitRequest(PlatformRequest.Observe.class, before + 1, WAIT);
        assertThat(o.observe()).isTrue();
        registrar.respond(new PlatformResponse.Observe(o.msgId(), 1, 0, true));
        PlatformResult.Answered a = answered(result.join());
        assertThat(a.code()).isEqualTo(CoapCode.CONTENT);
        assertThat(a.observationId()).isPresent();
        return o.msgId();
    }

    <T> CompletableFuture<T> async(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, async);
    }

    static PlatformResult.Answered answered(PlatformResult r) {
        assertThat(r).as("%s", r.describe()).isInstanceOf(PlatformResult.Answered.class);
        return (PlatformResult.Answered) r;
    }

    /** A loopback UDP port nobody listens on (bound, then released). */
    /** Californium's defaults for a server written in the test, without a properties file in the working directory. */
    static Configuration fakeServerConfiguration() {
        CoapConfig.register(); // the definitions, whichever test ran first
        UdpConfig.register();
        return Configuration.createStandardWithoutFile();
    }

    /** A plain CoAP endpoint on a free loopback port, for a server written in the test. */
    static CoapEndpoint fakeServerEndpoint() {
        return CoapEndpoint.builder().setConfiguration(fakeServerConfiguration())
                .setInetSocketAddress(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build();
    }

    static int closedPort() throws SocketException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
