package org.miplhil.sim.lwm2m;

import java.net.InetAddress;
import java.security.cert.Certificate;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.endpoint.ClientEndpointToolbox;
import org.eclipse.leshan.client.notification.NotificationManager;
import org.eclipse.leshan.client.request.DownlinkRequestReceiver;
import org.eclipse.leshan.client.resource.LwM2mObjectTree;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.client.servers.ServerInfo;

/**
 * Leshan's Californium endpoints (CoAP over UDP, no DTLS) with the module's hooks: once Leshan has built its CoAP
 * server and resources, {@code customizer} gets the server to replace resources and wrap the message deliverer.
 */
final class ModuleEndpointsProvider extends CaliforniumClientEndpointsProvider {

    private final Consumer<CoapServer> customizer;
    private final Consumer<Request> arrivals;

    private ModuleEndpointsProvider(Builder builder, Consumer<CoapServer> customizer, Consumer<Request> arrivals) {
        super(builder);
        this.customizer = customizer;
        this.arrivals = arrivals;
    }

    /** {@code arrivals} sees every request received, duplicates included, before the deduplicator. */
    static ModuleEndpointsProvider create(InetAddress clientAddress, CoapTiming timing,
                                          Consumer<CoapServer> customizer, Consumer<Request> arrivals) {
        Builder b = new Builder();
        Configuration c = b.createDefaultConfiguration();
        timing.applyTo(c); // after Leshan's defaults, which set one protocol-stage thread
        b.setConfiguration(c);
        b.setClientAddress(clientAddress);
        return b.build(customizer, arrivals);
    }

    @Override
    public LwM2mServer createEndpoint(ServerInfo serverInfo, boolean clientInitiatedOnly,
                                      List<Certificate> trustStore, ClientEndpointToolbox toolbox) {
        LwM2mServer server = super.createEndpoint(serverInfo, clientInitiatedOnly, trustStore, toolbox);
        sdkWireForm();
        return server;
    }

    @Override
    public Collection<LwM2mServer> createEndpoints(Collection<? extends ServerInfo> serverInfo,
                                                   boolean clientInitiatedOnly, List<Certificate> trustStore,
                                                   ClientEndpointToolbox toolbox) {
        Collection<LwM2mServer> servers = super.createEndpoints(serverInfo, clientInitiatedOnly, trustStore, toolbox);
        sdkWireForm();
        return servers;
    }

    /**
     * Every endpoint sends Register, Update and Bootstrap-Request in the SDK's form, and shows the module every
     * request it receives.
     */
    private void sdkWireForm() {
        CoapServer coap = getCoapServer();
        if (coap == null) {
            return;
        }
        for (Endpoint e : coap.getEndpoints()) {
            if (e.getInterceptors().stream().noneMatch(SdkWireForm.class::isInstance)) {
                e.addInterceptor(new SdkWireForm());
            }
            if (e.getInterceptors().stream().noneMatch(RequestArrivals.class::isInstance)) {
                e.addInterceptor(new RequestArrivals(arrivals));
            }
        }
    }

    @Override
    public void init(LwM2mObjectTree objectTree, DownlinkRequestReceiver requestReceiver,
                     NotificationManager notificationManager, ClientEndpointToolbox toolbox) {
        super.init(objectTree, requestReceiver, notificationManager, toolbox);
        customizer.accept(getCoapServer());
    }

    /**
     * The endpoints stop before Leshan's executor: stopping an endpoint cancels its exchanges (and their
     * retransmissions) while the executor still takes tasks. Leshan 2.0.0-M15's own order shuts the executor down
     * first and the CoAP server after; a message the endpoints still send meanwhile has Leshan schedule its request
     * timeout (CoapAsyncRequestObserver, on Californium's "ready to send") on the terminated executor, and
     * Californium's SerialExecutor logs the RejectedExecutionException with its stack trace.
     */
    @Override
    public synchronized void destroy() {
        CoapServer coap = getCoapServer();
        if (coap != null) {
            try {
                coap.stop();
            } catch (RuntimeException e) {
                // destroying goes on
            }
        }
        super.destroy();
    }

    private static final class Builder extends CaliforniumClientEndpointsProvider.Builder {
        Builder() {
            super(new CoapClientProtocolProvider());
        }

        ModuleEndpointsProvider build(Consumer<CoapServer> customizer, Consumer<Request> arrivals) {
            generateDefaultValue();
            return new ModuleEndpointsProvider(this, customizer, arrivals);
        }
    }
}
