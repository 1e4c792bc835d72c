package org.miplhil.sim.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.miplhil.at.EventId;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.sim.registrar.AccessConfig;
import org.miplhil.sim.registrar.ObjectSpec;
import org.miplhil.sim.registrar.OpenRequest;

/**
 * {@code ./mipl-hil platform --advertise-host HOST} (a platform in a container binds 0.0.0.0): the bootstrap server
 * hands out {@code coap://HOST:<coap port>}, and the module registers where that URI says. Bound to 0.0.0.0
 * without it, the module would be told {@code coap://0.0.0.0:<port>}, where no answer comes from.
 */
class AdvertiseHostTest {

    static final String ENDPOINT = "866971050123456;460041234567890";
    static final Duration WAIT = Duration.ofSeconds(15);

    private final RecordingEvents events = new RecordingEvents();
    private LeshanPlatform platform;
    private LeshanRegistrar registrar;

    @AfterEach
    void tearDown() {
        if (registrar != null) {
            registrar.shutdown();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void boundToEveryAddressTheAdvertisedHostIsTheOneThatWorks() throws Exception {
        // as in a container: bound to 0.0.0.0, the module told 127.0.0.1 (where the answers come from)
        platform = LeshanPlatform.builder().address(InetAddress.getByName("0.0.0.0")).advertiseHost("127.0.0.1")
                .oneNetBehaviour(false).start();
        open();
        events.awaitEvent(EventId.REG_SUCCESS, WAIT);
        assertThat(events.eventIds()).startsWith(EventId.BOOTSTRAP_START, EventId.BOOTSTRAP_SUCCESS);
        assertThat(platform.device(ENDPOINT)).isPresent();
    }

    @Test
    void boundToEveryAddressWithoutAnAdvertisedHostTheModuleIsToldAnAddressThatFails() throws Exception {
        // the control of the test above: coap://0.0.0.0:<port> is what the module hears without --advertise-host
        platform = LeshanPlatform.builder().address(InetAddress.getByName("0.0.0.0")).oneNetBehaviour(false).start();
        open();
        events.awaitEvent(EventId.BOOTSTRAP_SUCCESS, WAIT);
        await("event 7 or 8 after the bootstrap").atMost(WAIT).until(() -> events.eventIds().stream()
                .anyMatch(e -> e == EventId.REG_TIMEOUT || e == EventId.REG_FAILED));
        assertThat(events.eventIds()).doesNotContain(EventId.REG_SUCCESS);
    }

    @Test
    void anAdvertisedHostWhereNoServerListensEndsTheRegistrationInFailure() {
        // bound to 127.0.0.1 only: the bootstrap works, the advertised 127.0.0.2 has no server
        platform = LeshanPlatform.builder().advertiseHost("127.0.0.2").oneNetBehaviour(false).start();
        open();
        events.awaitEvent(EventId.BOOTSTRAP_SUCCESS, WAIT);
        await("event 7 or 8 after the bootstrap").atMost(WAIT).until(() -> events.eventIds().stream()
                .anyMatch(e -> e == EventId.REG_TIMEOUT || e == EventId.REG_FAILED));
        assertThat(events.eventIds()).doesNotContain(EventId.REG_SUCCESS);
        assertThat(platform.device(ENDPOINT)).isEmpty();
    }

    private void open() {
        registrar = new LeshanRegistrar(Lwm2mSettings.builder().build());
        registrar.open(new OpenRequest(ENDPOINT, new AccessConfig(0, 0, 1, "127.0.0.1", platform.bootstrapPort(), 1),
                List.of(new ObjectSpec(3311, 1, "1", 4, 2)), 300, 3), events);
    }
}
