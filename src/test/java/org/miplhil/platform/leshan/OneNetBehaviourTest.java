package org.miplhil.platform.leshan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Token;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.ObservationInfo;
import org.miplhil.platform.DeviceEvent;

/**
 * OneNET's requests after a registration and an update, seen on the wire by a device without a CoAP stack
 * ({@link RawCoapDevice}) over real UDP on loopback.
 */
class OneNetBehaviourTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String IMEI = "866971030000002";
    static final String ENDPOINT = IMEI + ";460041234567892";
    static final String LINKS = "</>;rt=\"oma.lwm2m\",</1/0>,</3/0>,</3303/0>,</3303/1>,</3311/0>";

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        toClose.add(c);
        return c;
    }

    private LeshanPlatform start(LeshanPlatformBuilder b) {
        return closing(b.bootstrap(false).requestTimeout(Duration.ofSeconds(5)).start());
    }

    private RawCoapDevice device(LeshanPlatform platform) throws Exception {
        return closing(new RawCoapDevice(platform.coapAddress()));
    }

    /** Waits until {@code count} requests arrived and nothing more for a moment; returns them described. */
    private static List<String> settled(RawCoapDevice d, int count) {
        await("the device receives " + count + " requests").atMost(WAIT)
                .untilAsserted(() -> assertThat(d.described()).as("requests on the wire").hasSizeGreaterThanOrEqualTo(count));
        await("no request beyond " + count).during(Duration.ofMillis(500)).atMost(WAIT)
                .untilAsserted(() -> assertThat(d.described()).as("requests on the wire").hasSize(count));
        return d.described();
    }

    @Test
    void aRegistrationIsFollowedByObservesOfEachInstanceDiscoversOfEachObjectThenAReadOfTheDevice() throws Exception {
        LeshanPlatform platform = start(LeshanPlatform.builder());
        RawCoapDevice d = device(platform);
        d.register(ENDPOINT, LINKS);

        assertThat(settled(d, 6)).containsExactly("GET+observe /3303/0", "GET+observe /3303/1", "GET+observe /3311/0",
                "GET /3303", "GET /3311", "GET /3/0");
        // the discovers ask for link-format; the read of /3/0 is a plain read
        assertThat(d.arrivals.get(3).request().getOptions().getAccept())
                .isEqualTo(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
        assertThat(d.arrivals.get(5).request().getOptions().getAccept())
                .isNotEqualTo(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
        assertThat(platform.observations(ENDPOINT)).extracting(ObservationInfo::path).containsExactly(
                NodePath.instance(3303, 0), NodePath.instance(3303, 1), NodePath.instance(3311, 0));
    }

    @Test
    void oneNetsDefaultForNewProductsDiscoversNothing() throws Exception {
        LeshanPlatform platform = start(LeshanPlatform.builder().oneNetDiscover(false));
        assertThat(platform.devicePolicy().discover(IMEI)).isFalse();
        RawCoapDevice d = device(platform);
        d.register(ENDPOINT, LINKS);

        assertThat(settled(d, 4)).containsExactly("GET+observe /3303/0", "GET+observe /3303/1", "GET+observe /3311/0",
                "GET /3/0");
    }

    @Test
    void thePolicyIsPerDeviceAndChangesAtRunTime() throws Exception {
        LeshanPlatform platform = start(LeshanPlatform.builder());
        DevicePolicies policies = (DevicePolicies) platform.devicePolicy();
        policies.observe(IMEI, false).discover(IMEI, false);
        RawCoapDevice d = device(platform);
        d.register(ENDPOINT, LINKS);
        // obsv off and discover off: only the read of /3/0 that ends the registration's requests
        assertThat(settled(d, 1)).containsExactly("GET /3/0");
        assertThat(platform.observations(ENDPOINT)).isEmpty();

        // another device keeps the defaults
        RawCoapDevice other = device(platform);
        other.register("866971030000003;460041234567893", "</3303/0>");
        assertThat(settled(other, 3)).containsExactly("GET+observe /3303/0", "GET /3303", "GET /3/0");

        // switched on at run time: the next registration is observed
        policies.observe(IMEI, true);
        d.arrivals.clear();
        d.register(ENDPOINT, LINKS);
        assertThat(settled(d, 4)).containsExactly("GET+observe /3303/0", "GET+observe /3303/1", "GET+observe /3311/0",
                "GET /3/0");

        // a whole policy can be swapped too
        platform.devicePolicy(DevicePolicy.of(false, true));
        d.arrivals.clear();
        d.register(ENDPOINT, LINKS);
        assertThat(settled(d, 3)).containsExactly("GET /3303", "GET /3311", "GET /3/0");
    }

    @Test
    void aNewRegistrationDropsTheObservationsOfThePreviousOne() throws Exception {
        LeshanPlatform platform = start(LeshanPlatform.builder().oneNetDiscover(false));
        RawCoapDevice d = device(platform);
        d.register(ENDPOINT, "</3303/0>");
        settled(d, 2);
        Token oldToken = d.arrivals.get(0).request().getToken();
        List<String> oldIds = platform.observations(ENDPOINT).stream().map(ObservationInfo::observationId).toList();
        assertThat(oldIds).hasSize(1);
        // while the observation holds, a notification is taken
        Message ack = d.notify(oldToken, 1, "21.5");
        assertThat(ack.getType()).as("answer to a notification of a live observation: %s", RawCoapDevice.text(ack))
                .isEqualTo(CoAP.Type.ACK);

        d.arrivals.clear();
        d.register(ENDPOINT, "</3303/0>");
        settled(d, 2); // observed again, with a new token
        Token newToken = d.arrivals.get(0).request().getToken();
        assertThat(newToken).isNotEqualTo(oldToken);
        assertThat(platform.observations(ENDPOINT)).extracting(ObservationInfo::observationId)
                .hasSize(1).doesNotContainAnyElementsOf(oldIds);
        // the old observation is gone: its notification is refused
        Message rst = d.notify(oldToken, 2, "22.0");
        assertThat(rst.getType()).as("answer to a notification of a dropped observation: %s", RawCoapDevice.text(rst))
                .isEqualTo(CoAP.Type.RST);
        assertThat(d.notify(newToken, 1, "22.5").getType()).isEqualTo(CoAP.Type.ACK);
    }

    @Test
    void anUpdateWithNewLinksObservesAndDiscoversTheNewInstancesOnly() throws Exception {
        LeshanPlatform platform = start(LeshanPlatform.builder());
        RawCoapDevice d = device(platform);
        String location = d.register(ENDPOINT, "</3/0>,</3303/0>");
        settled(d, 3);

        d.arrivals.clear();
        d.update(location, "</3/0>,</3303/0>,</3303/1>,</3311/0>");
        // no read of /3/0 after an update, nothing for /3303/0 again
        assertThat(settled(d, 4)).containsExactly("GET+observe /3303/1", "GET+observe /3311/0", "GET /3303",
                "GET /3311");
        assertThat(platform.observations(ENDPOINT)).extracting(ObservationInfo::path).containsExactly(
                NodePath.instance(3303, 0), NodePath.instance(3303, 1), NodePath.instance(3311, 0));

        // an update without links, or with the same links, sends nothing
        d.arrivals.clear();
        d.update(location, null);
        d.update(location, "</3/0>,</3303/0>,</3303/1>,</3311/0>");
        await("updates recorded").atMost(WAIT).until(() -> platform.events().stream()
                .filter(e -> e instanceof DeviceEvent.Updated).count() == 3);
        assertThat(settled(d, 0)).isEmpty();

        // an update that leaves out instances drops their observations, without a request
        d.update(location, "</3/0>,</3311/0>");
        assertThat(settled(d, 0)).isEmpty();
        assertThat(platform.observations(ENDPOINT)).extracting(ObservationInfo::path)
                .containsExactly(NodePath.instance(3311, 0));
    }

    @Test
    void anUpdateFollowsTheDiscoverSettingToo() throws Exception {
        LeshanPlatform platform = start(LeshanPlatform.builder().oneNetDiscover(false));
        RawCoapDevice d = device(platform);
        String location = d.register(ENDPOINT, "</3303/0>");
        settled(d, 2);
        d.arrivals.clear();
        d.update(location, "</3303/0>,</3311/0>");
        assertThat(settled(d, 1)).containsExactly("GET+observe /3311/0");
    }
}
