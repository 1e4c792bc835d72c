package org.miplhil.platform.onenet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Notification;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.TestDevices;
import org.miplhil.platform.http.OneNetHttpApi;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.onenet.OneNetApi;
import org.miplhil.platform.onenet.OneNetCredentials;

/**
 * Polling the history (no push): every notification the double's platform took between two polls arrives once, in
 * order, for both API generations; polling the same span again adds nothing. Real HTTP on loopback, a real Leshan
 * client notifying over UDP; the rounds are made at known points ({@link OneNetPlatform#pollNow}).
 */
class OneNetPollingHistoryTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String IMEI = "866971030000101";
    static final String IMSI = "460041234567101";
    static final String ENDPOINT = IMEI + ";" + IMSI;
    static final NodePath PATH = NodePath.resource(3303, 0, 5700);
    static final String ACCESS_KEY = Base64.getEncoder().encodeToString(
            "access key of the double, 32 b!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    static final OneNetCredentials CREDENTIALS = new OneNetCredentials(Optional.of("legacy-key"),
            Optional.of(ACCESS_KEY), Optional.of("38055"), Optional.empty(), Optional.empty());

    private LeshanPlatform leshan;
    private OneNetHttpApi api;
    private TestDevices devices;
    private OneNetPlatform onenet;

    private void start(OneNetApi generation) throws IOException {
        leshan = LeshanPlatform.builder().models(TestDevices.models()).oneNetBehaviour(false).start();
        devices = new TestDevices(leshan);
        api = OneNetHttpApi.builder(leshan).address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .credentials(CREDENTIALS).start();
        onenet = adapter(generation);
    }

    /** No push URL: polling, every hour (so the rounds are the test's own after the first, made at once). */
    private OneNetPlatform adapter(OneNetApi generation) throws IOException {
        return OneNetPlatform.start(OneNetSettings.defaults(CREDENTIALS).withApi(generation)
                .withBaseUrl(URI.create("http://127.0.0.1:" + api.port())).withProductId(Optional.of("PRODUCT1"))
                .withPollInterval(Duration.ofHours(1)));
    }

    @AfterEach
    void stop() {
        if (onenet != null) {
            onenet.close();
        }
        if (devices != null) {
            devices.close();
        }
        if (api != null) {
            api.close();
        }
        if (leshan != null) {
            leshan.close();
        }
    }

    private void notifyAndAwait(double v) {
        long before = leshan.notifications().stream().filter(n -> n.path().equals(PATH)).count();
        devices.temperature().set(v);
        await("the platform's notification of " + v).atMost(WAIT).until(() ->
                leshan.notifications().stream().filter(n -> n.path().equals(PATH)).count() > before);
    }

    private java.util.List<ResourceValue> polled() {
        return onenet.notifications().stream().filter(n -> n.path().equals(PATH))
                .map(Notification::values).map(v -> v.get(0).value()).toList();
    }

    @ParameterizedTest
    @EnumSource(OneNetApi.class)
    void everyNotificationBetweenTwoPollsArrivesOnce(OneNetApi generation) throws IOException {
        start(generation);
        assertThat(onenet.polling()).isTrue();
        DeviceLookup made = onenet.ensureDevice(IMEI, IMSI);
        assertThat(made.created()).as(made.message()).isTrue();
        devices.register(ENDPOINT);
        assertThat(leshan.observe(ENDPOINT, PATH, WAIT).isSuccess()).isTrue();
        notifyAndAwait(19.0);
        // a new adapter: what the platform held before its first round is the baseline, not news
        onenet.close();
        onenet = adapter(generation);
        assertThat(onenet.ensureDevice(IMEI, IMSI).created()).isFalse();
        onenet.pollNow();
        assertThat(polled()).isEmpty();

        for (double v : new double[] {21.0, 22.0, 22.0, 23.5, 24.0}) {
            notifyAndAwait(v);
        }
        onenet.pollNow();
        assertThat(polled()).as("five notifications between two polls, two of them equal").containsExactly(
                ResourceValue.of(21.0), ResourceValue.of(22.0), ResourceValue.of(22.0), ResourceValue.of(23.5),
                ResourceValue.of(24.0));
        assertThat(onenet.notifications()).allSatisfy(n -> assertThat(n.endpoint()).isEqualTo(ENDPOINT));

        onenet.pollNow();
        onenet.pollNow();
        assertThat(polled()).as("the same span polled again").hasSize(5);

        notifyAndAwait(25.0);
        onenet.pollNow();
        assertThat(polled()).hasSize(6).last().isEqualTo(ResourceValue.of(25.0));
    }
}
