package org.miplhil.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's control API over HTTP: {@code PUT /conditions} with {@link NetworkJson} conditions → 204 (400 with
 * the problem as text), {@code GET /conditions} → the conditions now, {@code GET /stats} → {@link RelayStats} JSON,
 * {@code GET /health} → 200 {@code ok}. Another method → 405, another path → 404.
 */
public final class RelayControlServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RelayControlServer.class);
    /** Conditions are a few hundred bytes; a larger body is refused unread. */
    static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;

    private RelayControlServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Serves {@code relay} on {@code address} (port 0: any free port). */
    public static RelayControlServer start(ImpairmentRelay relay, InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "network-relay-control");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(relay, exchange);
            } catch (IOException | RuntimeException e) {
                LOG.debug("control {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(),
                        e.toString());
            }
        });
        server.start();
        return new RelayControlServer(server, executor);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void handle(ImpairmentRelay relay, HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        switch (path) {
            case "/health" -> {
                if (method.equals("GET")) {
                    answer(ex, 200, "text/plain", "ok");
                } else {
                    answer(ex, 405, "text/plain", "GET only");
                }
            }
            case "/stats" -> {
                if (method.equals("GET")) {
                    answer(ex, 200, "application/json", NetworkJson.write(relay.stats()));
                } else {
                    answer(ex, 405, "text/plain", "GET only");
                }
            }
            case "/conditions" -> {
                if (method.equals("GET")) {
                    answer(ex, 200, "application/json", NetworkJson.write(relay.conditions()));
                } else if (method.equals("PUT")) {
                    put(relay, ex);
                } else {
                    answer(ex, 405, "text/plain", "GET or PUT only");
                }
            }
            default -> answer(ex, 404, "text/plain", "no such resource: " + path
                    + " (PUT /conditions, GET /stats, GET /health)");
        }
    }

    private static void put(ImpairmentRelay relay, HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            answer(ex, 413, "text/plain", "conditions larger than " + MAX_BODY + " bytes");
            return;
        }
        NetworkJson.Parsed<NetworkConditions> parsed =
                NetworkJson.readConditions(new String(body, StandardCharsets.UTF_8));
        if (parsed instanceof NetworkJson.Parsed.Ok<NetworkConditions> ok) {
            relay.apply(ok.value());
            ex.sendResponseHeaders(204, -1);
        } else {
            String why = ((NetworkJson.Parsed.Error<NetworkConditions>) parsed).message();
            LOG.debug("PUT /conditions refused: {}", why);
            answer(ex, 400, "text/plain", why);
        }
    }

    private static void answer(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
