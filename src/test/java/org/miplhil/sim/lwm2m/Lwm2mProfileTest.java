package org.miplhil.sim.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
        assertThat(p.entry("lwm2m.ack-randomised").orElseThrow().source().toString())
                .isEqualTo("observed-elsewhere:seer300/NBIOT_XY1100 cis_transaction.c");
        assertThat(l.ackRandomised()).isFalse();
        assertThat(l.deregistrationTimeout()).as("15 comes inside AT+MIPLDELETE's wait")
                .isLessThan(p.mipl().maxResponseTime());

        Lwm2mSettings s = Lwm2mSettings.from(p);
        assertThat(s.coap()).isEqualTo(CoapTiming.oneNetSdk());
        assertThat(s.coap().maxTransmitWait()).as("the lifetime's margin").isEqualTo(Duration.ofSeconds(93));
        assertThat(s.coap().giveUpAfter()).as("event 25: 2 + 4 + 8 + 16 + 32 s").isEqualTo(Duration.ofSeconds(62));
        assertThat(s.purgeAfter()).as("the SDK's CIS_CONFIG_CALLBACK_TIMEOUT").isEqualTo(Duration.ofSeconds(20))
                .isEqualTo(p.mipl().purgeAfter()).isGreaterThan(p.mipl().answerWindow());
        assertThat(List.of(s.manufacturer(), s.model(), s.serialNumber(), s.firmwareVersion()))
                .containsExactly("Quectel_Ltd", "Quectel_BC260Y-CN", "866971050123456", "BC260YCNAAR01A03");
    }

    @Test
    void theRemovedKeysAreUnknown() throws IOException {
        String text = Files.readString(SHIPPED).replace("  short-server-id:",
                "  unanswered-after: {value: 11s, source: assumed}\n  short-server-id:");

        assertThat(ProfileLoader.parse("p.yaml", text).errors()).anySatisfy(e -> assertThat(e).contains("unanswered-after"));
    }

    @Test
    void aMissingSectionIsReported() throws IOException {
        String text = Files.readString(SHIPPED);
        text = text.substring(0, text.indexOf("\n# The LwM2M side"));

        assertThat(ProfileLoader.parse("p.yaml", text).errors()).anySatisfy(e -> assertThat(e).contains("lwm2m"));
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
