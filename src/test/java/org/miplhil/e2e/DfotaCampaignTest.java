package org.miplhil.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.dut.ModuleSession;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaOutcome;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.platform.fota.FotaStep;
import org.miplhil.platform.fota.PackageTransfer;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;

/**
 * The platform's FOTA campaign (6.1) against the virtual module end to end: the embedded platform serves the fixture
 * delta package from its package server (CoAP Block2 over UDP) and drives the campaign through /3, /4 and /5; the
 * virtual module runs on a real pseudo-terminal and the test plays the MCU of 7.10.6, registering again after the
 * update.
 */
class DfotaCampaignTest {

    static final Path PROFILE = Path.of("fixtures/firmware/bc260y-cn.yaml");
    static final Path PACKAGES = Path.of("fixtures/firmware/packages");
    static final Path GOOD = PACKAGES.resolve("BC260YCNAAR01A03-to-BETA0721.delta");
    static final Path DAMAGED = PACKAGES.resolve("BC260YCNAAR01A03-to-BETA0721-damaged.delta");
    static final String BASE = "BC260YCNAAR01A03";
    static final String TARGET = "BC260YCNAAR01A03_BETA0721";
    static final Duration WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private LeshanPlatform platform;
    private PtyPair pty;
    private VirtualModule module;
    private ModuleSession session;
    private FotaMcu mcu;
    private String endpoint;

    @AfterEach
    void tearDown() {
        if (session != null) {
            session.close();
        }
        if (module != null) {
            module.close();
        }
        if (pty != null) {
            pty.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    private void start(TestInfo info) throws IOException {
        platform = LeshanPlatform.builder().bootstrap(false).packageDirectory(PACKAGES)
                .fotaPollInterval(Duration.ofSeconds(1)).start();
        FirmwareProfile profile = ProfileLoader.parse(PROFILE.toString(), Files.readString(PROFILE)).orElseThrow();
        endpoint = profile.identity().imei() + ";" + profile.identity().imsi();
        Files.createDirectories(Path.of("target", "e2e"));
        pty = PtyPair.open();
        module = VirtualModule.builder().link(pty.master()).profile(profile).nvFile(dir.resolve("nv.properties"))
                .build();
        session = ModuleSession.builder(SerialLink.open(pty.slavePath().toString()))
                .transcript(Path.of("target", "e2e", "dfota-campaign-"
                        + info.getTestMethod().orElseThrow().getName() + ".log")).open();
        mcu = new FotaMcu(session, WITHIN);
        module.start();
        session.expectUrc("\\+IP: .*", WITHIN);
    }

    /** 7.10.6: create, the MCU's object 3302, open (no bootstrap): events 4 and 6. */
    private void register() {
        mcu.register(platform.coapPort());
    }

    private String revisionByAti() {
        return mcu.ok("ATI").line("Revision: ").orElseThrow().substring("Revision: ".length());
    }

    private static String evidence(FotaCampaign c) {
        StringBuilder sb = new StringBuilder("campaign steps:");
        for (FotaStep s : c.steps()) {
            sb.append("\n  ").append(s.at()).append(' ').append(s.name()).append(": ").append(s.detail())
                    .append(s.ok() ? "" : " [FAILED]");
        }
        return sb.toString();
    }

    @Test
    void theCampaignUpdatesTheVirtualModuleAsIn7_10_6(TestInfo info) throws Exception {
        start(info);
        assertThat(revisionByAti()).isEqualTo(BASE);
        register();
        await("registration of " + endpoint).atMost(WITHIN).until(() -> platform.device(endpoint).isPresent());

        FotaCampaign c = platform.startFota(endpoint, new FotaSpec(GOOD, TARGET, FotaSpec.Trigger.NOW,
                Duration.ofSeconds(10), Duration.ofSeconds(60)));

        // the MCU's side of 6.1: download, update, restart
        mcu.urc("\\+MIPLEVENT: 0,40");
        mcu.urc("\\+MIPLEVENT: 0,42");
        mcu.urc("\\+MIPLEVENT: 0,43");
        mcu.urc("\\+QIND: \"FOTA\",\"START\"");
        mcu.urc("\\+QIND: \"FOTA\",\"END\",0");
        mcu.urc("\\+IP: .*");
        // 6.1.3: the MCU registers again so that the module reports the result (the virtual module keeps no
        // MIPL configuration across the restart: the MCU configures it again, for the embedded platform)
        register();
        mcu.urc("\\+MIPLEVENT: 0,48");

        FotaOutcome outcome = c.await(Duration.ofSeconds(60));
        assertThat(outcome).as(evidence(c)).isEqualTo(new FotaOutcome.Succeeded(TARGET));
        assertThat(c.steps().stream().map(FotaStep::name).toList()).as(evidence(c)).containsSubsequence("trigger",
                "read firmware version", "read cell id", "read signal strength", "read state", "observe state",
                "send package", "downloaded", "read battery", "execute update", "registered again",
                "read update result", "read firmware version");
        assertThat(c.steps()).as(evidence(c)).allMatch(FotaStep::ok);
        assertThat(revisionByAti()).isEqualTo(TARGET);
        long size = Files.size(GOOD);
        assertThat(platform.packageTransfers()).as("transfer log").anySatisfy(t -> {
            assertThat(t.file()).isEqualTo(GOOD.getFileName().toString());
            assertThat(t.status()).isEqualTo(PackageTransfer.Status.COMPLETE);
            assertThat(t.bytes()).isEqualTo(size);
            assertThat(t.blocks()).isEqualTo((int) ((size + 511) / 512));
        });
    }

    @Test
    void aDamagedPackageFailsTheCampaignWithResult5AndEvent41(TestInfo info) throws Exception {
        start(info);
        register();
        await("registration of " + endpoint).atMost(WITHIN).until(() -> platform.device(endpoint).isPresent());

        FotaCampaign c = platform.startFota(endpoint, new FotaSpec(DAMAGED, TARGET, FotaSpec.Trigger.NOW,
                Duration.ofSeconds(10), Duration.ofSeconds(60)));

        mcu.urc("\\+MIPLEVENT: 0,40");
        mcu.urc("\\+MIPLEVENT: 0,41");
        FotaOutcome outcome = c.await(Duration.ofSeconds(60));
        assertThat(outcome).as(evidence(c)).isInstanceOfSatisfying(FotaOutcome.Failed.class,
                f -> assertThat(f.updateResult()).isEqualTo(5));
        assertThat(revisionByAti()).isEqualTo(BASE);
    }

    @Test
    void nextUplinkStartsAtTheModulesRegistrationUpdate(TestInfo info) throws Exception {
        start(info);
        register();
        await("registration of " + endpoint).atMost(WITHIN).until(() -> platform.device(endpoint).isPresent());
        FotaCampaign c = platform.startFota(endpoint, new FotaSpec(GOOD, TARGET, FotaSpec.Trigger.NEXT_UPLINK,
                Duration.ofSeconds(10), Duration.ofSeconds(60)));
        assertThat(c.steps()).as("steps before the uplink").isEmpty();

        // 7.10.6: an update triggers the task of a device online
        mcu.ok("AT+MIPLUPDATE=0,86400,0");
        mcu.urc("\\+MIPLEVENT: 0,40");
        mcu.urc("\\+MIPLEVENT: 0,42");
        mcu.urc("\\+QIND: \"FOTA\",\"END\",0");
        mcu.urc("\\+IP: .*");
        register();

        assertThat(c.await(Duration.ofSeconds(60))).as(evidence(c)).isEqualTo(new FotaOutcome.Succeeded(TARGET));
        assertThat(c.steps().get(0).detail()).isEqualTo("uplink: registration update");
        DeviceEvent.Updated update = platform.events().stream().filter(e -> e instanceof DeviceEvent.Updated)
                .map(DeviceEvent.Updated.class::cast).findFirst().orElseThrow();
        assertThat(platform.requestLog().stream().filter(e -> e.uri().equals("/3/0/3")).findFirst().orElseThrow()
                .sentAt()).isAfterOrEqualTo(update.at());
    }
}
