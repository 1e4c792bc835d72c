package org.miplhil.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.miplhil.at.EventId;
import org.miplhil.network.Impairment;
import org.miplhil.network.NetworkConditions;
import org.miplhil.network.RelayStats;
import org.miplhil.sim.lwm2m.LeshanRegistrar;
import org.miplhil.sim.lwm2m.Lwm2mSettings;
import org.miplhil.sim.registrar.AccessConfig;
import org.miplhil.sim.registrar.ObjectSpec;
import org.miplhil.sim.registrar.OpenRequest;
import org.miplhil.sim.registrar.PlatformRequest;
import org.miplhil.sim.registrar.RegistrarEvents;

/**
 * The platform lab: the platform's API on 127.0.0.1, a module (the virtual module's LwM2M client) registering
 * through the relay's published port with and without bootstrap, the device online in the API, and nothing of the
 * lab left after close.
 */
@Tag("docker")
@ExtendWith(DockerRequired.class)
class PlatformLabIT {

    static final String IMEI = "866971050123456";
    static final String ENDPOINT = IMEI + ";460041234567890";
    static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LeshanRegistrar registrar;

    @AfterEach
    void tearDown() {
        if (registrar != null) {
            registrar.shutdown();
        }
    }

    @Test
    void aModuleRegistersThroughTheBootstrapServerAndTheRelayAndTheApiShowsItOnline() throws Exception {
        List<String> names;
        try (PlatformLab lab = Containers.startPlatformLab(LabSettings.defaults().withSeed(7))) {
            names = ((DockerPlatformLab) lab).dockerNames();
            assertThat(dockerObjects()).as("the lab's containers and network").containsAll(names);
            assertThat(lab.apiBase().getHost()).isEqualTo("127.0.0.1");
            createDevice(lab);
            Recorder events = open(new AccessConfig(0, 0, 1, "127.0.0.1", lab.bootstrap().getPort(), 1));
            events.await(EventId.REG_SUCCESS, lab);
            assertThat(events.ids).startsWith(EventId.BOOTSTRAP_START, EventId.BOOTSTRAP_SUCCESS);
            awaitOnline(lab);

            RelayStats stats = lab.stats();
            assertThat(stats.uplink().received()).as("the module's datagrams went through the relay").isPositive();
            assertThat(stats.downlink().delivered()).isPositive();
            // conditions reach the relay (its own tests show what it does with them)
            lab.apply(new NetworkConditions("inline", Impairment.NONE, Impairment.NONE, Optional.empty()));
            assertThat(lab.platformLogs()).contains("registered " + ENDPOINT);
        }
        // only this lab's names: other labs may run on the same engine
        assertThat(dockerObjects()).as("removed on close").doesNotContainAnyElementsOf(names);
    }

    @Test
    void aModuleRegistersDirectlyThroughTheRelayWithoutBootstrap() throws Exception {
        try (PlatformLab lab = Containers.startPlatformLab(LabSettings.defaults().withBootstrap(false))) {
            createDevice(lab);
            Recorder events = open(new AccessConfig(0, 0, 0, "127.0.0.1", lab.coap().getPort(), 1));
            events.await(EventId.REG_SUCCESS, lab);
            assertThat(events.ids).containsExactly(EventId.CONNECT_SUCCESS, EventId.REG_SUCCESS);
            awaitOnline(lab);
        }
    }

    private Recorder open(AccessConfig config) {
        Recorder events = new Recorder();
        registrar = new LeshanRegistrar(Lwm2mSettings.builder().build());
        registrar.open(new OpenRequest(ENDPOINT, config, List.of(new ObjectSpec(3311, 1, "1", 4, 2)), 300, 20),
                events);
        return events;
    }

    private void createDevice(PlatformLab lab) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(lab.apiBase().resolve("devices"))
                .header("api-key", "lab").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"lab\",\"protocol\":\"LWM2M\",\"auth_info\":{\""
                        + IMEI + "\":\"460041234567890\"}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).as("POST /devices").contains("\"errno\":0");
    }

    private void awaitOnline(PlatformLab lab) {
        URI byImei = lab.apiBase().resolve("devices/getbyimei?imei=" + IMEI);
        await("the device online at " + byImei).atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(byImei).header("api-key", "lab").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).contains("\"online\":true");
        });
    }

    /** Names of every container and network on the engine. */
    static List<String> dockerObjects() throws IOException, InterruptedException {
        List<String> out = new java.util.ArrayList<>();
        for (List<String> cmd : List.of(List.of("docker", "ps", "-a", "--format", "{{.Names}}"),
                List.of("docker", "network", "ls", "--format", "{{.Name}}"))) {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (InputStream in = p.getInputStream()) {
                out.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s", cmd).isTrue();
        }
        return out;
    }

    /** The module's events, in order. */
    static final class Recorder implements RegistrarEvents {
        final List<EventId> ids = new CopyOnWriteArrayList<>();

        @Override
        public void event(EventId event) {
            ids.add(event);
        }

        @Override
        public void event(EventId event, long extend) {
            ids.add(event);
        }

        @Override
        public void request(PlatformRequest request) {
            // the platform's observe and discover: not this test's subject
        }

        void await(EventId id, PlatformLab lab) {
            try {
                org.awaitility.Awaitility.await("+MIPLEVENT: 0," + id.id()).atMost(WAIT)
                        .until(() -> ids.contains(id));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("no event " + id.id() + " within " + WAIT + "; events " + ids
                        + "\n--- platform output:\n" + lab.platformLogs(), e);
            }
        }
    }
}
