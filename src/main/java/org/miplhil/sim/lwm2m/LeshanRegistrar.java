package org.miplhil.sim.lwm2m;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.resource.BaseInstanceEnablerFactory;
import org.eclipse.leshan.client.resource.LwM2mInstanceEnabler;
import org.eclipse.leshan.client.resource.LwM2mObjectEnabler;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.client.util.LinkFormatHelper;
import org.eclipse.leshan.core.LwM2m.LwM2mVersion;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.request.BindingMode;
import org.miplhil.at.EventId;
import org.miplhil.sim.registrar.Notification;
import org.miplhil.sim.registrar.ObjectSpec;
import org.miplhil.sim.registrar.OpenRequest;
import org.miplhil.sim.registrar.PlatformRequest;
import org.miplhil.sim.registrar.PlatformResponse;
import org.miplhil.sim.registrar.Registrar;
import org.miplhil.sim.registrar.RegistrarEvents;
import org.miplhil.sim.fota.FirmwarePort;
import org.miplhil.sim.fota.FotaStage;
import org.miplhil.sim.fota.FotaState;
import org.miplhil.sim.fota.UpdateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The virtual module's LwM2M side: a real Eclipse Leshan client (CoAP over UDP) per AT+MIPLOPEN, registering as
 * {@code IMEI;IMSI} with the objects and instances the MCU added, directly or through a bootstrap server, and
 * passing every request of the platform to the MCU (chapter 2). See {@code docs/lwm2m.md}.
 * <p>
 * Parts: {@link ModuleEngine} (registration, update, lifetime, deregistration and their events),
 * {@link McuObjectResource} (one per MCU object: requests to URCs, the MCU's answers to CoAP answers,
 * notifications; every answer piggy-backed, however late), {@link OfflineDeliverer} (5.00 while no server may be
 * talked to, and requests held back before the registration's answer), {@link RequestArrivals} (every request
 * before Californium's deduplicator: a retransmitted copy of a waiting request is shown again),
 * {@link SdkMsgIds} (the SDK's msgIds) and {@link PendingRequests} (the purge of a request the MCU never answers). Objects 0 (Security), 1 (Server), 3 (Device),
 * 4 (Connectivity Monitoring) and 5 (Firmware Update, {@link ModuleFirmware}) are the module's own, as in the
 * OneNET SDK: their requests never reach the MCU (6.1). An MCU object 3, 4 or 5 replaces the module's.
 * <p>
 * Threads: nothing the module calls blocks. Each registration has its engine thread; CoAP runs on Californium's
 * threads; one timer thread serves the purges; a client is torn down on a thread of its own. {@link #shutdown()} ends them.
 */
public final class LeshanRegistrar implements Registrar {

    private static final Logger LOG = LoggerFactory.getLogger(LeshanRegistrar.class);
    private static final int RAI_HISTORY = 256;
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** How long {@link #shutdown()} waits for its clients to stop (Californium waits 2 s at most for its threads). */
    static final java.time.Duration TEARDOWN_DEADLINE = java.time.Duration.ofSeconds(5);

    /** A {@code <raiMode>} the MCU gave, and with what (3.3.9 - 3.3.16: accepted and recorded, nothing more on UDP). */
    public record RaiUse(String command, long id, int raiMode) {}

    private final Lwm2mSettings settings;
    private final ScheduledThreadPoolExecutor timer;
    private final ClientTeardown teardown = new ClientTeardown();
    private final Deque<RaiUse> raiUses = new ArrayDeque<>();
    private Session session;
    /** The SDK context's observe counter: lives from AT+MIPLCREATE to power loss, across registrations. */
    private final SdkMsgIds msgIds = new SdkMsgIds();
    private volatile FirmwarePort firmware = NO_FIRMWARE;
    /** False in deep sleep (PSM): requests from the platform are lost. */
    private volatile boolean radioOn = true;

    /** Without a module around it (unit tests): the profile's revision, idle, every request refused. */
    private static final FirmwarePort NO_FIRMWARE = new FirmwarePort() {
        @Override
        public FotaState state() {
            return new FotaState(FotaStage.IDLE, 0, "", UpdateResult.INITIAL, java.util.Optional.empty(), true);
        }

        @Override
        public String writePackageUri(String uri) {
            return "4.05";
        }

        @Override
        public String executeUpdate() {
            return "4.05";
        }

        @Override
        public String packageUri() {
            return "";
        }
    };

    public LeshanRegistrar(Lwm2mSettings settings) {
        this.settings = settings;
        int n = INSTANCES.incrementAndGet();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "lwm2m-timer-" + n);
            t.setDaemon(true);
            return t;
        });
        this.timer.setRemoveOnCancelPolicy(true);
    }

    public LeshanRegistrar() {
        this(Lwm2mSettings.builder().build());
    }

    public Lwm2mSettings settings() {
        return settings;
    }

    // ---------------------------------------------------------------- Registrar

    @Override
    public synchronized void open(OpenRequest request, RegistrarEvents events) {
        if (session != null) {
            session.kill();
        }
        session = new Session(request, events);
        session.start();
    }

    @Override
    public synchronized void update(long lifetimeSeconds, boolean withObjects, List<ObjectSpec> objects, int raiMode) {
        record(new RaiUse("AT+MIPLUPDATE", lifetimeSeconds, raiMode));
        if (session != null) {
            session.engineCall(e -> e.update(lifetimeSeconds, withObjects));
        }
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.engineCall(ModuleEngine::close);
        }
    }

    @Override
    public synchronized void notify(Notification notification) {
        record(new RaiUse("AT+MIPLNOTIFY", notification.msgId(), notification.raiMode()));
        if (session != null) {
            session.notify(notification);
        }
    }

    @Override
    public synchronized void respond(PlatformResponse response) {
        record(new RaiUse(rspCommand(response), response.msgId(), raiMode(response)));
        if (session != null) {
            session.respond(response);
        }
    }

    @Override
    public synchronized void powerLost() {
        if (session != null) {
            session.kill();
            session = null;
        }
        msgIds.reset();
    }

    @Override
    public void instanceCreated() {
        msgIds.reset(); // cis_init (cis_core.c): nextObserveNum = 0
    }

    @Override
    public void radio(boolean on) {
        radioOn = on;
    }

    @Override
    public void firmware(FirmwarePort port) {
        this.firmware = port;
    }

    @Override
    public synchronized void firmwareChanged() {
        if (session != null) {
            session.firmwareChanged();
        }
    }

    /**
     * Power lost, and the timer thread stopped for good (not {@link #close()}, which is the deregistration): the
     * clients' endpoints and executors first (at most {@link #TEARDOWN_DEADLINE}), then the timer they may use.
     */
    public void shutdown() {
        powerLost();
        teardown.awaitAll(TEARDOWN_DEADLINE);
        timer.shutdownNow();
    }

    /** The {@code <raiMode>}s given so far, oldest first (at most the last 256). */
    public synchronized List<RaiUse> raiUses() {
        return List.copyOf(raiUses);
    }

    private void record(RaiUse use) {
        raiUses.addLast(use);
        while (raiUses.size() > RAI_HISTORY) {
            raiUses.removeFirst();
        }
    }

    // ---------------------------------------------------------------- one registration

    /** One AT+MIPLOPEN: its Leshan client, engine, MCU objects and pending requests. */
    private final class Session implements ModuleEngine.Listener, McuObjectResource.Channel {
        private final OpenRequest request;
        private final RegistrarEvents events;
        private final PendingRequests pending;
        private final List<McuObjectResource> resources = new ArrayList<>();
        /** Requests of the server before the registration's answer (the SDK ignores them). */
        private final EarlyRequests early = new EarlyRequests();
        private volatile OfflineDeliverer deliverer;
        private volatile ModuleFirmware firmwareObject;
        private volatile ModuleDevice deviceObject;
        private volatile ModuleEngine engine;
        private volatile LeshanClient client;
        private boolean registered;
        private volatile boolean dead;
        /** Set when the client starts being destroyed: requests then are refused before they reach Leshan. */
        private volatile boolean tearingDown;

        Session(OpenRequest request, RegistrarEvents events) {
            this.request = request;
            this.events = events;
            this.pending = new PendingRequests(timer, settings.purgeAfter());
        }

        void start() {
            try {
                client = buildClient();
            } catch (RuntimeException e) {
                // e.g. an address no URI can carry: as if nothing could be reached
                LOG.warn("{}: cannot make the LwM2M client: {}", request.endpointName(), e.toString());
                if (request.config().bootstrap()) {
                    events.event(EventId.BOOTSTRAP_START);
                    events.event(EventId.BOOTSTRAP_FAILED);
                } else {
                    events.event(EventId.CONNECT_FAILED);
                }
                return;
            }
            client.start();
        }

        private LeshanClient buildClient() {
            var c = request.config();
            String uri = "coap://" + hostLiteral(c.host()) + ":" + c.port();
            Map<Integer, ObjectSpec> mcu = new LinkedHashMap<>();
            for (ObjectSpec o : request.objects()) {
                if (o.objId() == LwM2mId.SECURITY || o.objId() == LwM2mId.SERVER) {
                    LOG.warn("{}: object {} is the module's own; the MCU's is not registered", request.endpointName(),
                            o.objId());
                    continue;
                }
                mcu.put(o.objId(), o);
            }
            List<ObjectModel> models = new ArrayList<>();
            for (ObjectModel m : ObjectLoader.loadAllDefault()) {
                if (!mcu.containsKey(m.id)) {
                    models.add(m);
                }
            }
            mcu.keySet().forEach(id -> models.add(McuObjectEnabler.model(id)));

            ObjectsInitializer init = new ObjectsInitializer(new StaticModel(models));
            if (c.bootstrap()) {
                init.setInstancesForObject(LwM2mId.SECURITY, Security.noSecBootstrap(uri));
                init.setClassForObject(LwM2mId.SERVER, Server.class);
            } else {
                init.setInstancesForObject(LwM2mId.SECURITY, Security.noSec(uri, settings.shortServerId()));
                init.setInstancesForObject(LwM2mId.SERVER, new Server(settings.shortServerId(),
                        request.lifetimeSeconds(), EnumSet.of(BindingMode.U), false, BindingMode.U));
            }
            List<LwM2mObjectEnabler> enablers = new ArrayList<>();
            List<Integer> own = new ArrayList<>(List.of(LwM2mId.SECURITY, LwM2mId.SERVER));
            FirmwarePort port = firmware;
            if (!mcu.containsKey(LwM2mId.DEVICE)) {
                ModuleDevice device = new ModuleDevice(settings, port);
                deviceObject = device;
                init.setInstancesForObject(LwM2mId.DEVICE, device);
                init.setFactoryForObject(LwM2mId.DEVICE, new BaseInstanceEnablerFactory() {
                    @Override
                    public LwM2mInstanceEnabler create() {
                        return new ModuleDevice(settings, port);
                    }
                });
                own.add(LwM2mId.DEVICE);
            }
            if (!mcu.containsKey(LwM2mId.CONNECTIVITY_MONITORING)) {
                init.setInstancesForObject(LwM2mId.CONNECTIVITY_MONITORING, new ModuleConnectivity(settings));
                init.setFactoryForObject(LwM2mId.CONNECTIVITY_MONITORING, new BaseInstanceEnablerFactory() {
                    @Override
                    public LwM2mInstanceEnabler create() {
                        return new ModuleConnectivity(settings); // single instance: never asked for a second
                    }
                });
                own.add(LwM2mId.CONNECTIVITY_MONITORING);
            }
            if (!mcu.containsKey(LwM2mId.FIRMWARE)) {
                ModuleFirmware fw = new ModuleFirmware(port);
                firmwareObject = fw;
                init.setInstancesForObject(LwM2mId.FIRMWARE, fw);
                init.setFactoryForObject(LwM2mId.FIRMWARE, new BaseInstanceEnablerFactory() {
                    @Override
                    public LwM2mInstanceEnabler create() {
                        return new ModuleFirmware(port); // single instance: never asked for a second
                    }
                });
                own.add(LwM2mId.FIRMWARE);
            }
            enablers.addAll(init.create(own.stream().mapToInt(Integer::intValue).toArray()));
            mcu.values().forEach(o -> enablers.add(new McuObjectEnabler(o.objId(), o.instanceIds())));

            ModuleEndpointsProvider provider = ModuleEndpointsProvider.create(clientAddress(c.host()),
                    settings.coap(), coap -> {
                        deliverer = new OfflineDeliverer(coap.getMessageDeliverer(), x -> {
                            ModuleEngine e = engine;
                            // a client being torn down no longer knows its servers: Leshan would refuse the
                            // request itself, on a path that throws in M15, so it is refused here
                            return !tearingDown && (e == null
                                    || e.mayCommunicateWith(x.getRequest().getSourceContext().getPeerAddress()));
                        }, () -> radioOn, this::hold);
                        coap.setMessageDeliverer(deliverer);
                        for (ObjectSpec o : mcu.values()) {
                            McuObjectResource r = new McuObjectResource(o.objId(), o.instanceIds(), this, timer);
                            resources.add(r);
                            coap.add(r); // replaces Leshan's resource for that object
                        }
                    }, this::arrived);
            ModuleEngine.Plan plan = new ModuleEngine.Plan(c.bootstrap(), request.lifetimeSeconds(),
                    java.time.Duration.ofSeconds(request.timeoutSeconds()), c.autoUpdate() == 1);
            LeshanClientBuilder b = new LeshanClientBuilder(request.endpointName());
            b.setObjects(enablers);
            b.setEndpointsProviders(provider);
            b.setLinkFormatHelper(new LinkFormatHelper(LwM2mVersion.V1_0));
            b.setRegistrationEngineFactory(ModuleEngine.factory(plan, settings, this, e -> engine = e));
            return b.build();
        }

        void engineCall(java.util.function.Consumer<ModuleEngine> call) {
            ModuleEngine e = engine;
            if (e != null && !dead) {
                call.accept(e);
            }
        }

        // ---- engine events

        @Override
        public void event(EventId evtId) {
            if (!dead) {
                events.event(evtId);
            }
        }

        @Override
        public void event(EventId evtId, long extend) {
            if (!dead) {
                events.event(evtId, extend);
            }
        }

        @Override
        public void registered(InetSocketAddress address, long answerNanos) {
            List<Exchange> after = new ArrayList<>();
            synchronized (this) {
                if (dead) {
                    return;
                }
                events.event(EventId.REG_SUCCESS);
                registered = true;
                after.addAll(early.receivedAfter(answerNanos)); // the others wait for their retransmission
            }
            after.forEach(this::release);
        }

        /** The deliverer's question: a request of the server before the registration's answer is held back. */
        private synchronized boolean hold(Exchange exchange) {
            if (dead || registered || !fromServer(exchange.getRequest())) {
                return false;
            }
            early.hold(exchange);
            return true;
        }

        /** Delivered on the exchange's own serial executor, as Californium delivers every request. */
        private void release(Exchange exchange) {
            OfflineDeliverer d = deliverer;
            if (d != null && !dead) {
                exchange.execute(() -> d.release(exchange));
            }
        }

        @Override
        public void ended() {
            synchronized (this) {
                registered = false;
                early.clear();
            }
            pending.clear();
            tearDown();
        }

        // ---- the MCU objects' channel

        @Override
        public boolean fromServer(Exchange exchange) {
            return fromServer(exchange.getRequest());
        }

        /** Known from event 4 on: a request that comes before the registration's answer is ignored, not refused. */
        private boolean fromServer(Request r) {
            ModuleEngine e = engine;
            InetSocketAddress s = e == null ? null : e.serverAddress();
            return s != null && s.equals(r.getSourceContext().getPeerAddress());
        }

        @Override
        public synchronized void ask(Exchange exchange, LongFunction<PlatformRequest> make,
                                     PendingRequests.Answer answer) {
            if (!dead && registered) { // requests before event 6 are held back by the deliverer (hold)
                show(exchange.getRequest(), make, answer);
            }
        }

        /** The URC now, with the SDK's msgId; the request waits for the MCU's answer. */
        private void show(Request request, LongFunction<PlatformRequest> make, PendingRequests.Answer answer) {
            long msgId = msgIds.msgIdFor(request);
            events.request(pending.add(msgId, new PendingRequests.Copy(request.getMID(), request.getTokenBytes()),
                    make, answer));
        }

        /**
         * Every request received, before Californium's deduplicator ({@link RequestArrivals}). A copy of a request
         * still waiting for the MCU prints its URC again with the same msgId (the SDK's callback runs for every
         * copy; one request stays pending). The retransmission of a request ignored before the registration's
         * answer is handled now, on the first copy's exchange (which answers with the same message ID and token);
         * the copy itself goes no further, so that nothing answers twice.
         */
        private void arrived(Request copy) {
            Exchange release = null;
            synchronized (this) {
                if (dead || !radioOn || !fromServer(copy)) {
                    return;
                }
                if (early.holds(copy)) {
                    if (registered) {
                        release = early.retransmitted(copy).orElse(null);
                        copy.setCanceled(true); // Californium's deduplicator would answer it again
                    }
                } else {
                    pending.waitingFor(copy.getMID(), copy.getTokenBytes()).ifPresent(r -> {
                        LOG.info("{}: retransmitted request {} shown again as msgId {}", request.endpointName(), copy,
                                r.msgId());
                        events.request(r);
                    });
                }
            }
            if (release != null) {
                release(release);
            }
        }

        void notify(Notification n) {
            for (McuObjectResource r : resources) {
                if (r.notify(n, result -> event(result == NotifyOutcome.Result.ACKNOWLEDGED
                        ? EventId.NOTIFY_SUCCESS : EventId.NOTIFY_FAILED, n.ackId()))) {
                    return;
                }
            }
            LOG.info("{}: notification {} has no observation to go with", request.endpointName(), n.msgId());
            if (n.ackId() > 0) {
                event(EventId.NOTIFY_FAILED, n.ackId());
            }
        }

        void respond(PlatformResponse r) {
            if (!pending.complete(r)) {
                // packet_step (cis_packet.c): an answer whose request is gone raises CIS_EVENT_RESPONSE_FAILED
                LOG.info("{}: answer {} came when nothing waited for it (purged, or answered already)",
                        request.endpointName(), r.msgId());
                event(EventId.RESPONSE_FAILED, r.msgId());
            }
        }

        void firmwareChanged() {
            ModuleFirmware fw = firmwareObject;
            if (fw != null && !dead) {
                fw.changed();
            }
            ModuleDevice d = deviceObject;
            if (d != null && !dead) {
                d.fireResourceChange(3);
            }
        }

        void kill() {
            dead = true;
            ModuleEngine e = engine;
            if (e != null) {
                e.kill();
            }
            pending.clear();
            tearDown();
        }

        private void tearDown() {
            LeshanClient c = client;
            if (c == null) {
                return;
            }
            tearingDown = true;
            resources.forEach(McuObjectResource::forgetObservations);
            teardown.destroy(c, request.endpointName());
        }
    }

    // ---------------------------------------------------------------- helpers

    static String hostLiteral(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Loopback servers are reached from the loopback address; any other from all addresses. */
    static InetAddress clientAddress(String host) {
        try {
            if (InetAddress.getByName(host).isLoopbackAddress()) {
                return InetAddress.getLoopbackAddress();
            }
        } catch (UnknownHostException | SecurityException e) {
            // not resolvable: the engine reports it when it makes the endpoint
        }
        return new InetSocketAddress(0).getAddress();
    }

    private static String rspCommand(PlatformResponse r) {
        return "AT+MIPL" + r.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT) + "RSP";
    }

    private static int raiMode(PlatformResponse r) {
        if (r instanceof PlatformResponse.Discover d) {
            return d.raiMode();
        } else if (r instanceof PlatformResponse.Observe o) {
            return o.raiMode();
        } else if (r instanceof PlatformResponse.Read x) {
            return x.raiMode();
        } else if (r instanceof PlatformResponse.Write w) {
            return w.raiMode();
        } else if (r instanceof PlatformResponse.Execute x) {
            return x.raiMode();
        } else {
            return ((PlatformResponse.Parameter) r).raiMode();
        }
    }
}
