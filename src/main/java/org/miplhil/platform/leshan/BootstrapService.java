package org.miplhil.platform.leshan;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;
import org.eclipse.leshan.core.SecurityMode;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.peer.IpPeer;
import org.eclipse.leshan.core.peer.LwM2mPeer;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.core.request.BootstrapRequest;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig;
import org.eclipse.leshan.server.bootstrap.BootstrapFailureCause;
import org.eclipse.leshan.server.bootstrap.BootstrapSession;
import org.eclipse.leshan.server.bootstrap.BootstrapSessionAdapter;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServer;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServerBuilder;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.CaliforniumBootstrapServerEndpoint;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.CaliforniumBootstrapServerEndpointsProvider;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.coap.CoapBootstrapServerProtocolProvider;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.RequestLogEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bootstrap server: it hands every client the LwM2M server's no-sec account, reports each bootstrap as a
 * {@link DeviceEvent.BootstrapFinished} and logs its requests under the client's endpoint name.
 */
final class BootstrapService {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapService.class);

    private final LeshanPlatformBuilder settings;
    private final Supplier<InetSocketAddress> lwm2mServer;
    private final Consumer<DeviceEvent> events;
    private final Consumer<RequestLogEntry> log;
    /** Bootstrap clients by address, to name the endpoint in the request log. */
    private final Map<InetSocketAddress, String> peers = new ConcurrentHashMap<>();
    private LeshanBootstrapServer server;
    private InetSocketAddress address;

    BootstrapService(LeshanPlatformBuilder settings, Supplier<InetSocketAddress> lwm2mServer,
                     Consumer<DeviceEvent> events, Consumer<RequestLogEntry> log) {
        this.settings = settings;
        this.lwm2mServer = lwm2mServer;
        this.events = events;
        this.log = log;
    }

    /** Binds and starts; throws {@link IllegalStateException} when the port cannot be bound. */
    void start() {
        CaliforniumBootstrapServerEndpointsProvider.Builder eb =
                new CaliforniumBootstrapServerEndpointsProvider.Builder(new CoapBootstrapServerProtocolProvider());
        eb.setConfiguration(c -> settings.coap.withProtocolStageThreads(2).applyTo(c));
        eb.addEndpoint(new InetSocketAddress(settings.address, settings.bootstrapPort), Protocol.COAP);

        LeshanBootstrapServerBuilder bb = new LeshanBootstrapServerBuilder();
        bb.setEndpointsProviders(eb.build());
        bb.setConfigStore(session -> config());
        server = bb.build();
        server.addListener(new Sessions());
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start the bootstrap server on "
                    + settings.address.getHostAddress() + ":" + settings.bootstrapPort + " (UDP): " + e.getMessage(), e);
        }
        CaliforniumBootstrapServerEndpoint ep = (CaliforniumBootstrapServerEndpoint) server.getEndpoint(Protocol.COAP);
        address = LeshanPlatform.socketAddress(ep.getURI());
        ep.getCoapEndpoint().addInterceptor(new MessageInterceptorAdapter() {
            @Override
            public void sendRequest(Request request) {
                InetSocketAddress peer = request.getDestinationContext() == null ? null
                        : request.getDestinationContext().getPeerAddress();
                String endpoint = peer == null ? "" : peers.getOrDefault(peer, "");
                RequestLogger.attach(request, "bootstrap", endpoint, null, log);
            }
        });
    }

    InetSocketAddress address() {
        return address;
    }

    /** Stops the endpoint (no more exchanges, none retransmitting) while its executors still run. */
    void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (RuntimeException e) {
                LOG.warn("stopping the bootstrap server", e);
            }
        }
    }

    /** Frees the socket and the executors; after {@link #stop()}. */
    void destroy() {
        if (server != null) {
            try {
                server.destroy();
            } catch (RuntimeException e) {
                LOG.warn("destroying the bootstrap server", e);
            }
        }
    }

    /**
     * Any endpoint gets the same account: delete /0 and /1 (the client keeps its bootstrap account), write the
     * LwM2M server's no-sec security instance /0/1 and server instance /1/0.
     */
    private BootstrapConfig config() {
        BootstrapConfig config = new BootstrapConfig();
        config.toDelete.add("/0");
        config.toDelete.add("/1");
        BootstrapConfig.ServerSecurity security = new BootstrapConfig.ServerSecurity();
        InetSocketAddress server = lwm2mServer.get();
        security.uri = org.miplhil.platform.Platform.coapUriOf(settings.advertiseHost == null ? server
                : InetSocketAddress.createUnresolved(settings.advertiseHost, server.getPort()));
        security.bootstrapServer = false;
        security.securityMode = SecurityMode.NO_SEC;
        security.serverId = settings.shortServerId;
        config.security.put(1, security);
        BootstrapConfig.ServerConfig lwm2m = new BootstrapConfig.ServerConfig();
        lwm2m.shortId = settings.shortServerId;
        lwm2m.lifetime = (int) settings.bootstrapLifetime.toSeconds();
        lwm2m.binding = EnumSet.of(BindingMode.U);
        config.servers.put(0, lwm2m);
        return config;
    }

    private final class Sessions extends BootstrapSessionAdapter {
        @Override
        public void sessionInitiated(BootstrapRequest request, LwM2mPeer client) {
            if (client instanceof IpPeer ip) {
                peers.put(ip.getSocketAddress(), request.getEndpointName());
            }
        }

        @Override
        public void end(BootstrapSession session) {
            forget(session);
            events.accept(new DeviceEvent.BootstrapFinished(session.getEndpoint(), true, "", Instant.now(),
                    System.nanoTime()));
        }

        @Override
        public void failed(BootstrapSession session, BootstrapFailureCause cause) {
            forget(session);
            events.accept(new DeviceEvent.BootstrapFinished(session.getEndpoint(), false, String.valueOf(cause),
                    Instant.now(), System.nanoTime()));
        }

        private void forget(BootstrapSession session) {
            if (session.getClientTransportData() instanceof IpPeer ip) {
                peers.remove(ip.getSocketAddress());
            }
        }
    }
}
