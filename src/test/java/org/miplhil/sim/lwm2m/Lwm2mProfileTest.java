package org.miplhil.sim.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;

/** The firmware profile's {@code lwm2m} section and the settings made from it. */
class Lwm2mProfileTest {

    static final Path SHIPPED = Path.of("fixtures/firmware/bc260y-cn.yaml");

    @Test
    void theShippedProfileGivesEveryValueWithItsSource() {
        FirmwareProfile p = ProfileLoader.load(SHIPPED).orElseThrow();

        FirmwareProfile.Lwm2m l = p.lwm2m();
        assertThat(l.lifetimeFactor()).isEqualTo(0.9);
        assertThat(p.entry("lwm2m.lifetime-factor").orElseThrow().source().toString()).isEqualTo("doc:3.3.7");
        assertThat(p.entry("lwm2m.unanswered-code").orElseThrow().source().toString()).isEqualTo("assumed");
        assertThat(l.unansweredAfter()).isEqualTo(Duration.ofSeconds(11));
        assertThat(l.unansweredAfter()).as("longer than the MCU's window (5.1)").isGreaterThan(p.mipl().answerWindow());
        assertThat(l.deregistrationTimeout()).as("15 comes inside AT+MIPLDELETE's wait")
                .isLessThan(p.mipl().maxResponseTime());

        Lwm2mSettings s = Lwm2mSettings.from(p);
        assertThat(s.coap()).isEqualTo(CoapTiming.rfc7252());
        assertThat(s.coap().maxTransmitWait()).isEqualTo(Duration.ofSeconds(93));
        assertThat(s.unansweredCode()).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
        assertThat(s.acceptAfter()).isLessThan(s.coap().ackTimeout());
        assertThat(List.of(s.manufacturer(), s.model(), s.serialNumber(), s.firmwareVersion()))
                .containsExactly("Quectel_Ltd", "Quectel_BC260Y-CN", "866971050123456", "BC260YCNAAR01A03");
    }

    @Test
    void aCodeThatIsNoErrorIsReportedAtItsPosition() throws IOException {
        String text = Files.readString(SHIPPED).replace("unanswered-code: {value: \"5.00\"",
                "unanswered-code: {value: \"2.05\"");

        assertThat(ProfileLoader.parse("p.yaml", text).errors()).singleElement().satisfies(e ->
                assertThat(e).matches("p\\.yaml:\\d+:\\d+: lwm2m\\.unanswered-code must be an error code .*"));
    }

    @Test
    void aMissingSectionIsReported() throws IOException {
        String text = Files.readString(SHIPPED);
        text = text.substring(0, text.indexOf("\n# The LwM2M side"));

        assertThat(ProfileLoader.parse("p.yaml", text).errors()).anySatisfy(e -> assertThat(e).contains("lwm2m"));
    }

    @Test
    void codesTurnIntoCaliforniumCodes() {
        assertThat(Lwm2mSettings.responseCode("4.04")).isEqualTo(ResponseCode.NOT_FOUND);
        assertThat(Lwm2mSettings.responseCode("5.03")).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
        assertThat(Lwm2mSettings.responseCode("4.99")).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
        assertThat(Lwm2mSettings.responseCode("nonsense")).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
    }

    @Test
    void aPresetServerTurnsBootstrapOffAtPowerUp() {
        FirmwareProfile p = ProfileLoader.load(SHIPPED).orElseThrow().withAccessServer("127.0.0.1", 5999);

        assertThat(p.mipl().defaultBsMode()).isZero();
        assertThat(p.mipl().serverAddress()).isEqualTo("127.0.0.1");
        assertThat(p.mipl().defaultPort()).isEqualTo(5999);
        assertThat(p.mipl().configAtPowerUp()).isEqualTo(FirmwareProfile.ConfigAtPowerUp.DEFAULTS);
    }
}
