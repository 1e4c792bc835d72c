package org.miplhil.platform.onenet.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

/** A loopback HTTP server answering each call with what a test's function says, and keeping what it was asked. */
final class StubApi implements AutoCloseable {

    /** One request as it arrived. */
    record Seen(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> v = headers.get(name.substring(0, 1).toUpperCase() + name.substring(1).toLowerCase());
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** An answer: HTTP status and body. */
    record Answer(int status, String body) {
    }

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    StubApi(Function<Seen, Answer> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", ex -> {
            try (ex) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Seen s = new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
                        Map.copyOf(ex.getRequestHeaders()), body);
                seen.add(s);
                Answer a = answers.apply(s);
                byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    try (OutputStream o = ex.getResponseBody()) {
                        o.write(out);
                    }
                }
            }
        });
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
