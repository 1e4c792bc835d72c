package org.miplhil.platform.onenet.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.miplhil.json.Json;
import org.miplhil.platform.onenet.OneNetApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP exchange both generations share: builds the request a generation routes, sends it, reads the answer
 * with the generation's member names. Credentials go only into headers, which are never logged or echoed.
 */
abstract class HttpTransport implements OneNetClient {

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    /** How much of an unreadable answer a message quotes. */
    private static final int EXCERPT = 160;

    /** A routed call: HTTP method, path below the base URL, query, JSON body. */
    record Route(String method, String path, Map<String, String> query, Optional<JsonNode> body) {
    }

    protected final OneNetSettings settings;
    private final HttpClient http;

    HttpTransport(OneNetSettings settings, HttpClient http) {
        this.settings = settings;
        this.http = http;
    }

    /** The route of {@code call} in this generation, or a message why it cannot be made as configured. */
    abstract Route route(ApiCall call) throws NotConfigured;

    /** Adds the authentication header; throws when a credential it needs is missing. */
    abstract void authorize(HttpRequest.Builder request) throws NotConfigured;

    /** The member names of this generation's answer to a call of {@code kind}. */
    abstract AnswerMembers members(ApiCall.Kind kind);

    /** A call this configuration cannot make; the message names what is missing, never a value. */
    static final class NotConfigured extends Exception {
        NotConfigured(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public final ApiOutcome send(ApiCall call) {
        Route route;
        HttpRequest.Builder b;
        try {
            route = route(call);
            b = HttpRequest.newBuilder(uri(route)).timeout(call.httpWait());
            authorize(b);
        } catch (NotConfigured e) {
            return new ApiOutcome.Misconfigured(e.getMessage());
        } catch (IllegalArgumentException e) {
            return new ApiOutcome.Misconfigured("base URL " + settings.baseUrl() + " unusable: " + e.getMessage());
        }
        if (route.body().isPresent()) {
            b.header("Content-Type", "application/json");
            b.method(route.method(), HttpRequest.BodyPublishers.ofString(Json.write(route.body().get())));
        } else {
            b.method(route.method(), HttpRequest.BodyPublishers.noBody());
        }
        String what = route.method() + " " + route.path();
        Instant sentAt = Instant.now();
        long t0 = System.nanoTime();
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return new ApiOutcome.Unreachable(what + ": no HTTP answer within " + call.httpWait().toSeconds() + " s",
                    sentAt, since(t0));
        } catch (ConnectException e) {
            return new ApiOutcome.Unreachable(what + ": cannot connect to " + settings.baseUrl() + " ("
                    + e.getClass().getSimpleName() + ")", sentAt, since(t0));
        } catch (IOException e) {
            return new ApiOutcome.Unreachable(what + " to " + settings.baseUrl() + " failed: " + e, sentAt, since(t0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ApiOutcome.Unreachable(what + ": interrupted", sentAt, since(t0));
        }
        Duration elapsed = since(t0);
        LOG.debug("{} → HTTP {} in {} ms", what, r.statusCode(), elapsed.toMillis());
        return read(what, r.statusCode(), r.body(), members(call.kind()), sentAt, elapsed);
    }

    /** The answer as the API's shape; pure. */
    static ApiOutcome read(String what, int status, String body, AnswerMembers m, Instant sentAt, Duration elapsed) {
        Json.Parsed parsed = Json.parse(body == null ? "" : body);
        if (parsed instanceof Json.Parsed.Ok ok && ok.value().isObject()) {
            JsonNode v = ok.value();
            JsonNode errno = v.get(m.status());
            if (errno != null && errno.canConvertToLong() && errno.isIntegralNumber()
                    || errno != null && errno.isTextual() && errno.textValue().matches("-?\\d{1,9}")) {
                long n = errno.isTextual() ? Long.parseLong(errno.textValue()) : errno.longValue();
                JsonNode text = v.get(m.text());
                return new ApiOutcome.Reply(status, n, text == null ? "" : text.isTextual() ? text.textValue()
                        : text.toString(), v.get(m.data()), sentAt, elapsed);
            }
            return new ApiOutcome.Unreadable(status, what + ": HTTP " + status + ", no member \"" + m.status()
                    + "\" in " + excerpt(body), sentAt, elapsed);
        }
        return new ApiOutcome.Unreadable(status, what + ": HTTP " + status + ", not a JSON object: " + excerpt(body),
                sentAt, elapsed);
    }

    private URI uri(Route route) {
        String base = settings.baseUrl().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String q = route.query().entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(base + route.path() + (q.isEmpty() ? "" : "?" + q));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String excerpt(String body) {
        String s = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return s.isEmpty() ? "(empty)" : s.length() > EXCERPT ? "'" + s.substring(0, EXCERPT) + "…'" : "'" + s + "'";
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Override
    public OneNetApi api() {
        return settings.api();
    }
}
