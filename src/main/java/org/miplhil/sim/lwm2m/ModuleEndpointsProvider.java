package org.miplhil.sim.lwm2m;

import java.net.InetAddress;
import java.util.function.Consumer;

import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.endpoint.ClientEndpointToolbox;
import org.eclipse.leshan.client.notification.NotificationManager;
import org.eclipse.leshan.client.request.DownlinkRequestReceiver;
import org.eclipse.leshan.client.resource.LwM2mObjectTree;

/**
 * Leshan's Californium endpoints (CoAP over UDP, no DTLS) with the module's hooks: once Leshan has built its CoAP
 * server and resources, {@code customizer} gets the server to replace resources and wrap the message deliverer.
 */
final class ModuleEndpointsProvider extends CaliforniumClientEndpointsProvider {

    private final Consumer<CoapServer> customizer;

    private ModuleEndpointsProvider(Builder builder, Consumer<CoapServer> customizer) {
        super(builder);
        this.customizer = customizer;
    }

    static ModuleEndpointsProvider create(InetAddress clientAddress, CoapTiming timing,
                                          Consumer<CoapServer> customizer) {
        Builder b = new Builder();
        Configuration c = b.createDefaultConfiguration();
        timing.applyTo(c); // after Leshan's defaults, which set one protocol-stage thread
        b.setConfiguration(c);
        b.setClientAddress(clientAddress);
        return b.build(customizer);
    }

    @Override
    public void init(LwM2mObjectTree objectTree, DownlinkRequestReceiver requestReceiver,
                     NotificationManager notificationManager, ClientEndpointToolbox toolbox) {
        super.init(objectTree, requestReceiver, notificationManager, toolbox);
        customizer.accept(getCoapServer());
    }

    private static final class Builder extends CaliforniumClientEndpointsProvider.Builder {
        Builder() {
            super(new CoapClientProtocolProvider());
        }

        ModuleEndpointsProvider build(Consumer<CoapServer> customizer) {
            generateDefaultValue();
            return new ModuleEndpointsProvider(this, customizer);
        }
    }
}
