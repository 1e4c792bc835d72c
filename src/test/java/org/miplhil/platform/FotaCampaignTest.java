package org.miplhil.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaOutcome;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.platform.fota.FotaStep;
import org.miplhil.platform.fota.PackageTransfer;
import org.miplhil.platform.leshan.LeshanPlatform;

/**
 * The campaign of 6.1 against a real Leshan client over real UDP, whose Firmware Update object downloads the
 * package block-wise from the platform's package server ({@link FotaPeer}).
 */
class FotaCampaignTest {

    static final String ENDPOINT = "866971030000001;460041234567891";
    static final String FROM = "BC260YCNAAR01A03";
    static final String TO = "BC260YCNAAR01A03_BETA0721";
    static final Duration OUTCOME_WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private LeshanPlatform platform;
    private byte[] content;
    private Path packageFile;

    @BeforeEach
    void start() throws Exception {
        platform = closing(LeshanPlatform.builder().models(TestModels.all()).bootstrap(false)
                .packageDirectory(dir).fotaPollInterval(Duration.ofMillis(500)).start());
        platform.addListener(new PlatformListener() {
            @Override
            public void onFotaStep(FotaCampaign campaign, FotaStep step) {
                heard.add(step.name());
            }

            @Override
            public void onFotaOutcome(FotaCampaign campaign, FotaOutcome outcome) {
                heard.add("outcome " + outcome);
            }
        });
        content = new byte[3 * 1024 + 100];
        new Random(20260721L).nextBytes(content);
        packageFile = dir.resolve("BC260YCNAAR01A03-to-BETA0721.bin");
        Files.write(packageFile, content);
    }

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

    private FotaPeer peer(byte[] expected, FotaPeer.Download download, boolean deregisterOnReboot) {
        FotaPeer p = closing(FotaPeer.start(platform.coapUri(), ENDPOINT, FROM, TO, expected, download,
                deregisterOnReboot));
        await("registration of " + ENDPOINT).atMost(Duration.ofSeconds(10)).until(() ->
                platform.events().stream().anyMatch(e -> e instanceof DeviceEvent.Registered r
                        && r.endpoint().equals(ENDPOINT)));
        return p;
    }

    private static FotaSpec spec(Path file, FotaSpec.Trigger trigger, Duration phase) {
        return new FotaSpec(file, TO, trigger, Duration.ofSeconds(5), phase);
    }

    private static List<String> names(FotaCampaign c) {
        return c.steps().stream().map(FotaStep::name).toList();
    }

    private static String evidence(FotaCampaign c, FotaPeer p) {
        StringBuilder sb = new StringBuilder("steps:\n");
        for (FotaStep s : c.steps()) {
            sb.append("  ").append(s.at()).append(' ').append(s.name()).append(": ").append(s.detail())
                    .append(s.ok() ? "" : " [FAILED]").append('\n');
        }
        sb.append("peer: ").append(p.log);
        return sb.toString();
    }

    @Test
    void aCampaignRunsTheStepsOf61AndSucceedsWithTheTargetVersion() {
        FotaPeer p = peer(content, FotaPeer.Download.FETCH, true);
        FotaCampaign c = closing(platform.startFota(ENDPOINT, spec(packageFile, FotaSpec.Trigger.NOW,
                Duration.ofSeconds(30))));

        FotaOutcome outcome = c.await(OUTCOME_WAIT);

        assertThat(outcome).as(evidence(c, p)).isEqualTo(new FotaOutcome.Succeeded(TO));
        assertThat(names(c)).as(evidence(c, p)).containsSubsequence("trigger", "read firmware version",
                "read cell id", "read signal strength", "read state", "observe state", "send package", "downloaded",
                "read battery", "execute update", "deregistered", "registered again", "read update result",
                "read firmware version");
        assertThat(names(c)).as(evidence(c, p)).contains("package download");
        assertThat(c.steps()).as(evidence(c, p)).allMatch(FotaStep::ok);
        assertThat(c.steps().get(1).detail()).contains(FROM);
        assertThat(c.steps().get(c.steps().size() - 1).detail()).contains(TO);
        // the steps the campaign took itself start in order ("downloaded" starts with the download phase, a
        // transfer when its first block was asked for)
        List<FotaStep> own = c.steps().stream()
                .filter(s -> !s.name().equals("package download") && !s.name().equals("downloaded")).toList();
        for (int i = 1; i < own.size(); i++) {
            assertThat(own.get(i).at()).as("step %s after %s", own.get(i).name(), own.get(i - 1).name())
                    .isAfterOrEqualTo(own.get(i - 1).at());
        }
        FotaStep downloaded = c.steps().stream().filter(s -> s.name().equals("downloaded")).findFirst().orElseThrow();
        assertThat(downloaded.detail()).contains(content.length + " bytes in 13 blocks");
        assertThat(p.downloaded()).as("package the device received").isEqualTo(content);
        assertThat(platform.packageTransfers()).as("transfer log")
                .anySatisfy(t -> {
                    assertThat(t.status()).isEqualTo(PackageTransfer.Status.COMPLETE);
                    assertThat(t.bytes()).isEqualTo(content.length);
                    assertThat(t.blocks()).isEqualTo(13); // 3172 bytes in 256-byte blocks
                });
        assertThat(platform.requestLog()).as("request log").anyMatch(e -> e.method().equals("PUT")
                && e.uri().equals("/5/0/1") && e.outcome().startsWith("2.04"));
        await("outcome reaches the listeners").atMost(Duration.ofSeconds(5)).until(() ->
                heard.contains("outcome " + outcome));
        assertThat(heard).containsSubsequence("trigger", "send package", "downloaded", "execute update");
        assertThat(platform.fotaCampaigns()).containsExactly(c);
    }

    @Test
    void aRebootWithoutDeregistrationIsSeenByTheNewRegistration() {
        FotaPeer p = peer(content, FotaPeer.Download.FETCH, false);
        FotaCampaign c = closing(platform.startFota(ENDPOINT, spec(packageFile, FotaSpec.Trigger.NOW,
                Duration.ofSeconds(30))));

        assertThat(c.await(OUTCOME_WAIT)).as(evidence(c, p)).isEqualTo(new FotaOutcome.Succeeded(TO));
        assertThat(names(c)).as(evidence(c, p)).containsSubsequence("execute update", "registered again",
                "read update result");
    }

    @Test
    void aPackageThatFailsTheIntegrityCheckFailsWithUpdateResult5() {
        byte[] other = content.clone();
        other[1000] ^= 0x55;
        FotaPeer p = peer(other, FotaPeer.Download.FETCH, true);
        FotaCampaign c = closing(platform.startFota(ENDPOINT, spec(packageFile, FotaSpec.Trigger.NOW,
                Duration.ofSeconds(30))));

        FotaOutcome outcome = c.await(OUTCOME_WAIT);

        assertThat(outcome).as(evidence(c, p)).isInstanceOfSatisfying(FotaOutcome.Failed.class, f -> {
            assertThat(f.updateResult()).isEqualTo(5);
            assertThat(f.reason()).contains("download failed").contains("integrity");
        });
        assertThat(c.steps().get(c.steps().size() - 1)).as(evidence(c, p)).satisfies(s -> {
            assertThat(s.name()).isEqualTo("read update result");
            assertThat(s.ok()).isFalse();
        });
        assertThat(names(c)).doesNotContain("execute update");
        assertThat(platform.requestLog()).noneMatch(e -> e.uri().equals("/5/0/2"));
    }

    @Test
    void aMissingPackageIs404ToTheDeviceAndTheCampaignFailsWithInvalidUri() {
        FotaPeer p = peer(content, FotaPeer.Download.FETCH, true);
        FotaCampaign c = closing(platform.startFota(ENDPOINT, spec(dir.resolve("absent.bin"),
                FotaSpec.Trigger.NOW, Duration.ofSeconds(30))));

        FotaOutcome outcome = c.await(OUTCOME_WAIT);

        assertThat(outcome).as(evidence(c, p)).isInstanceOfSatisfying(FotaOutcome.Failed.class,
                f -> assertThat(f.updateResult()).isEqualTo(7));
        assertThat(platform.packageTransfers()).as("transfer log").anySatisfy(t -> {
            assertThat(t.file()).isEqualTo("absent.bin");
            assertThat(t.status()).isEqualTo(PackageTransfer.Status.NOT_FOUND);
        });
        assertThat(p.log).anyMatch(l -> l.contains("4.04"));
    }

    @Test
    void aDeviceThatNeverFinishesTheDownloadTimesOutInTheDownloadPhase() {
        FotaPeer p = peer(content, FotaPeer.Download.STALL, true);
        FotaCampaign c = closing(platform.startFota(ENDPOINT, spec(packageFile, FotaSpec.Trigger.NOW,
                Duration.ofSeconds(3))));

        FotaOutcome outcome = c.await(OUTCOME_WAIT);

        assertThat(outcome).as(evidence(c, p)).isEqualTo(new FotaOutcome.TimedOut("download"));
        assertThat(c.steps().get(c.steps().size() - 1)).satisfies(s -> {
            assertThat(s.ok()).isFalse();
            assertThat(s.detail()).contains("1 (DOWNLOADING)");
        });
        assertThat(names(c)).as(evidence(c, p)).containsSubsequence("send package", "state", "timed out");
    }

    @Test
    void nextUplinkWaitsForARegistrationUpdate() {
        FotaPeer p = peer(content, FotaPeer.Download.FETCH, true);
        FotaCampaign c = closing(platform.startFota(ENDPOINT, spec(packageFile, FotaSpec.Trigger.NEXT_UPLINK,
                Duration.ofSeconds(30))));
        // the registration came before the campaign: it waits (the peer sends nothing by itself)
        assertThat(c.outcome()).isEmpty();
        assertThat(c.steps()).as("steps before any uplink").isEmpty();

        p.update();
        FotaOutcome outcome = c.await(OUTCOME_WAIT);

        assertThat(outcome).as(evidence(c, p)).isEqualTo(new FotaOutcome.Succeeded(TO));
        assertThat(c.steps().get(0).name()).isEqualTo("trigger");
        assertThat(c.steps().get(0).detail()).isEqualTo("uplink: registration update");
        DeviceEvent update = platform.events().stream().filter(e -> e instanceof DeviceEvent.Updated).findFirst()
                .orElseThrow();
        RequestLogEntry firstRead = platform.requestLog().stream().filter(e -> e.uri().equals("/3/0/3"))
                .findFirst().orElseThrow();
        assertThat(firstRead.sentAt()).as("first read of the version after the update").isAfterOrEqualTo(update.at());
    }

    @Test
    void nextUplinkStartsOnANotification() {
        FotaPeer p = peer(content, FotaPeer.Download.FETCH, true);
        await("observation of /3303/0").atMost(Duration.ofSeconds(10)).until(() ->
                platform.observations(ENDPOINT).stream().anyMatch(o -> o.path().equals(NodePath.instance(3303, 0))));
        FotaCampaign c = closing(platform.startFota(ENDPOINT, spec(packageFile, FotaSpec.Trigger.NEXT_UPLINK,
                Duration.ofSeconds(30))));

        p.notifyTemperature(23.5);

        assertThat(c.await(OUTCOME_WAIT)).as(evidence(c, p)).isEqualTo(new FotaOutcome.Succeeded(TO));
        assertThat(c.steps().get(0).detail()).isEqualTo("uplink: notification of /3303/0");
    }

    @Test
    void nextUplinkWithoutAnyUplinkTimesOutInTheTriggerPhase() {
        FotaPeer p = peer(content, FotaPeer.Download.FETCH, true);
        FotaCampaign c = closing(platform.startFota(ENDPOINT, spec(packageFile, FotaSpec.Trigger.NEXT_UPLINK,
                Duration.ofSeconds(2))));

        assertThat(c.await(OUTCOME_WAIT)).as(evidence(c, p)).isEqualTo(new FotaOutcome.TimedOut("trigger"));
        assertThat(platform.requestLog()).noneMatch(e -> e.uri().startsWith("/5/"));
    }

    @Test
    void closingACampaignCancelsIt() {
        FotaPeer p = peer(content, FotaPeer.Download.STALL, true);
        FotaCampaign c = platform.startFota(ENDPOINT, spec(packageFile, FotaSpec.Trigger.NOW,
                Duration.ofSeconds(60)));
        await("download phase").atMost(Duration.ofSeconds(10)).until(() -> names(c).contains("send package"));

        c.close();

        assertThat(c.await(Duration.ofSeconds(5))).as(evidence(c, p)).isEqualTo(new FotaOutcome.Cancelled());
        assertThat(c.outcome()).contains(new FotaOutcome.Cancelled());
    }

    @Test
    void awaitWithAShortDeadlineNamesThePhaseAndLeavesTheCampaignRunning() {
        FotaPeer p = peer(content, FotaPeer.Download.STALL, true);
        FotaCampaign c = closing(platform.startFota(ENDPOINT, spec(packageFile, FotaSpec.Trigger.NOW,
                Duration.ofSeconds(60))));
        await("download phase").atMost(Duration.ofSeconds(10)).until(() -> names(c).contains("send package"));

        assertThat(c.await(Duration.ofMillis(200))).as(evidence(c, p)).isEqualTo(new FotaOutcome.TimedOut("download"));
        assertThat(c.outcome()).isEmpty();
    }

    @Test
    void aDeviceWithoutTheFirmwareObjectFailsInTheQueryWithoutBeingSentAPackage() {
        TestClient plain = closing(TestClient.named(ENDPOINT).server(platform.coapUri())
                .object(3303, new Enablers.Temperature(0, 20.0)).start());
        await("registration of " + ENDPOINT).atMost(Duration.ofSeconds(10)).until(() ->
                platform.device(ENDPOINT).isPresent());
        FotaCampaign c = closing(platform.startFota(ENDPOINT, spec(packageFile, FotaSpec.Trigger.NOW,
                Duration.ofSeconds(30))));

        FotaOutcome outcome = c.await(OUTCOME_WAIT);

        assertThat(outcome).as("%s (client %s)", outcome, plain.clientEvents)
                .isInstanceOfSatisfying(FotaOutcome.Failed.class, f -> {
                    assertThat(f.updateResult()).isEqualTo(-1);
                    assertThat(f.reason()).contains("4.04");
                });
        FotaStep last = c.steps().get(c.steps().size() - 1);
        assertThat(last.ok()).isFalse();
        assertThat(last.name()).startsWith("read ");
        assertThat(platform.requestLog()).noneMatch(e -> e.uri().equals("/5/0/1"));
        assertThat(platform.packageTransfers()).isEmpty();
    }
}
