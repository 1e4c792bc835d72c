package org.miplhil.sim.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.engine.DefaultRegistrationEngineFactory;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.resource.LwM2mObjectEnabler;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.request.ContentFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.RequestLogEntry;
import org.miplhil.platform.ResourceValue;

/**
 * The Californium hooks the virtual module needs, proven against the embedded platform over loopback UDP: a slow
 * answer piggy-backed on the request's ACK after the platform retransmitted (no empty ACK, as the OneNET SDK), an
 * observe answered without payload taken as an observation, and notifications sent confirmable or not, per
 * notification, with the outcome of a confirmable one observed after the SDK's retransmission span.
 */
class CoapHooksTest {

    private static final String ENDPOINT = "866971050000001;460041234567801";
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private LeshanPlatform platform;
    private LeshanClient client;
    private ModuleEndpointsProvider provider;
    private final List<Message> sent = new CopyOnWriteArrayList<>();
    private final ScriptedObject object = new ScriptedObject();
    private final List<Type> notificationTypes = new CopyOnWriteArrayList<>();
    private final List<org.eclipse.californium.core.coap.Request> arrivals = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.destroy(false);
        }
        if (platform != null) {
            platform.close();
        }
        timer.shutdownNow();
    }

    @Test
    void aSlowAnswerIsPiggyBackedOnTheRequestsAckAfterTheServerRetransmitted() {
        start(true, CoapTiming.oneNetSdk());
        watchSentMessages();
        object.answerAfter = Duration.ofMillis(3500); // past the platform's first ACK timeout (2 to 3 s)

        PlatformResult r = platform.read(ENDPOINT, NodePath.resource(3311, 0, 5805), DEADLINE);

        assertThat(r).isInstanceOf(PlatformResult.Answered.class);
        PlatformResult.Answered a = (PlatformResult.Answered) r;
        assertThat(a.code().isSuccess()).as("%s", r).isTrue();
        assertThat(a.values()).singleElement().satisfies(v -> assertThat(v.value()).isEqualTo(ResourceValue.of(1.88)));
        RequestLogEntry logged = readLogged();
        assertThat(logged.retransmissions()).as("%s", logged.describe()).isGreaterThan(0);
        // the hook in front of the deduplicator sees every copy, each with the first one's message ID
        var copies = arrivals.stream().filter(q -> q.getOptions().getUriPathString().startsWith("3311")).toList();
        assertThat(copies).as("copies of the read").hasSize(1 + logged.retransmissions());
        assertThat(copies).extracting(org.eclipse.californium.core.coap.Message::getMID).containsOnly(copies.get(0).getMID());
        // the SDK's way (object_asynAckReadData): one ACK with the request's message ID that carries the answer
        assertThat(sent).as("messages the module sent")
                .filteredOn(m -> m instanceof EmptyMessage && m.getType() == Type.ACK)
                .isEmpty();
        assertThat(sent).filteredOn(m -> m instanceof Response && ((Response) m).getCode() == ResponseCode.CONTENT
                        && !((Response) m).getOptions().hasObserve())
                .singleElement().satisfies(m -> assertThat(m.getType()).isEqualTo(Type.ACK));
    }

    @Test
    void anObserveAnsweredWithoutPayloadIsAnObservationAndItsNotificationsArrive() {
        start(true, CoapTiming.oneNetSdk());

        PlatformResult observed = platform.observe(ENDPOINT, NodePath.instance(3311, 0), DEADLINE);

        assertThat(observed).isInstanceOf(PlatformResult.Answered.class);
        PlatformResult.Answered a = (PlatformResult.Answered) observed;
        assertThat(a.code().isSuccess()).as("%s", observed).isTrue();
        assertThat(a.values()).isEmpty();
        String observationId = a.observationId().orElseThrow();
        assertThat(platform.observations(ENDPOINT)).extracting(o -> o.observationId()).contains(observationId);

        object.notify(2.5, Type.NON, r -> { });
        await("the notification at the platform").atMost(Duration.ofSeconds(10))
                .until(() -> platform.notifications(observationId).size() == 1);
        assertThat(platform.notifications(observationId).get(0).values().get(0).value())
                .isEqualTo(ResourceValue.of(2.5));
    }

    @Test
    void eachNotificationGoesWithTheTypeAskedForAndAConfirmableOneReportsItsAck() {
        start(true, CoapTiming.oneNetSdk());
        PlatformResult observed = platform.observe(ENDPOINT, NodePath.instance(3311, 0), DEADLINE);
        assertThat(observed).isInstanceOf(PlatformResult.Answered.class);
        String observationId = ((PlatformResult.Answered) observed).observationId().orElseThrow();
        watchNotificationTypes();

        AtomicReference<NotifyOutcome.Result> outcome = new AtomicReference<>();
        object.notify(2.5, Type.CON, outcome::set);
        await("the ACK of the confirmable notification").atMost(Duration.ofSeconds(10))
                .until(() -> outcome.get() != null);
        assertThat(outcome.get()).isEqualTo(NotifyOutcome.Result.ACKNOWLEDGED);

        object.notify(3.5, Type.NON, r -> outcome.set(null));
        object.notify(4.5, Type.NON, r -> outcome.set(null));
        await("three notifications at the platform").atMost(Duration.ofSeconds(10))
                .until(() -> platform.notifications(observationId).size() == 3);

        assertThat(notificationTypes).containsExactly(Type.CON, Type.NON, Type.NON);
        var values = platform.notifications(observationId).stream().map(n -> n.values().get(0).value()).toList();
        // the confirmable one was acknowledged before the others went out; the two non-confirmable ones, sent back
        // to back, are handled by the platform's CoAP threads in either order
        assertThat(values.get(0)).as("first of %s", values).isEqualTo(ResourceValue.of(2.5));
        assertThat(values.subList(1, 3)).as("the non-confirmable ones of %s", values)
                .containsExactlyInAnyOrder(ResourceValue.of(3.5), ResourceValue.of(4.5));
        assertThat(outcome.get()).as("a non-confirmable notification reports nothing")
                .isEqualTo(NotifyOutcome.Result.ACKNOWLEDGED);
    }

    @Test
    void aConfirmableNotificationNobodyAcknowledgesReportsFailureAfterTheSdksSpan() {
        // the SDK's doubling without randomisation, shortened: 200 ms, 2 retransmissions, given up after 1.4 s
        CoapTiming timing = new CoapTiming(Duration.ofMillis(200), 1.5, false, 2, 4);
        start(true, timing);
        PlatformResult observed = platform.observe(ENDPOINT, NodePath.instance(3311, 0), DEADLINE);
        assertThat(observed).isInstanceOf(PlatformResult.Answered.class);
        platform.close(); // the platform is gone: nothing answers on its port any more
        watchSentMessages();

        AtomicReference<NotifyOutcome.Result> outcome = new AtomicReference<>();
        long t0 = System.nanoTime();
        object.notify(2.5, Type.CON, outcome::set);

        await("the outcome of an unacknowledged confirmable notification").atMost(Duration.ofSeconds(10))
                .until(() -> outcome.get() != null);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(outcome.get()).isEqualTo(NotifyOutcome.Result.NOT_ACKNOWLEDGED);
        assertThat(timing.giveUpAfter()).isEqualTo(Duration.ofMillis(1400));
        assertThat(took).as("not before the last doubled wait").isGreaterThanOrEqualTo(timing.giveUpAfter());
        assertThat(sent).as("the notification and its retransmissions")
                .filteredOn(m -> m instanceof Response && ((Response) m).getOptions().hasObserve()).hasSize(3);
    }

    // ------------------------------------------------------------------------------------------------

    private RequestLogEntry readLogged() {
        return platform.requestLog().stream().filter(e -> e.method().equals("GET") && e.uri().startsWith("/3311"))
                .reduce((x, y) -> y).orElseThrow(() -> new AssertionError("no GET /3311 in " + platform.requestLog()));
    }

    /** Every message the module's endpoint sends from now on (retransmissions included). */
    private void watchSentMessages() {
        for (Endpoint e : provider.getCoapServer().getEndpoints()) {
            e.addInterceptor(new MessageInterceptorAdapter() {
                @Override
                public void sendResponse(Response response) {
                    sent.add(response);
                }

                @Override
                public void sendEmptyMessage(EmptyMessage message) {
                    sent.add(message);
                }
            });
        }
    }

    private void watchNotificationTypes() {
        for (Endpoint e : provider.getCoapServer().getEndpoints()) {
            e.addInterceptor(new MessageInterceptorAdapter() {
                @Override
                public void sendResponse(Response response) {
                    if (response.getOptions().hasObserve()) {
                        notificationTypes.add(response.getType());
                    }
                }
            });
        }
    }

    private void start(boolean withHook, CoapTiming timing) {
        platform = LeshanPlatform.builder().bootstrap(false).oneNetBehaviour(false).start();
        provider = ModuleEndpointsProvider.create(InetAddress.getLoopbackAddress(), timing, (CoapServer server) -> {
            if (withHook) {
                server.setMessageDeliverer(new OfflineDeliverer(server.getMessageDeliverer(), x -> true, () -> true,
                        x -> false));
            }
            server.add(object);
        }, arrivals::add);
        List<ObjectModel> models = new java.util.ArrayList<>(ObjectLoader.loadAllDefault());
        models.add(McuObjectEnabler.model(3311));
        ObjectsInitializer init = new ObjectsInitializer(new StaticModel(models));
        init.setInstancesForObject(LwM2mId.SECURITY, Security.noSec(platform.coapUri(), 1));
        init.setInstancesForObject(LwM2mId.SERVER, new Server(1, 300));
        init.setInstancesForObject(LwM2mId.DEVICE, new Device("Quectel_Ltd", "Quectel_BC260Y-CN", "1"));
        List<LwM2mObjectEnabler> enablers = new java.util.ArrayList<>(init.createAll());
        enablers.add(new McuObjectEnabler(3311, List.of(0)));
        LeshanClientBuilder b = new LeshanClientBuilder(ENDPOINT);
        b.setObjects(enablers);
        b.setEndpointsProviders(provider);
        b.setRegistrationEngineFactory(new DefaultRegistrationEngineFactory());
        client = b.build();
        client.start();
        await("registration").atMost(Duration.ofSeconds(10)).until(() -> platform.device(ENDPOINT).isPresent());
    }

    /** Object 3311 answered by the test: reads after a delay, an observe at once, notifications on demand. */
    private final class ScriptedObject extends CoapResource {
        volatile Duration answerAfter = Duration.ZERO;
        private final Queue<Response> pending = new ConcurrentLinkedQueue<>();

        ScriptedObject() {
            super("3311");
            setObservable(true);
        }

        @Override
        public Resource getChild(String name) {
            return this;
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            var relation = exchange.advanced().getRelation();
            if (relation != null && relation.isEstablished()) {
                Response next = pending.poll();
                if (next != null) {
                    exchange.respond(next);
                }
                return;
            }
            if (exchange.getRequestOptions().hasObserve()) {
                exchange.respond(ResponseCode.CONTENT); // the SDK's observe_asynAckNodata: no payload, no format
                return;
            }
            timer.schedule(() -> exchange.respond(value(1.88)), answerAfter.toMillis(), TimeUnit.MILLISECONDS);
        }

        void notify(double v, Type type, java.util.function.Consumer<NotifyOutcome.Result> outcome) {
            Response r = instanceValue(v);
            r.setType(type);
            if (type == Type.CON) {
                NotifyOutcome.follow(r, outcome);
            }
            pending.add(r);
            changed();
        }

        private Response value(double v) {
            Response r = new Response(ResponseCode.CONTENT);
            r.setPayload(new DefaultLwM2mEncoder().encode(LwM2mSingleResource.newFloatResource(5805, v),
                    ContentFormat.TLV, new LwM2mPath(3311, 0, 5805), new StaticModel()));
            r.getOptions().setContentFormat(ContentFormat.TLV.getCode());
            return r;
        }

        private Response instanceValue(double v) {
            Response r = new Response(ResponseCode.CONTENT);
            r.setPayload(new DefaultLwM2mEncoder().encode(
                    new org.eclipse.leshan.core.node.LwM2mObjectInstance(0,
                            LwM2mSingleResource.newFloatResource(5805, v)),
                    ContentFormat.TLV, new LwM2mPath(3311, 0), new StaticModel()));
            r.getOptions().setContentFormat(ContentFormat.TLV.getCode());
            return r;
        }
    }
}
