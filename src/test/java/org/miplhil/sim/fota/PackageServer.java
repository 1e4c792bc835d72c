package org.miplhil.sim.fota;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * A package server for tests: a Californium CoAP server on loopback serving files at {@code /<name>}, block-wise
 * when asked (RFC 7959), recording every request it receives with its Block2 number.
 */
final class PackageServer implements AutoCloseable {

    /** One GET received: the path and the Block2 number asked for (-1 without Block2). */
    record Get(String path, int block) {}

    private final CoapServer server;
    private final CoapEndpoint endpoint;
    private final List<Get> gets = new CopyOnWriteArrayList<>();

    PackageServer() {
        CoapConfig.register();
        UdpConfig.register();
        Configuration c = Configuration.createStandardWithoutFile();
        c.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 1 << 20); // packages over 8192 bytes (docs/evidence.md)
        endpoint = new CoapEndpoint.Builder().setConfiguration(c)
                .setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build();
        endpoint.addInterceptor(new MessageInterceptorAdapter() {
            @Override
            public void receiveRequest(Request request) {
                BlockOption b2 = request.getOptions().getBlock2();
                gets.add(new Get(request.getOptions().getUriPathString(), b2 == null ? -1 : b2.getNum()));
            }
        });
        server = new CoapServer(c);
        server.addEndpoint(endpoint);
        server.start();
    }

    /** Serves {@code file} at {@code /name}. */
    PackageServer serve(String name, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        server.add(new CoapResource(name) {
            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.respond(ResponseCode.CONTENT, bytes);
            }
        });
        return this;
    }

    String uri(String name) {
        return "coap://127.0.0.1:" + endpoint.getAddress().getPort() + "/" + name;
    }

    List<Get> gets() {
        return List.copyOf(gets);
    }

    long getsOf(String name) {
        return gets.stream().filter(g -> g.path().equals(name)).count();
    }

    @Override
    public void close() {
        server.destroy();
    }
}
