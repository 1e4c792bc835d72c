package org.miplhil.network;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * The client of a relay's control API ({@link RelayControlServer}), e.g. {@code new RelayControl(
 * URI.create("http://127.0.0.1:8181"))}. Every call has a deadline ({@link #DEFAULT_TIMEOUT} unless given) and
 * throws an {@link IOException} saying what the relay answered (status and body) or why it could not be reached.
 */
public final class RelayControl {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    public RelayControl(URI base) {
        this(base, DEFAULT_TIMEOUT);
    }

    public RelayControl(URI base, Duration timeout) {
        String b = Objects.requireNonNull(base, "base").toString();
        this.base = URI.create(b.endsWith("/") ? b : b + "/");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public URI base() {
        return base;
    }

    /** Puts {@code conditions} in force on the relay (its counters start again). */
    public void apply(NetworkConditions conditions) throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("conditions"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(NetworkJson.write(conditions))), "PUT /conditions");
        if (r.statusCode() != 204) {
            throw refused("PUT /conditions", r);
        }
    }

    /** What the relay did since the conditions were last applied. */
    public RelayStats stats() throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("stats")).GET(), "GET /stats");
        if (r.statusCode() != 200) {
            throw refused("GET /stats", r);
        }
        NetworkJson.Parsed<RelayStats> parsed = NetworkJson.readStats(r.body());
        if (parsed instanceof NetworkJson.Parsed.Ok<RelayStats> ok) {
            return ok.value();
        }
        throw new IOException("relay at " + base + " answered GET /stats with what is not stats: "
                + ((NetworkJson.Parsed.Error<RelayStats>) parsed).message());
    }

    /** The conditions in force. */
    public NetworkConditions conditions() throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("conditions")).GET(), "GET /conditions");
        if (r.statusCode() != 200) {
            throw refused("GET /conditions", r);
        }
        NetworkJson.Parsed<NetworkConditions> parsed = NetworkJson.readConditions(r.body());
        if (parsed instanceof NetworkJson.Parsed.Ok<NetworkConditions> ok) {
            return ok.value();
        }
        throw new IOException("relay at " + base + " answered GET /conditions with what are not conditions: "
                + ((NetworkJson.Parsed.Error<NetworkConditions>) parsed).message());
    }

    /** True when the relay answers {@code GET /health} with 200 within the deadline. */
    public boolean healthy() {
        try {
            return send(HttpRequest.newBuilder(base.resolve("health")).GET(), "GET /health").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) throws IOException {
        try {
            return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " to the relay at " + base + " interrupted", e);
        } catch (IOException e) {
            throw new IOException(what + " to the relay at " + base + " failed within " + timeout.toMillis()
                    + " ms: " + e, e);
        }
    }

    private IOException refused(String what, HttpResponse<String> r) {
        String body = r.body() == null ? "" : r.body().strip();
        return new IOException("relay at " + base + " answered " + what + " with " + r.statusCode()
                + (body.isEmpty() ? "" : ": " + (body.length() > 300 ? body.substring(0, 300) + "..." : body)));
    }
}
