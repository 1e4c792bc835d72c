package org.miplhil.power;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * HTTP outlets on loopback, speaking what Tasmota and Shelly Gen1 firmware answer: {@code /cm?cmnd=Power2 On}
 * → {@code {"POWER2":"ON"}} (credentials as {@code user}/{@code password} parameters), and
 * {@code /relay/0?turn=on} → {@code {"ison":true,...}} (Basic authentication). Every request is recorded.
 */
final class FakeOutlets implements AutoCloseable {

    record Request(String method, String path, String query, String authorization) {
    }

    enum Mode { NORMAL, STUCK, HANG, FAIL_500, WRONG_JSON }

    private final HttpServer server;
    private final String user;
    private final String password;
    private final Map<Integer, Boolean> relays = new LinkedHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Mode mode = Mode.NORMAL;

    FakeOutlets(String user, String password) throws IOException {
        this.user = user;
        this.password = password;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-outlet");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/cm", this::tasmota);
        server.createContext("/relay/", this::shelly);
        server.start();
    }

    /** {@code 127.0.0.1:port}, for {@code {host}}. */
    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    void mode(Mode m) {
        mode = m;
    }

    synchronized Boolean relay(int channel) {
        return relays.get(channel);
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String kv : rawQuery.split("&")) {
            int eq = kv.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private boolean common(HttpExchange ex) throws IOException {
        synchronized (this) {
            requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    ex.getRequestURI().getRawQuery(), ex.getRequestHeaders().getFirst("Authorization")));
        }
        if (mode == Mode.HANG) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
            return false;
        }
        if (mode == Mode.FAIL_500) {
            // a device that echoes the request in its error page, credentials included
            send(ex, 500, "internal error handling " + ex.getRequestURI() + " auth="
                    + ex.getRequestHeaders().getFirst("Authorization"));
            return false;
        }
        return true;
    }

    private void tasmota(HttpExchange ex) throws IOException {
        if (!common(ex)) {
            return;
        }
        Map<String, String> p = params(ex.getRequestURI().getRawQuery());
        if (user != null && !(user.equals(p.get("user")) && password.equals(p.get("password")))) {
            send(ex, 401, "{\"WARNING\":\"Need user=<username>&password=<password>\"}");
            return;
        }
        String cmnd = p.getOrDefault("cmnd", "");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)Power(\\d*)(?: (On|Off))?").matcher(cmnd);
        if (!m.matches()) {
            send(ex, 200, "{\"Command\":\"Unknown\"}");
            return;
        }
        int ch = m.group(1).isEmpty() ? 1 : Integer.parseInt(m.group(1));
        synchronized (this) {
            if (m.group(2) != null && mode != Mode.STUCK) {
                relays.put(ch, m.group(2).equalsIgnoreCase("On"));
            }
            String key = m.group(1).isEmpty() ? "POWER" : "POWER" + ch;
            send(ex, 200, mode == Mode.WRONG_JSON ? "{\"Status\":{}}"
                    : "{\"" + key + "\":\"" + (Boolean.TRUE.equals(relays.get(ch)) ? "ON" : "OFF") + "\"}");
        }
    }

    private void shelly(HttpExchange ex) throws IOException {
        if (!common(ex)) {
            return;
        }
        String expected = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        if (expected != null && !expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "401 Unauthorized");
            return;
        }
        String rest = ex.getRequestURI().getPath().substring("/relay/".length());
        if (!rest.matches("\\d")) {
            send(ex, 404, "Not Found");
            return;
        }
        int ch = Integer.parseInt(rest);
        Map<String, String> p = params(ex.getRequestURI().getRawQuery());
        synchronized (this) {
            if (p.containsKey("turn") && mode != Mode.STUCK) {
                relays.put(ch, p.get("turn").equals("on"));
            }
            send(ex, 200, "{\"ison\":" + Boolean.TRUE.equals(relays.get(ch))
                    + ",\"has_timer\":false,\"timer_duration\":0,\"overpower\":false,\"source\":\"http\"}");
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
