package org.miplhil.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.miplhil.json.Json;

/** Real HTTP calls to the double on loopback, with optional {@code api-key} and {@code authorization} headers. */
final class HttpCalls {

    /** A status, the parsed JSON body and the body as sent. */
    record Answer(int status, Map<String, Object> json, String raw) {
        long errno() {
            return (Long) json.get("errno");
        }

        long code() {
            return (Long) json.get("code");
        }

        String error() {
            return (String) json.get("error");
        }

        Object data() {
            return json.get("data");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> dataMap() {
            return (Map<String, Object>) json.get("data");
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    String apiKey;
    String authorization;

    HttpCalls(int port) {
        this.port = port;
    }

    Answer call(String method, String pathAndQuery, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(60));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (apiKey != null) {
            b.header("api-key", apiKey);
        }
        if (authorization != null) {
            b.header("authorization", authorization);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Json.Parsed parsed = Json.parse(r.body());
        assertThat(parsed).as("body %s", r.body()).isInstanceOf(Json.Parsed.Ok.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.plain(((Json.Parsed.Ok) parsed).value());
        return new Answer(r.statusCode(), json, r.body());
    }

    Answer get(String pathAndQuery) throws Exception {
        return call("GET", pathAndQuery, null);
    }

    Answer post(String pathAndQuery, String body) throws Exception {
        return call("POST", pathAndQuery, body);
    }

    Answer put(String pathAndQuery) throws Exception {
        return call("PUT", pathAndQuery, null);
    }

    Answer delete(String pathAndQuery) throws Exception {
        return call("DELETE", pathAndQuery, null);
    }
}
