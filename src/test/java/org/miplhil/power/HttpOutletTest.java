package org.miplhil.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP driver against Tasmota- and Shelly-style outlets served on loopback. */
class HttpOutletTest {

    private static final String USER = "lab";
    private static final String PASSWORD = "s3cr&t pa/ss";
    private static final Map<String, String> ENV = Map.of("OUTLET_USER", USER, "OUTLET_PASSWORD", PASSWORD);

    private static HttpOutlet outlet(PowerSpec.Http.Builder b) throws PowerException {
        return new HttpOutlet(b.credentialsFrom("OUTLET_USER", "OUTLET_PASSWORD").build(), ENV);
    }

    @Test
    void tasmotaWithCredentialsInTheUrl() throws Exception {
        try (FakeOutlets device = new FakeOutlets(USER, PASSWORD);
             HttpOutlet outlet = outlet(PowerSpec.Http.tasmota(device.host(), 2, true))) {
            outlet.on();
            assertThat(device.relay(2)).isTrue();
            assertThat(outlet.state()).isEqualTo(PowerReading.readBack(PowerState.ON));
            outlet.off();
            assertThat(device.relay(2)).isFalse();
            assertThat(device.requests()).extracting(FakeOutlets.Request::query).first().asString()
                    .isEqualTo("user=lab&password=s3cr%26t%20pa%2Fss&cmnd=Power2%20On");
            assertThat(device.requests()).allSatisfy(r -> assertThat(r.authorization()).isNull());
        }
    }

    @Test
    void tasmotaWithOneRelayAnswersPowerWithoutANumber() throws Exception {
        try (FakeOutlets device = new FakeOutlets(null, null);
             HttpOutlet outlet = new HttpOutlet(PowerSpec.Http.tasmota(device.host(), 1, false)
                     .onUrl("http://{host}/cm?cmnd=Power%20On").stateUrl("http://{host}/cm?cmnd=Power").build(),
                     Map.of())) {
            outlet.on();
            assertThat(outlet.state().state()).isEqualTo(PowerState.ON);
        }
    }

    @Test
    void shellyWithBasicAuthentication() throws Exception {
        try (FakeOutlets device = new FakeOutlets(USER, PASSWORD);
             HttpOutlet outlet = outlet(PowerSpec.Http.shelly(device.host(), 0))) {
            outlet.on();
            assertThat(device.relay(0)).isTrue();
            outlet.off();
            assertThat(outlet.state()).isEqualTo(PowerReading.readBack(PowerState.OFF));
            assertThat(device.requests()).extracting(FakeOutlets.Request::path, FakeOutlets.Request::query)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("/relay/0", "turn=on"),
                            org.assertj.core.groups.Tuple.tuple("/relay/0", null),
                            org.assertj.core.groups.Tuple.tuple("/relay/0", "turn=off"),
                            org.assertj.core.groups.Tuple.tuple("/relay/0", null),
                            org.assertj.core.groups.Tuple.tuple("/relay/0", null));
        }
    }

    @Test
    void aWrongPasswordIsRefusedAndNeverShown() throws Exception {
        Map<String, String> wrong = Map.of("OUTLET_USER", USER, "OUTLET_PASSWORD", "not-the-password!");
        try (FakeOutlets device = new FakeOutlets(USER, PASSWORD)) {
            HttpOutlet tasmota = new HttpOutlet(PowerSpec.Http.tasmota(device.host(), 1, true)
                    .credentialsFrom("OUTLET_USER", "OUTLET_PASSWORD").build(), wrong);
            assertThatThrownBy(tasmota::on)
                    .isInstanceOfSatisfying(PowerException.class,
                            e -> assertThat(e.kind()).isEqualTo(PowerException.Kind.REFUSED))
                    .hasMessageContaining("HTTP 401")
                    .hasMessageContaining("check the credentials in $OUTLET_USER and $OUTLET_PASSWORD")
                    .hasMessageContaining("password=***")
                    .hasMessageNotContaining("not-the-password");
            HttpOutlet shelly = new HttpOutlet(PowerSpec.Http.shelly(device.host(), 0)
                    .credentialsFrom("OUTLET_USER", "OUTLET_PASSWORD").build(), wrong);
            assertThatThrownBy(shelly::off).hasMessageContaining("HTTP 401");
        }
    }

    @Test
    void credentialsEchoedByTheDeviceAreMaskedInEveryForm() throws Exception {
        try (FakeOutlets device = new FakeOutlets(USER, PASSWORD)) {
            device.mode(FakeOutlets.Mode.FAIL_500);
            for (HttpOutlet outlet : new HttpOutlet[] {outlet(PowerSpec.Http.tasmota(device.host(), 1, true)),
                    outlet(PowerSpec.Http.shelly(device.host(), 0))}) {
                assertThatThrownBy(outlet::on)
                        .isInstanceOfSatisfying(PowerException.class, e -> {
                            assertThat(e.kind()).isEqualTo(PowerException.Kind.REFUSED);
                            assertThat(e.getCause()).isNull();
                        })
                        .hasMessageContaining("HTTP 500")
                        .hasMessageContaining("***")
                        .hasMessageNotContaining(PASSWORD)
                        .hasMessageNotContaining("s3cr%26t")
                        .hasMessageNotContaining("s3cr&t")
                        .hasMessageNotContaining(java.util.Base64.getEncoder().encodeToString(
                                (USER + ":" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
    }

    @Test
    void aMissingCredentialVariableIsAConfigurationErrorNamingIt() {
        assertThatThrownBy(() -> new HttpOutlet(PowerSpec.Http.shelly("192.0.2.1", 0)
                .credentialsFrom("OUTLET_USER", "NO_SUCH_PASSWORD_VAR").build(), ENV))
                .isInstanceOfSatisfying(PowerException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PowerException.Kind.CONFIGURATION);
                    assertThat(e.action()).isEqualTo(PowerAction.OPEN);
                })
                .hasMessageContaining("NO_SUCH_PASSWORD_VAR is not set");
    }

    @Test
    void anOutletThatDoesNotAnswerTimesOut() throws Exception {
        try (FakeOutlets device = new FakeOutlets(null, null)) {
            device.mode(FakeOutlets.Mode.HANG);
            HttpOutlet outlet = new HttpOutlet(PowerSpec.Http.shelly(device.host(), 0)
                    .timeout(Duration.ofMillis(400)).build(), Map.of());
            assertThatThrownBy(outlet::off)
                    .isInstanceOfSatisfying(PowerException.class, e -> {
                        assertThat(e.kind()).isEqualTo(PowerException.Kind.TIMEOUT);
                        assertThat(e.target()).isEqualTo(device.host() + " channel 0");
                    })
                    .hasMessageContaining("no answer from http://" + device.host() + "/relay/0?turn=off within 400 ms");
        }
    }

    @Test
    void nobodyListeningIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HttpOutlet outlet = new HttpOutlet(PowerSpec.Http.shelly("127.0.0.1:" + port, 0).build(), Map.of());
        assertThatThrownBy(outlet::on)
                .isInstanceOfSatisfying(PowerException.class,
                        e -> assertThat(e.kind()).isEqualTo(PowerException.Kind.UNREACHABLE))
                .hasMessageContaining("cannot reach http://127.0.0.1:" + port + "/relay/0?turn=on");
    }

    @Test
    void anOutletThatDoesNotSwitchIsAStateMismatch() throws Exception {
        try (FakeOutlets device = new FakeOutlets(null, null)) {
            device.mode(FakeOutlets.Mode.STUCK);
            HttpOutlet outlet = new HttpOutlet(PowerSpec.Http.tasmota(device.host(), 1, false).build(), Map.of());
            assertThatThrownBy(outlet::on)
                    .isInstanceOfSatisfying(PowerException.class,
                            e -> assertThat(e.kind()).isEqualTo(PowerException.Kind.STATE_MISMATCH))
                    .hasMessageContaining("the outlet reports off after switching on");
            HttpOutlet unverified = new HttpOutlet(PowerSpec.Http.tasmota(device.host(), 1, false)
                    .verify(false).build(), Map.of());
            unverified.on(); // not checked: the caller asked so
            assertThat(unverified.state().state()).isEqualTo(PowerState.OFF);
        }
    }

    @Test
    void aStateReplyWithoutTheStateIsABadReplyQuotingIt() throws Exception {
        try (FakeOutlets device = new FakeOutlets(null, null)) {
            device.mode(FakeOutlets.Mode.WRONG_JSON);
            HttpOutlet outlet = new HttpOutlet(PowerSpec.Http.builder(device.host()).channel(1)
                    .onUrl("http://{host}/cm?cmnd=Power{ch}%20On").offUrl("http://{host}/cm?cmnd=Power{ch}%20Off")
                    .stateUrl("http://{host}/cm?cmnd=Power{ch}").stateJson("POWER{ch}").build(), Map.of());
            assertThatThrownBy(outlet::state)
                    .isInstanceOfSatisfying(PowerException.class,
                            e -> assertThat(e.kind()).isEqualTo(PowerException.Kind.BAD_REPLY))
                    .hasMessageContaining("the reply has no 'POWER1'; reply: '{\"Status\":{}}'");
        }
    }

    @Test
    void withoutAStateUrlTheStateIsUnknown() throws Exception {
        try (FakeOutlets device = new FakeOutlets(null, null)) {
            HttpOutlet outlet = new HttpOutlet(PowerSpec.Http.builder(device.host()).channel(0)
                    .onUrl("http://{host}/relay/{ch}?turn=on").offUrl("http://{host}/relay/{ch}?turn=off")
                    .method(PowerSpec.Http.Method.POST).build(), Map.of());
            outlet.on();
            assertThat(device.relay(0)).isTrue();
            assertThat(device.requests()).extracting(FakeOutlets.Request::method).containsExactly("POST");
            assertThat(outlet.state()).isEqualTo(PowerReading.tracked(PowerState.UNKNOWN, "no state URL in the rack file"));
        }
    }
}
