package org.miplhil.sim.lwm2m;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.leshan.client.bootstrap.BootstrapHandler;
import org.eclipse.leshan.client.bootstrap.InvalidStateException;
import org.eclipse.leshan.client.engine.RegistrationEngine;
import org.eclipse.leshan.client.EndpointsManager;
import org.eclipse.leshan.client.request.UplinkRequestSender;
import org.eclipse.leshan.client.resource.LwM2mObjectEnabler;
import org.eclipse.leshan.client.servers.DmServerInfo;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.client.servers.ServerInfo;
import org.eclipse.leshan.client.servers.ServersInfoExtractor;
import org.eclipse.leshan.core.LwM2m.LwM2mVersion;
import org.eclipse.leshan.core.peer.IpPeer;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.core.request.BootstrapRequest;
import org.eclipse.leshan.core.request.DeregisterRequest;
import org.eclipse.leshan.core.request.RegisterRequest;
import org.eclipse.leshan.core.request.UpdateRequest;
import org.eclipse.leshan.core.request.UplinkRequest;
import org.eclipse.leshan.core.request.exception.TimeoutException;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.core.response.RegisterResponse;
import org.eclipse.leshan.core.response.UpdateResponse;
import org.miplhil.at.EventId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registration state machine of the module's OneNET SDK, replacing Leshan's (which retries, re-bootstraps and
 * updates on its own): one attempt per AT+MIPLOPEN within its {@code <timeout>}, updates only when the MCU or the
 * lifetime asks, the events of 5.7 at each step.
 * <ul>
 *   <li>open (3.3.7): with bootstrap 1, then 2 or 3; then 4 once the access server's endpoint exists (5 if it
 *       cannot be made), then 6, or 7 on an error answer or a send failure, or 8 when the time is up;</li>
 *   <li>update (3.3.16): 11, 12 on an error answer, 13 without answer;</li>
 *   <li>lifetime (3.3.7, 3.3.1 remark 2): the module's lifetime is {@code <lifetime>} × 0.9; before it ends, 14 with
 *       the seconds left (and, with auto_update, an update); when it ends without a successful update, 9 and the
 *       registration is given up;</li>
 *   <li>close (3.3.8): deregistration, then 15 whatever the server answered.</li>
 * </ul>
 * Everything runs on one engine thread; requests are sent asynchronously, so nothing waits on the network.
 */
final class ModuleEngine extends QuietRegistrationEngine {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleEngine.class);

    /** What the engine reports; called on the engine thread. */
    interface Listener {
        void event(EventId evtId);

        void event(EventId evtId, long extend);

        /**
         * The registration succeeded: event 6 must go out now, before any request of the server is shown.
         * {@code answerNanos} is when the Register's answer was received ({@link System#nanoTime()} scale): a request
         * received before it overtook the answer, and the SDK ignored it.
         */
        void registered(InetSocketAddress server, long answerNanos);

        /** The registration is over (failure, expiry, deregistration): the client can be taken down. */
        void ended();
    }

    /** What AT+MIPLOPEN asks for. */
    record Plan(boolean bootstrap, long lifetimeSeconds, Duration timeout, boolean autoUpdate) {}

    enum State { IDLE, BOOTSTRAPPING, CONNECTING, REGISTERING, REGISTERED, CLOSING, ENDED }

    private final String endpoint;
    private final Map<Integer, LwM2mObjectEnabler> objectEnablers;
    private final EndpointsManager endpoints;
    private final UplinkRequestSender sender;
    private final BootstrapHandler bootstrapHandler;
    private final Plan plan;
    private final Lwm2mSettings settings;
    private final Listener listener;
    private final ScheduledThreadPoolExecutor thread;
    private final ExecutorService waiter;

    // engine-thread state; volatile where Leshan's threads read it
    private volatile State state = State.IDLE;
    private volatile LwM2mServer bootstrapServer;
    private volatile LwM2mServer dmServer;
    private volatile String registrationId;
    private long lifetimeSeconds;
    private long openDeadline;
    /** Bumped whenever a step is abandoned: callbacks of older steps are ignored. */
    private int step;
    private boolean closeRequested;
    private ScheduledFuture<?> warnTimer;
    private ScheduledFuture<?> expireTimer;
    private Future<?> bootstrapWait;

    ModuleEngine(String endpoint, Map<Integer, LwM2mObjectEnabler> objectEnablers, EndpointsManager endpoints,
                 UplinkRequestSender sender, BootstrapHandler bootstrapHandler, Plan plan, Lwm2mSettings settings,
                 Listener listener) {
        this.endpoint = endpoint;
        this.objectEnablers = objectEnablers;
        this.endpoints = endpoints;
        this.sender = sender;
        this.bootstrapHandler = bootstrapHandler;
        this.plan = plan;
        this.settings = settings;
        this.listener = listener;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "lwm2m-engine " + endpoint));
        this.thread.setRemoveOnCancelPolicy(true);
        this.waiter = Executors.newSingleThreadExecutor(r -> daemon(r, "lwm2m-bootstrap-wait " + endpoint));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    State state() {
        return state;
    }

    /** The access server's address once its endpoint exists (from event 4 on), else null. */
    InetSocketAddress serverAddress() {
        return address(dmServer);
    }

    // ---------------------------------------------------------------- commands (any thread)

    /** AT+MIPLUPDATE. */
    void update(long lifetime, boolean withObjects) {
        run(() -> {
            if (state == State.REGISTERED) {
                sendUpdate(lifetime, withObjects);
            }
        });
    }

    /** AT+MIPLCLOSE: deregister if registered, abandon a registration in progress; 15 in every case. */
    void close() {
        run(() -> {
            if (state == State.ENDED || state == State.CLOSING) {
                return;
            }
            cancelTimers();
            step++;
            if (state == State.REGISTERED) {
                state = State.CLOSING;
                int s = step;
                send(dmServer, new DeregisterRequest(registrationId), settings.deregistrationTimeout(),
                        r -> finishClose(s), e -> finishClose(s));
            } else {
                // a registration still in flight is deregistered if it succeeds after all (see onRegistered)
                closeRequested = state == State.REGISTERING;
                state = State.ENDED;
                listener.event(EventId.DEREG_DONE);
                listener.ended();
            }
        });
    }

    private void finishClose(int s) {
        if (s != step || state != State.CLOSING) {
            return;
        }
        state = State.ENDED;
        registrationId = null;
        listener.event(EventId.DEREG_DONE);
        listener.ended();
    }

    /** Power lost: stop at once, no event, no message. */
    void kill() {
        run(() -> {
            step++;
            cancelTimers();
            state = State.ENDED;
        });
        shutdown();
    }

    private void run(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    unexpected(e);
                }
            });
        } catch (RejectedExecutionException e) {
            // engine shut down: nothing more happens
        }
    }

    private void shutdown() {
        thread.shutdown();
        waiter.shutdownNow();
    }

    // ---------------------------------------------------------------- open (3.3.7)

    private void begin() {
        openDeadline = System.nanoTime() + plan.timeout().toNanos();
        if (plan.bootstrap()) {
            state = State.BOOTSTRAPPING;
            listener.event(EventId.BOOTSTRAP_START);
            startBootstrap();
        } else {
            connect();
        }
    }

    private long remainingMillis() {
        return Math.max(0, (openDeadline - System.nanoTime()) / 1_000_000);
    }

    private void fail(EventId evtId) {
        step++;
        cancelTimers();
        state = State.ENDED;
        bootstrapServer = null;
        if (bootstrapHandler.isBootstrapping()) {
            bootstrapHandler.closeSession();
        }
        listener.event(evtId);
        listener.ended();
    }

    private void startBootstrap() {
        ServerInfo info = ServersInfoExtractor.getBootstrapServerInfo(objectEnablers);
        if (info == null || !bootstrapHandler.tryToInitSession()) {
            fail(EventId.BOOTSTRAP_FAILED);
            return;
        }
        LwM2mServer bs;
        try {
            bs = endpoints.createEndpoint(info, true);
        } catch (RuntimeException e) {
            LOG.info("{}: no endpoint for the bootstrap server {}: {}", endpoint, info.serverUri, e.toString());
            bs = null;
        }
        if (bs == null) {
            fail(EventId.BOOTSTRAP_FAILED);
            return;
        }
        bootstrapServer = bs;
        int s = step;
        long left = remainingMillis();
        if (left <= 0) {
            fail(EventId.BOOTSTRAP_FAILED);
            return;
        }
        send(bs, new BootstrapRequest(endpoint, null, null), Duration.ofMillis(left), r -> {
            if (s != step) {
                return;
            }
            if (!r.isSuccess()) {
                LOG.info("{}: bootstrap refused: {} {}", endpoint, r.getCode(), r.getErrorMessage());
                fail(EventId.BOOTSTRAP_FAILED);
                return;
            }
            awaitBootstrapFinish(s);
        }, e -> {
            if (s == step) {
                LOG.info("{}: bootstrap request failed: {}", endpoint, e.toString());
                fail(EventId.BOOTSTRAP_FAILED);
            }
        });
    }

    /** Bootstrap-Finish arrives as a request from the server; Leshan's handler only offers a blocking wait. */
    private void awaitBootstrapFinish(int s) {
        long seconds = (remainingMillis() + 999) / 1000;
        if (seconds <= 0) {
            fail(EventId.BOOTSTRAP_FAILED);
            return;
        }
        try {
            bootstrapWait = waiter.submit(() -> {
                boolean finished;
                try {
                    finished = bootstrapHandler.waitBootstrapFinished(seconds);
                } catch (InvalidStateException e) {
                    LOG.info("{}: bootstrap left the client inconsistent: {}", endpoint, e.getMessage());
                    finished = false;
                } catch (InterruptedException e) {
                    return;
                }
                boolean ok = finished;
                run(() -> {
                    if (s != step) {
                        return;
                    }
                    bootstrapServer = null;
                    bootstrapHandler.closeSession();
                    if (!ok) {
                        fail(EventId.BOOTSTRAP_FAILED);
                        return;
                    }
                    listener.event(EventId.BOOTSTRAP_SUCCESS);
                    connect();
                });
            });
        } catch (RejectedExecutionException e) {
            // shut down
        }
    }

    private void connect() {
        state = State.CONNECTING;
        DmServerInfo info = selectServer(ServersInfoExtractor.getInfo(objectEnablers).deviceManagements);
        LwM2mServer server = null;
        if (info != null) {
            try {
                server = endpoints.createEndpoint(info, false);
            } catch (RuntimeException e) {
                LOG.info("{}: no endpoint for {}: {}", endpoint, info.serverUri, e.toString());
            }
        }
        if (server == null) {
            fail(EventId.CONNECT_FAILED);
            return;
        }
        dmServer = server;
        listener.event(EventId.CONNECT_SUCCESS);
        register();
    }

    private static DmServerInfo selectServer(Map<Long, DmServerInfo> servers) {
        return servers == null || servers.isEmpty() ? null
                : servers.entrySet().stream().min(Map.Entry.comparingByKey()).get().getValue();
    }

    private void register() {
        long left = remainingMillis();
        if (left <= 0) {
            fail(EventId.REG_TIMEOUT);
            return;
        }
        state = State.REGISTERING;
        int s = step;
        RegisterRequest request = new RegisterRequest(endpoint, plan.lifetimeSeconds(), LwM2mVersion.V1_0.toString(),
                EnumSet.of(BindingMode.U), null, null, SdkLinks.of(objectEnablers), null); // LwM2M 1.0 has no queue-mode flag
        LwM2mServer server = dmServer;
        send(server, request, Duration.ofMillis(left), (RegisterResponse r) -> {
            if (s != step) {
                if (closeRequested && r.isSuccess()) {
                    // closed while registering: do not leave a registration behind, tell nobody
                    send(server, new DeregisterRequest(r.getRegistrationID()), settings.deregistrationTimeout(),
                            x -> { }, e -> { });
                }
                return;
            }
            if (r.isSuccess()) {
                registrationId = r.getRegistrationID();
                lifetimeSeconds = plan.lifetimeSeconds();
                state = State.REGISTERED;
                listener.registered(address(server), receivedAt(r));
                scheduleLifetime();
            } else {
                LOG.info("{}: registration refused: {} {}", endpoint, r.getCode(), r.getErrorMessage());
                fail(EventId.REG_FAILED);
            }
        }, e -> {
            if (s == step) {
                LOG.info("{}: registration failed: {}", endpoint, e.toString());
                fail(e instanceof TimeoutException ? EventId.REG_TIMEOUT : EventId.REG_FAILED);
            }
        });
    }

    static InetSocketAddress address(LwM2mServer server) {
        return server != null && server.getTransportData() instanceof IpPeer ip ? ip.getSocketAddress() : null;
    }

    // ---------------------------------------------------------------- update (3.3.16) and lifetime

    private void sendUpdate(long lifetime, boolean withObjects) {
        int s = step;
        UpdateRequest request = new UpdateRequest(registrationId, lifetime, null, null,
                withObjects ? SdkLinks.of(objectEnablers) : null, null);
        // a confirmable message is given up after MAX_TRANSMIT_WAIT (RFC 7252 4.8.2)
        Duration timeout = settings.coap().maxTransmitWait().plusSeconds(1);
        send(dmServer, request, timeout, (UpdateResponse r) -> {
            if (s != step || state != State.REGISTERED) {
                return;
            }
            if (r.isSuccess()) {
                lifetimeSeconds = lifetime;
                listener.event(EventId.UPDATE_SUCCESS);
                scheduleLifetime();
            } else {
                LOG.info("{}: update refused: {} {}", endpoint, r.getCode(), r.getErrorMessage());
                listener.event(EventId.UPDATE_FAILED);
            }
        }, e -> {
            if (s == step && state == State.REGISTERED) {
                LOG.info("{}: update failed: {}", endpoint, e.toString());
                listener.event(e instanceof TimeoutException ? EventId.UPDATE_TIMEOUT : EventId.UPDATE_FAILED);
            }
        });
    }

    /**
     * From now, the module's lifetime ({@code lifetime × factor}) runs. Event 14 comes {@code margin} before its end:
     * the SDK warns MAX_TRANSMIT_WAIT before the end when the lifetime is longer than that, else MIN_TRANSMIT_WAIT
     * (the span of a confirmable message's retransmissions), else at half the lifetime ({@code registration_step}
     * of the XY1100 SDK, docs/evidence.md).
     */
    private void scheduleLifetime() {
        cancelTimers();
        long life = (long) (lifetimeSeconds * settings.lifetimeFactor() * 1_000_000_000L);
        long margin = warningMargin(life, settings.coap());
        long end = System.nanoTime() + life;
        int s = step;
        try {
            warnTimer = thread.schedule(() -> guarded(() -> warn(s, end)), life - margin, TimeUnit.NANOSECONDS);
            expireTimer = thread.schedule(() -> guarded(() -> expire(s)), life, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // the engine is shutting down (an answer that arrived during close): no lifetime left to watch
            cancelTimers();
        }
    }

    static long warningMargin(long lifeNanos, CoapTiming coap) {
        long maxWait = coap.maxTransmitWait().toNanos();
        long minWait = coap.ackTimeout().toNanos() * ((1L << (coap.maxRetransmit() + 1)) - 1);
        if (lifeNanos > maxWait) {
            return maxWait;
        }
        if (lifeNanos > minWait) {
            return minWait;
        }
        return lifeNanos / 2;
    }

    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            unexpected(e);
        }
    }

    /** A failure of Leshan's or ours must not leave the MCU waiting: a registration in progress fails. */
    private void unexpected(RuntimeException e) {
        LOG.warn("LwM2M engine of {}: {}", endpoint, e.toString(), e);
        switch (state) {
            case BOOTSTRAPPING -> fail(EventId.BOOTSTRAP_FAILED);
            case CONNECTING -> fail(EventId.CONNECT_FAILED);
            case REGISTERING -> fail(EventId.REG_FAILED);
            default -> {
                // registered, closing or over: the next command or timer goes on
            }
        }
    }

    private void warn(int s, long end) {
        if (s != step || state != State.REGISTERED) {
            return;
        }
        long left = Math.max(0, Math.round((end - System.nanoTime()) / 1e9));
        listener.event(EventId.UPDATE_NEED, left);
        if (plan.autoUpdate()) {
            sendUpdate(lifetimeSeconds, false);
        }
    }

    private void expire(int s) {
        if (s != step || state != State.REGISTERED) {
            return;
        }
        fail(EventId.LIFETIME_TIMEOUT);
    }

    private void cancelTimers() {
        if (warnTimer != null) {
            warnTimer.cancel(false);
        }
        if (expireTimer != null) {
            expireTimer.cancel(false);
        }
        if (bootstrapWait != null) {
            bootstrapWait.cancel(true);
        }
    }

    // ---------------------------------------------------------------- sending

    private <T extends LwM2mResponse> void send(LwM2mServer server, UplinkRequest<T> request, Duration timeout,
                                                Consumer<T> onResponse, Consumer<Exception> onError) {
        try {
            sender.send(server, request, Math.max(1, timeout.toMillis()),
                    r -> run(() -> onResponse.accept(r)), e -> run(() -> onError.accept(e)));
        } catch (RuntimeException e) { // no endpoint for that server, or the request could not be built
            onError.accept(e);
        }
    }

    // ---------------------------------------------------------------- RegistrationEngine

    @Override
    public void start() {
        run(this::begin);
    }

    @Override
    public void stop(boolean deregister) {
        kill();
    }

    @Override
    public void destroy(boolean deregister) {
        kill();
    }

    @Override
    public String getRegistrationId(LwM2mServer server) {
        return server != null && server.equals(dmServer) ? registrationId : null;
    }

    /** When an answer arrived off the wire (Californium's receive time), else now. */
    private static long receivedAt(org.eclipse.leshan.core.response.LwM2mResponse r) {
        if (r.getCoapResponse() instanceof org.eclipse.californium.core.coap.Response c && c.getNanoTimestamp() != 0) {
            return c.getNanoTimestamp();
        }
        return System.nanoTime();
    }

    @Override
    public Map<String, LwM2mServer> getRegisteredServers() {
        String id = registrationId;
        LwM2mServer s = dmServer;
        return state == State.REGISTERED && id != null && s != null ? Map.of(id, s) : Map.of();
    }

    @Override
    public LwM2mServer getRegisteredServer(long serverId) {
        LwM2mServer s = dmServer;
        return state == State.REGISTERED && s != null && s.getId() == serverId ? s : null;
    }

    /**
     * False when {@link #isAllowedToCommunicate} refuses the server at {@code peer} (not registered, not
     * bootstrapping; or not this client's server at all): such a
     * request is answered 5.00 before it reaches Leshan, whose refusal path fails with a ClassCastException in
     * 2.0.0-M15 (DefaultDownlinkReceiver.ErrorResponseCreator) and ends in the same 5.00.
     */
    boolean mayCommunicateWith(InetSocketAddress peer) {
        // the same answer as isAllowedToCommunicate gives for the server Leshan finds at this address: a request of
        // the LwM2M server after the close, while a bootstrap server is still known, is refused here, not by Leshan
        if (peer == null) {
            return false;
        }
        if (bootstrapServer != null && peer.equals(address(bootstrapServer))) {
            return true;
        }
        State st = state;
        return peer.equals(address(dmServer))
                && (st == State.REGISTERING || st == State.REGISTERED || st == State.CLOSING);
    }

    @Override
    public boolean isAllowedToCommunicate(LwM2mServer server) {
        if (server == null) {
            return false;
        }
        if (server.equals(bootstrapServer)) {
            return true;
        }
        State st = state;
        return server.equals(dmServer) && (st == State.REGISTERING || st == State.REGISTERED || st == State.CLOSING);
    }

    @Override
    public String getEndpoint() {
        return endpoint;
    }

    /** The factory Leshan's client builder asks for; it hands the engine its parts. */
    static org.eclipse.leshan.client.engine.RegistrationEngineFactory factory(Plan plan, Lwm2mSettings settings,
                                                                              Listener listener,
                                                                              Consumer<ModuleEngine> created) {
        return (endpoint, objectTree, endpointsManager, requestSender, bootstrapState, observer, additionalAttributes,
                bsAdditionalAttributes, supportedContentFormat, sharedExecutor, linkFormatHelper) -> {
            ModuleEngine e = new ModuleEngine(endpoint, objectTree.getObjectEnablers(), endpointsManager,
                    requestSender, bootstrapState, plan, settings, listener);
            created.accept(e);
            return e;
        };
    }
}
