package org.miplhil.platform.onenet.client;

import java.net.http.HttpClient;

import org.miplhil.platform.onenet.OneNetApi;

/**
 * OneNET's application API of one generation: carries out an {@link ApiCall} over HTTP. Never throws for anything
 * the network or the platform does; never puts a credential in an outcome or a log line.
 */
public interface OneNetClient {

    OneNetApi api();

    ApiOutcome send(ApiCall call);

    /** The client of {@code settings.api()}. */
    static OneNetClient of(OneNetSettings settings, HttpClient http) {
        return switch (settings.api()) {
            case LEGACY -> new LegacyClient(settings, http);
            case CURRENT -> new CurrentClient(settings, http, java.time.Clock.systemUTC());
        };
    }

    /** An HTTP client fit for the API: HTTP/1.1, a 10 s connect timeout. */
    static HttpClient defaultHttp() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(java.time.Duration.ofSeconds(10)).build();
    }
}
