package org.miplhil.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.profile.ProfileLoader;

/**
 * The virtual module (real LwM2M client, on a real pseudo-terminal) registers with the embedded platform through
 * the relay: 300 ms each way and 10 % loss, with a seed whose first uplink datagram — the Register — is lost, so
 * the registration only succeeds through the client's CoAP retransmission.
 */
class RelayRegistrationTest {

    static final Path PROFILE = Path.of("fixtures/firmware/bc260y-cn.yaml");
    static final Duration WITHIN = Duration.ofSeconds(60);
    static final Impairment NBIOT = new Impairment(Duration.ofMillis(300), Duration.ZERO, 0.10, 0, 0, 0);

    /** The first seed whose first uplink decision under {@link #NBIOT} is a loss. */
    static long seedLosingTheFirstDatagram() {
        for (long seed = 1; ; seed++) {
            if (new Dice(seed).decide(NBIOT, 100, System.nanoTime(), true).lost()) {
                return seed;
            }
        }
    }

    @Test
    void registersThroughDelayAndLossByRetransmitting() throws Exception {
        long seed = seedLosingTheFirstDatagram();
        try (LeshanPlatform platform = LeshanPlatform.builder().coapPort(0).bootstrap(false)
                .oneNetBehaviour(false).start()) {
            Route route = new Route(new InetSocketAddress("127.0.0.1", 0),
                    new InetSocketAddress("127.0.0.1", platform.coapPort()));
            try (ImpairmentRelay relay = ImpairmentRelay.start(List.of(route), seed,
                    new NetworkConditions("test", NBIOT, NBIOT, Optional.empty()));
                 PtyPair pty = PtyPair.open()) {
                VirtualModule module = VirtualModule.builder().link(pty.master()).profile(ProfileLoader
                        .parse(PROFILE.toString(), Files.readString(PROFILE)).orElseThrow()).build();
                ModuleSession session = ModuleSession.open(SerialLink.open(pty.slavePath().toString()));
                try {
                    module.start();
                    session.expectUrc("\\+IP: .*", Duration.ofSeconds(10));
                    int port = relay.listenAddresses().get(0).getPort();
                    ok(session, "AT+MIPLCONFIG=0,1,0,\"127.0.0.1\"," + port);
                    ok(session, "AT+MIPLCREATE");
                    ok(session, "AT+MIPLADDOBJ=0,3311,1,\"1\",4,2");
                    ok(session, "AT+MIPLOPEN=0,86400");
                    session.expectUrc("\\+MIPLEVENT: 0,6", WITHIN);
                    String endpoint = "866971050123456;460041234567890";
                    assertThat(platform.device(endpoint)).as("registered at the platform").isPresent();
                    RelayStats stats = relay.stats();
                    // the Register was lost and sent again: more uplink datagrams than got through
                    assertThat(stats.uplink().dropped()).as("uplink %s", stats.uplink()).isGreaterThanOrEqualTo(1);
                    assertThat(stats.uplink().received()).isGreaterThanOrEqualTo(2);
                    assertThat(stats.downlink().delivered()).isGreaterThanOrEqualTo(1);
                } finally {
                    session.close();
                    module.close();
                }
            }
        }
    }

    private static void ok(ModuleSession session, String command) {
        Reply r = session.send(command);
        assertThat(r.isOk()).as("%s answered %s", command, r).isTrue();
    }
}
