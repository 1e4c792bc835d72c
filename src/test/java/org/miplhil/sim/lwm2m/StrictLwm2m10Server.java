package org.miplhil.sim.lwm2m;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.request.ContentFormat;

/**
 * A small LwM2M 1.0 server that is not Leshan's: a plain Californium CoAP server on 127.0.0.1 that records every
 * Register, Update, De-register and Bootstrap-Request as it came off the wire, answers 4.00 (the broken rules as
 * diagnostic) to one that breaks {@link Lwm2m10Rules}, and 2.01 / 2.04 / 2.02 otherwise. After an accepted
 * Bootstrap-Request it writes a Security and a Server instance pointing at itself (TLV) and finishes, as a
 * bootstrap server does.
 */
final class StrictLwm2m10Server implements AutoCloseable {

    /** One request as received: what it was, its path, query options in order, Content-Format, payload. */
    record Received(String kind, List<String> path, List<String> query, Integer contentFormat, String payload,
                    ResponseCode answer, List<String> broken) {}

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final CoapServer server;
    private final Endpoint endpoint;
    private final AtomicInteger registrations = new AtomicInteger();
    private final ExecutorService bootstrapper = Executors.newSingleThreadExecutor();

    StrictLwm2m10Server() {
        Configuration config = Configuration.createStandardWithoutFile();
        endpoint = new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build();
        server = new CoapServer(config);
        server.addEndpoint(endpoint);
        server.add(new Rd(), new Bs());
        server.start();
    }

    int port() {
        return endpoint.getAddress().getPort();
    }

    List<Received> of(String kind) {
        return received.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    private Received record(String kind, CoapExchange ex, List<String> broken, ResponseCode answer) {
        var o = ex.getRequestOptions();
        byte[] p = ex.getRequestPayload();
        Received r = new Received(kind, List.copyOf(o.getUriPath()), List.copyOf(o.getUriQuery()),
                o.hasContentFormat() ? o.getContentFormat() : null,
                p == null ? "" : new String(p, StandardCharsets.UTF_8), answer, List.copyOf(broken));
        received.add(r);
        return r;
    }

    /** {@code /rd}: Register on it, Update and De-register on the locations it gives ({@code /rd/<n>}). */
    private final class Rd extends CoapResource {
        Rd() {
            super("rd");
        }

        @Override
        public Resource getChild(String name) {
            return this; // every /rd/<n> is served here
        }

        @Override
        public void handlePOST(CoapExchange ex) {
            var o = ex.getRequestOptions();
            if (o.getUriPath().size() == 1) {
                byte[] p = ex.getRequestPayload();
                List<String> broken = Lwm2m10Rules.register(o.getUriQuery(),
                        o.hasContentFormat() ? o.getContentFormat() : null,
                        p == null ? "" : new String(p, StandardCharsets.UTF_8));
                if (!broken.isEmpty()) {
                    record("register", ex, broken, ResponseCode.BAD_REQUEST);
                    ex.respond(ResponseCode.BAD_REQUEST, String.join("; ", broken));
                    return;
                }
                record("register", ex, broken, ResponseCode.CREATED);
                ex.setLocationPath("rd/" + registrations.incrementAndGet());
                ex.respond(ResponseCode.CREATED);
            } else {
                record("update", ex, List.of(), ResponseCode.CHANGED);
                ex.respond(ResponseCode.CHANGED);
            }
        }

        @Override
        public void handleDELETE(CoapExchange ex) {
            record("deregister", ex, List.of(), ResponseCode.DELETED);
            ex.respond(ResponseCode.DELETED);
        }
    }

    /** {@code /bs}: Bootstrap-Request. */
    private final class Bs extends CoapResource {
        Bs() {
            super("bs");
        }

        @Override
        public void handlePOST(CoapExchange ex) {
            List<String> broken = Lwm2m10Rules.bootstrapRequest(ex.getRequestOptions().getUriQuery(),
                    ex.getRequestPayload());
            if (!broken.isEmpty()) {
                record("bootstrap", ex, broken, ResponseCode.BAD_REQUEST);
                ex.respond(ResponseCode.BAD_REQUEST, String.join("; ", broken));
                return;
            }
            record("bootstrap", ex, broken, ResponseCode.CHANGED);
            ex.respond(ResponseCode.CHANGED);
            InetSocketAddress client = ex.getSourceSocketAddress();
            bootstrapper.execute(() -> provision(client));
        }
    }

    /** Security /0/1 and Server /1/0 for this server, then Bootstrap-Finish (LwM2M 1.0 5.2.7). */
    private void provision(InetSocketAddress client) {
        try {
            var model = new StaticModel(ObjectLoader.loadAllDefault());
            var encoder = new DefaultLwM2mEncoder();
            var security = new LwM2mObjectInstance(1, List.of(
                    LwM2mSingleResource.newStringResource(0, "coap://127.0.0.1:" + port()),
                    LwM2mSingleResource.newBooleanResource(1, false),
                    LwM2mSingleResource.newIntegerResource(2, 3), // NoSec
                    LwM2mSingleResource.newBinaryResource(3, new byte[0]),
                    LwM2mSingleResource.newBinaryResource(4, new byte[0]),
                    LwM2mSingleResource.newBinaryResource(5, new byte[0]),
                    LwM2mSingleResource.newIntegerResource(10, 1)));
            var srv = new LwM2mObjectInstance(0, List.of(
                    LwM2mSingleResource.newIntegerResource(0, 1),
                    LwM2mSingleResource.newIntegerResource(1, 86400),
                    LwM2mSingleResource.newBooleanResource(6, false),
                    LwM2mSingleResource.newStringResource(7, "U")));
            List<ResponseCode> answers = new ArrayList<>();
            answers.add(send(client, Request.newPut(), "0/1",
                    encoder.encode(security, ContentFormat.TLV, new LwM2mPath(0, 1), model)));
            answers.add(send(client, Request.newPut(), "1/0",
                    encoder.encode(srv, ContentFormat.TLV, new LwM2mPath(1, 0), model)));
            answers.add(send(client, Request.newPost(), "bs", null));
            received.add(new Received("bootstrap-writes", List.of(), List.of(), null, answers.toString(), null,
                    List.of()));
        } catch (RuntimeException e) {
            received.add(new Received("bootstrap-writes", List.of(), List.of(), null, e.toString(), null,
                    List.of()));
        }
    }

    private ResponseCode send(InetSocketAddress client, Request r, String path, byte[] tlv) {
        r.setDestinationContext(new AddressEndpointContext(client));
        r.getOptions().setUriPath(path);
        if (tlv != null) {
            r.getOptions().setContentFormat(ContentFormat.TLV.getCode());
            r.setPayload(tlv);
        }
        r.send(endpoint);
        try {
            Response response = r.waitForResponse(5_000);
            return response == null ? null : response.getCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        bootstrapper.shutdownNow();
        server.destroy();
    }
}
