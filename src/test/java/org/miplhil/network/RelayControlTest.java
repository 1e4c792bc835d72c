package org.miplhil.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.miplhil.network.UdpPeers.Peer;

/** The control API over real HTTP on loopback, through {@link RelayControl}, and the JSON it speaks. */
class RelayControlTest {

    static final NetworkConditions LOSSY = new NetworkConditions("nbiot-lossy",
            new Impairment(Duration.ofSeconds(2), Duration.ofMillis(500), 0.15, 0.05, 0.02, 1000),
            new Impairment(Duration.ofMillis(1500), Duration.ofNanos(1_250_000), 0.1, 0, 0, 0),
            Optional.of("the setting measured on these machines"));

    @Test
    void conditionsAndStatsRoundTripThroughTheControlApi() throws Exception {
        try (Peer server = Peer.echo(); Peer client = Peer.recorder();
             ImpairmentRelay relay = ImpairmentRelay.start(List.of(new Route(
                     new InetSocketAddress(UdpPeers.LOOPBACK, 0), server.address())), 1, NetworkConditions.none());
             RelayControlServer control = RelayControlServer.start(relay,
                     new InetSocketAddress(UdpPeers.LOOPBACK, 0))) {
            RelayControl api = new RelayControl(URI.create("http://127.0.0.1:" + control.address().getPort()));
            assertThat(api.healthy()).isTrue();
            client.send("one", relay.listenAddresses().get(0));
            assertThat(client.take(1, Duration.ofSeconds(10))).hasSize(1);
            assertThat(api.stats()).isEqualTo(relay.stats());
            assertThat(api.stats().uplink().delivered()).isEqualTo(1);

            api.apply(LOSSY);
            assertThat(relay.conditions()).isEqualTo(LOSSY);
            assertThat(api.conditions()).isEqualTo(LOSSY);
            assertThat(api.stats()).isEqualTo(RelayStats.NONE);
        }
    }

    @Test
    void badJsonIsRefusedWith400AndTheReason() throws Exception {
        try (Peer server = Peer.recorder();
             ImpairmentRelay relay = ImpairmentRelay.start(List.of(new Route(
                     new InetSocketAddress(UdpPeers.LOOPBACK, 0), server.address())), 1, NetworkConditions.none());
             RelayControlServer control = RelayControlServer.start(relay,
                     new InetSocketAddress(UdpPeers.LOOPBACK, 0))) {
            URI base = URI.create("http://127.0.0.1:" + control.address().getPort() + "/");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("conditions"))
                    .timeout(Duration.ofSeconds(5)).PUT(HttpRequest.BodyPublishers.ofString("{\"uplink\":{\"loss\":2}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("uplink.loss must be a fraction from 0 to 1, found 2");
            r = http.send(HttpRequest.newBuilder(base.resolve("conditions")).timeout(Duration.ofSeconds(5))
                    .PUT(HttpRequest.BodyPublishers.ofString("{nope")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).startsWith("not JSON");
            assertThat(relay.conditions()).isEqualTo(NetworkConditions.none());
            r = http.send(HttpRequest.newBuilder(base.resolve("elsewhere")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theClientSaysWhatTheRelayAnsweredOrThatNoneWasThere() throws Exception {
        RelayControl nowhere = new RelayControl(URI.create("http://127.0.0.1:9"), Duration.ofSeconds(2));
        assertThat(nowhere.healthy()).isFalse();
        assertThatThrownBy(nowhere::stats).isInstanceOf(IOException.class)
                .hasMessageContaining("GET /stats to the relay at http://127.0.0.1:9/");
    }

    @Test
    void jsonRoundTripsAndRandomTextNeverThrows() {
        assertThat(NetworkJson.readConditions(NetworkJson.write(LOSSY)))
                .isEqualTo(new NetworkJson.Parsed.Ok<>(LOSSY));
        RelayStats stats = new RelayStats(new RelayStats.Direction(5, 4, 2, 1, 0),
                new RelayStats.Direction(1, 1, 0, 0, 1));
        assertThat(NetworkJson.readStats(NetworkJson.write(stats))).isEqualTo(new NetworkJson.Parsed.Ok<>(stats));
        assertThat(NetworkJson.readConditions("{}")).isEqualTo(new NetworkJson.Parsed.Ok<>(
                new NetworkConditions("inline", Impairment.NONE, Impairment.NONE, Optional.empty())));
        Random random = new Random(3);
        String[] parts = {"{", "}", "[", "]", "\"uplink\"", "\"delayMs\"", ":", ",", "1e400", "-1", "0.5", "null",
                "\"name\"", "\"x\"", "true", "\"downlink\"", "\"rateBitsPerSecond\"", "99999999999999999999"};
        for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(14); k > 0; k--) {
                text.append(parts[random.nextInt(parts.length)]);
            }
            assertThatCode(() -> {
                NetworkJson.readConditions(text.toString());
                NetworkJson.readStats(text.toString());
            }).as("%s", text).doesNotThrowAnyException();
        }
    }
}
