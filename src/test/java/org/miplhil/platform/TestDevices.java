package org.miplhil.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.leshan.core.model.ObjectModel;
import org.miplhil.platform.leshan.LeshanPlatform;

/**
 * Real Leshan clients registered with a platform, for tests outside this package: a standard device
 * (3303 temperature, 3311 light control, the typed-values object) and a device whose reads never answer.
 */
public final class TestDevices implements AutoCloseable {

    public static final int TYPES = TestModels.TYPES;
    static final Duration WAIT = Duration.ofSeconds(10);

    private final LeshanPlatform platform;
    private final List<AutoCloseable> open = new ArrayList<>();
    private Enablers.Temperature temperature;

    public TestDevices(LeshanPlatform platform) {
        this.platform = platform;
    }

    /** The models a platform needs to decode the test devices (the defaults plus the typed-values object). */
    public static List<ObjectModel> models() {
        return TestModels.all();
    }

    /** Starts the standard device and waits for its registration event. */
    public void register(String endpoint) {
        temperature = new Enablers.Temperature(0, 20.0);
        TestClient c = TestClient.named(endpoint).server(platform.coapUri()).object(3303, temperature)
                .object(3311, Enablers.lightControl(0)).object(TYPES, new Enablers.Typed(0)).build();
        open.add(c);
        c.start();
        awaitRegistration(endpoint);
    }

    /** Starts a device whose object 3303 never answers a read until closed. */
    public void registerBlocking(String endpoint) {
        Enablers.Blocking blocking = new Enablers.Blocking(0);
        TestClient c = TestClient.named(endpoint).server(platform.coapUri()).object(3303, blocking).build();
        open.add(c);
        open.add(blocking::release); // closed in reverse order: released before the client stops
        c.start();
        awaitRegistration(endpoint);
    }

    /**
     * Starts the standard device against any LwM2M server URI (no waiting); closing the result deregisters
     * it and stops it.
     */
    public static AutoCloseable startClient(String serverUri, String endpoint) {
        TestClient c = TestClient.named(endpoint).server(serverUri).object(3303, new Enablers.Temperature(0, 20.0))
                .object(3311, Enablers.lightControl(0)).build();
        c.start();
        return () -> {
            c.stop(true);
            c.close();
        };
    }

    /** The standard device's temperature instance. */
    public Enablers.Temperature temperature() {
        return temperature;
    }

    private void awaitRegistration(String endpoint) {
        await("registration event of " + endpoint).atMost(WAIT).untilAsserted(() ->
                assertThat(platform.events()).as("events").anyMatch(e -> e instanceof DeviceEvent.Registered r
                        && r.endpoint().equals(endpoint) && platform.device(endpoint).map(Device::registrationId)
                        .equals(Optional.of(r.device().registrationId()))));
    }

    @Override
    public void close() {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                // closing test clients: nothing to do about it
            }
        }
    }
}
