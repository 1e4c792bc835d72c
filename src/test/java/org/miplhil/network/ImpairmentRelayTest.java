package org.miplhil.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.miplhil.network.UdpPeers.Arrival;
import org.miplhil.network.UdpPeers.Peer;

/** The relay on real loopback UDP, in-process: a client, the relay, an echoing or recording server. */
class ImpairmentRelayTest {

    static final Duration WITHIN = Duration.ofSeconds(10);
    /** How long a test waits to be sure nothing more comes (only to prove absence, never timing). */
    static final Duration QUIET = Duration.ofMillis(500);

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    private ImpairmentRelay relay(Peer server, long seed, Impairment up, Impairment down) {
        return relay(server, seed, conditions(up, down), ImpairmentRelay.DEFAULT_QUEUE);
    }

    private ImpairmentRelay relay(Peer server, long seed, NetworkConditions c, int queue) {
        Route r = new Route(new InetSocketAddress(UdpPeers.LOOPBACK, 0), server.address());
        return keep(ImpairmentRelay.start(List.of(r), seed, c, queue));
    }

    static NetworkConditions conditions(Impairment up, Impairment down) {
        return new NetworkConditions("test", up, down, Optional.empty());
    }

    static Impairment delay(Duration d) {
        return new Impairment(d, Duration.ZERO, 0, 0, 0, 0);
    }

    static Impairment loss(double f) {
        return new Impairment(Duration.ZERO, Duration.ZERO, f, 0, 0, 0);
    }

    static InetSocketAddress at(ImpairmentRelay relay) {
        return relay.listenAddresses().get(0);
    }

    @Test
    void aTapSeesEveryDatagramEvenOneTheNetworkLoses() throws Exception {
        Peer server = keep(Peer.recorder());
        Peer client = keep(Peer.recorder());
        ImpairmentRelay relay = relay(server, 1, loss(1.0), Impairment.NONE);
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        AutoCloseable tap = relay.tap((up, nanos, bytes) -> seen.add((up ? "up " : "down ")
                + new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
        client.send("lost", at(relay));
        await().atMost(WITHIN).untilAsserted(() -> assertThat(seen).containsExactly("up lost"));
        tap.close();
        client.send("unseen", at(relay));
        await().atMost(WITHIN).untilAsserted(() -> assertThat(relay.stats().uplink().dropped()).isEqualTo(2));
        assertThat(seen).containsExactly("up lost");
        assertThat(server.take(1, QUIET)).isEmpty();
    }

    @Test
    void passesEveryDatagramBothWaysWithoutConditions() throws Exception {
        Peer server = keep(Peer.echo());
        Peer client = keep(Peer.recorder());
        ImpairmentRelay relay = relay(server, 1, NetworkConditions.none(), 16);
        for (int i = 0; i < 5; i++) {
            client.send("d" + i, at(relay));
        }
        List<Arrival> back = client.take(5, WITHIN);
        assertThat(back).extracting(Arrival::text).containsExactly("d0", "d1", "d2", "d3", "d4");
        // the answers come from the relay's listening address, as from the platform itself
        assertThat(back).extracting(Arrival::from).containsOnly(at(relay));
        // the relay counts a delivery once its send returned, which may be just after the peer has the datagram
        await().atMost(WITHIN).untilAsserted(() -> assertThat(relay.stats()).isEqualTo(new RelayStats(
                new RelayStats.Direction(5, 5, 0, 0, 0), new RelayStats.Direction(5, 5, 0, 0, 0))));
    }

    @Test
    void aDelayHoldsEachDatagramAtLeastThatLongInItsDirection() throws Exception {
        Peer server = keep(Peer.echo());
        Peer client = keep(Peer.recorder());
        ImpairmentRelay relay = relay(server, 1, delay(Duration.ofMillis(300)), delay(Duration.ofMillis(200)));
        long[] sent = new long[3];
        for (int i = 0; i < 3; i++) {
            sent[i] = System.nanoTime();
            client.send("d" + i, at(relay));
        }
        List<Arrival> atServer = server.take(3, WITHIN);
        List<Arrival> back = client.take(3, WITHIN);
        assertThat(back).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(atServer.get(i).nanos() - sent[i]).as("uplink of d%d", i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
            assertThat(back.get(i).nanos() - sent[i]).as("round trip of d%d", i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(500).toNanos());
        }
    }

    @Test
    void totalLossDropsEverythingAndCountsIt() throws Exception {
        Peer server = keep(Peer.recorder());
        Peer client = keep(Peer.recorder());
        ImpairmentRelay relay = relay(server, 1, loss(1), Impairment.NONE);
        for (int i = 0; i < 10; i++) {
            client.send("d" + i, at(relay));
        }
        await("10 datagrams received and dropped").atMost(WITHIN)
                .until(() -> relay.stats().uplink().dropped() == 10);
        assertThat(server.take(1, QUIET)).isEmpty();
        assertThat(relay.stats().uplink()).isEqualTo(new RelayStats.Direction(10, 0, 10, 0, 0));
    }

    @Test
    void duplicationDeliversEachDatagramTwice() throws Exception {
        Peer server = keep(Peer.recorder());
        Peer client = keep(Peer.recorder());
        ImpairmentRelay relay = relay(server, 1,
                new Impairment(Duration.ZERO, Duration.ZERO, 0, 1, 0, 0), Impairment.NONE);
        for (int i = 0; i < 4; i++) {
            client.send("d" + i, at(relay));
        }
        List<Arrival> got = server.take(8, WITHIN);
        assertThat(got).extracting(Arrival::text)
                .containsExactlyInAnyOrder("d0", "d0", "d1", "d1", "d2", "d2", "d3", "d3");
        assertThat(server.take(1, QUIET)).isEmpty();
        assertThat(relay.stats().uplink()).isEqualTo(new RelayStats.Direction(4, 8, 0, 4, 0));
    }

    @Test
    void oneSeedDecidesAlikeAndAnotherSeedOtherwise() throws Exception {
        List<String> first = survivors(42);
        List<String> again = survivors(42);
        List<String> other = survivors(43);
        assertThat(first).isNotEmpty().hasSizeLessThan(40);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    /** Which of 40 datagrams sent one after the other get through 50 % loss. */
    private List<String> survivors(long seed) throws Exception {
        try (Peer server = Peer.recorder(); Peer client = Peer.recorder()) {
            ImpairmentRelay relay = relay(server, seed, loss(0.5), Impairment.NONE);
            for (int i = 0; i < 40; i++) {
                client.send("d" + i, at(relay));
            }
            await("40 datagrams decided").atMost(WITHIN).until(() -> relay.stats().uplink().received() == 40);
            long delivered = relay.stats().uplink().delivered();
            await("the delivered ones at the server").atMost(WITHIN).until(() -> server.arrivals.size() == delivered);
            return server.arrivals.stream().map(Arrival::text).toList();
        }
    }

    @Test
    void reorderingSendsAHeldDatagramBehindTheNextOne() throws Exception {
        Peer server = keep(Peer.recorder());
        Peer client = keep(Peer.recorder());
        // a short delay so that each pair is on its way together
        ImpairmentRelay relay = relay(server, 1,
                new Impairment(Duration.ofMillis(100), Duration.ZERO, 0, 0, 1, 0), Impairment.NONE);
        client.send("d0", at(relay));
        client.send("d1", at(relay));
        List<Arrival> got = server.take(2, WITHIN);
        assertThat(got).extracting(Arrival::text).containsExactly("d1", "d0");
        await("the reordering counted").atMost(WITHIN).until(() -> relay.stats().uplink().reordered() == 1);
    }

    @Test
    void aRateLimitSpreadsABurstOverItsSerialisationTime() throws Exception {
        Peer server = keep(Peer.recorder());
        Peer client = keep(Peer.recorder());
        // 100-byte datagrams at 8000 bit/s: 100 ms each on the link
        ImpairmentRelay relay = relay(server, 1,
                new Impairment(Duration.ZERO, Duration.ZERO, 0, 0, 0, 8000), Impairment.NONE);
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            client.send(String.format("%-100s", "d" + i), at(relay));
        }
        List<Arrival> got = server.take(10, WITHIN);
        assertThat(got).hasSize(10);
        assertThat(got.get(0).text()).hasSize(100);
        for (int i = 0; i < 10; i++) {
            assertThat(got.get(i).nanos() - start).as("datagram %d of the burst", i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(100L * (i + 1)).toNanos());
        }
    }

    @Test
    void answersReturnToTheClientThatAsked() throws Exception {
        Peer server = keep(Peer.echo());
        Peer a = keep(Peer.recorder());
        Peer b = keep(Peer.recorder());
        ImpairmentRelay relay = relay(server, 1, NetworkConditions.none(), 16);
        for (int i = 0; i < 3; i++) {
            a.send("a" + i, at(relay));
            b.send("b" + i, at(relay));
        }
        assertThat(a.take(3, WITHIN)).extracting(Arrival::text).containsExactly("a0", "a1", "a2");
        assertThat(b.take(3, WITHIN)).extracting(Arrival::text).containsExactly("b0", "b1", "b2");
        // each client has its own upstream socket, as behind a NAT
        List<Arrival> atServer = server.take(6, WITHIN);
        assertThat(atServer.stream().map(Arrival::from).distinct()).hasSize(2);
        assertThat(a.take(1, QUIET)).isEmpty();
    }

    @Test
    void conditionsSwappedAtRuntimeApplyToLaterDatagramsAndRestartTheCounts() throws Exception {
        Peer server = keep(Peer.recorder());
        Peer client = keep(Peer.recorder());
        ImpairmentRelay relay = relay(server, 1, delay(Duration.ofMillis(400)), Impairment.NONE);
        client.send("slow", at(relay));
        await("the first datagram decided").atMost(WITHIN).until(() -> relay.stats().uplink().received() == 1);
        relay.apply(conditions(loss(1), Impairment.NONE));
        assertThat(relay.stats()).isEqualTo(RelayStats.NONE);
        client.send("lost", at(relay));
        // the datagram in flight keeps its 400 ms delay and arrives; the later one is lost
        assertThat(server.take(1, WITHIN)).extracting(Arrival::text).containsExactly("slow");
        await("the second one dropped").atMost(WITHIN).until(() -> relay.stats().uplink().dropped() == 1);
        relay.apply(NetworkConditions.none());
        client.send("fast", at(relay));
        assertThat(server.take(1, WITHIN)).extracting(Arrival::text).containsExactly("fast");
        assertThat(server.take(1, QUIET)).isEmpty();
        assertThat(relay.conditions()).isEqualTo(NetworkConditions.none());
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfGrowing() throws Exception {
        Peer server = keep(Peer.recorder());
        Peer client = keep(Peer.recorder());
        ImpairmentRelay relay = relay(server, 1, conditions(delay(Duration.ofMillis(500)), Impairment.NONE), 4);
        IntStream.range(0, 10).forEach(i -> client.send("d" + i, at(relay)));
        await("10 datagrams decided").atMost(WITHIN).until(() -> relay.stats().uplink().received() == 10);
        assertThat(server.take(10, Duration.ofSeconds(3))).hasSize(4);
        assertThat(relay.stats().uplink()).isEqualTo(new RelayStats.Direction(10, 4, 6, 0, 0));
    }
}
