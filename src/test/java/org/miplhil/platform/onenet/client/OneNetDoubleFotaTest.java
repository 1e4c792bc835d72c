package org.miplhil.platform.onenet.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.platform.FotaPeer;
import org.miplhil.platform.PlatformCapability;
import org.miplhil.platform.TestDevices;
import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaOutcome;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.platform.fota.FotaStep;
import org.miplhil.platform.fota.PackageTransfer;
import org.miplhil.platform.http.OneNetHttpApi;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.onenet.OneNetCredentials;

/**
 * The adapter's opt-in for the double's own FOTA call ({@code POST/GET /nbiot/fota}; OneNET has none): with it a
 * campaign started through the adapter runs to its outcome with a real LwM2M client taking the update over UDP;
 * without it FOTA stays unsupported. Real HTTP on loopback.
 */
class OneNetDoubleFotaTest {

    static final String IMEI = "866971030000111";
    static final String ENDPOINT = IMEI + ";460041234567111";
    static final String TO = "BC260YCNAAR01A03_BETA0721";
    static final OneNetCredentials KEY = new OneNetCredentials(Optional.of("legacy-key"), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    @TempDir
    Path dir;

    private LeshanPlatform leshan;
    private OneNetHttpApi api;
    private OneNetPlatform onenet;
    private FotaPeer peer;
    private byte[] content;

    @BeforeEach
    void start() throws Exception {
        leshan = LeshanPlatform.builder().models(TestDevices.models()).bootstrap(false)
                .fotaPollInterval(Duration.ofMillis(500)).start();
        api = OneNetHttpApi.start(leshan, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4, dir);
        content = new byte[3000];
        new Random(12).nextBytes(content);
        Files.write(dir.resolve("a03-beta.delta"), content);
    }

    @AfterEach
    void stop() {
        if (onenet != null) {
            onenet.close();
        }
        if (peer != null) {
            peer.close();
        }
        api.close();
        leshan.close();
    }

    private OneNetSettings settings() {
        return OneNetSettings.defaults(KEY).withBaseUrl(URI.create("http://127.0.0.1:" + api.port()))
                .withPushUrl(Optional.of(URI.create("http://127.0.0.1:9/push")));
    }

    @Test
    void withTheOptInACampaignRunsToItsOutcome() throws Exception {
        onenet = OneNetPlatform.start(settings().withDoubleFota(true));
        assertThat(onenet.supports(PlatformCapability.FOTA_CAMPAIGN)).isTrue();
        assertThat(onenet.supports(PlatformCapability.PACKAGE_TRANSFERS)).isTrue();
        assertThat(onenet.supports(PlatformCapability.COAP_REQUEST_LOG)).isFalse();
        peer = FotaPeer.start(leshan.coapUri(), ENDPOINT, "BC260YCNAAR01A03", TO, content, FotaPeer.Download.FETCH,
                true);
        // the package is named by file name: the double takes it from its own package directory
        FotaCampaign c = onenet.startFota(ENDPOINT, new FotaSpec(Path.of("elsewhere", "a03-beta.delta"), TO,
                FotaSpec.Trigger.NOW, Duration.ofSeconds(10), Duration.ofSeconds(60)));
        FotaOutcome o = c.await(Duration.ofSeconds(60));
        assertThat(o).as("steps %s; peer %s", c.steps(), peer.log)
                .isEqualTo(new FotaOutcome.Succeeded(TO));
        assertThat(c.steps()).extracting(FotaStep::name).containsSubsequence("send package", "downloaded",
                "execute update", "read update result");
        assertThat(c.steps()).allSatisfy(s -> assertThat(s.at()).isAfter(java.time.Instant.EPOCH));
        assertThat(onenet.fotaCampaigns()).containsExactly(c);
        assertThat(onenet.packageTransfers()).isNotEmpty().allSatisfy(t -> {
            assertThat(t.file()).isEqualTo("a03-beta.delta");
            assertThat(t.size()).isEqualTo(3000);
        });
        assertThat(onenet.packageTransfers()).anyMatch(t -> t.status() == PackageTransfer.Status.COMPLETE);
        // a package the double does not hold: refused with its answer
        assertThatThrownBy(() -> onenet.startFota(ENDPOINT, FotaSpec.of(Path.of("missing.delta"), TO)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no package missing.delta");
    }

    @Test
    void withoutTheOptInFotaStaysUnsupported() throws Exception {
        onenet = OneNetPlatform.start(settings());
        assertThat(onenet.supports(PlatformCapability.FOTA_CAMPAIGN)).isFalse();
        assertThat(onenet.supports(PlatformCapability.PACKAGE_TRANSFERS)).isFalse();
        assertThatThrownBy(() -> onenet.startFota(ENDPOINT, FotaSpec.of(dir.resolve("a03-beta.delta"), TO)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(leshan.fotaCampaigns()).isEmpty();
        assertThat(onenet.packageTransfers()).isEmpty();
    }
}
