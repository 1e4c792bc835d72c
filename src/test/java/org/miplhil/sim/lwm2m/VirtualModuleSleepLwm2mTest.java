package org.miplhil.sim.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.UrcMatcher;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.PlatformResult;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.sleep.SleepState;

/**
 * Deep sleep with the real LwM2M client and the embedded platform: the lifetime update of auto_update=1 wakes the
 * module (3.3.1 remark 2); a platform request sent during deep sleep is never received and times out.
 */
class VirtualModuleSleepLwm2mTest {

    static final String ENDPOINT = "866971050123456;460041234567890";
    static final String ENTER = "\\+QNBIOTEVENT: \"ENTER DEEPSLEEP\"";
    static final String EXIT = "\\+QNBIOTEVENT: \"EXIT DEEPSLEEP\"";

    LeshanPlatform platform;
    ModuleOverPty m;

    @AfterEach
    void tearDown() {
        if (m != null) {
            m.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    /** The shipped profile with an RRC release after 300 ms and T3324 0 s instead of 20 s + 10 s. */
    static FirmwareProfile quickSleep() {
        return ModuleOverPty.profile(t -> t
                .replace("rrc-release-after: {value: 20s,", "rrc-release-after: {value: 300ms,")
                .replace("\"00111000\",\"00000101\"", "\"00111000\",\"00000000\""));
    }

    void registered(int autoUpdate, int lifetime) throws Exception {
        platform = LeshanPlatform.builder().bootstrap(false).oneNetBehaviour(false).start();
        m = ModuleOverPty.start(quickSleep());
        m.ok("AT+MIPLCONFIG=0,1,0,\"127.0.0.1\"," + platform.coapPort() + "," + autoUpdate);
        m.ok("AT+MIPLCREATE");
        m.ok("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2");
        m.ok("AT+MIPLOPEN=0," + lifetime);
        m.urc("\\+MIPLEVENT: 0,6");
    }

    @Test
    void theLifetimeUpdateOfAutoUpdateWakesTheSleepingModule() throws Exception {
        registered(1, 15);
        List<SleepState> states = new CopyOnWriteArrayList<>();
        m.module.addSleepListener(states::add);
        m.urc(ENTER);
        // lifetime 15 s → the module's own is 13.5 s, warned at half of it: the module wakes by its own timer,
        // says so, then warns (14) and updates (11)
        var exit = m.session.expectUrc(UrcMatcher.regex(EXIT), Duration.ofSeconds(12));
        var warned = m.session.expectUrc(UrcMatcher.regex("\\+MIPLEVENT: 0,14,(\\d+)"), Duration.ofSeconds(5));
        var updated = m.session.expectUrc(UrcMatcher.regex("\\+MIPLEVENT: 0,11"), Duration.ofSeconds(5));
        assertThat(exit.nanoTime()).isLessThanOrEqualTo(warned.nanoTime());
        assertThat(warned.nanoTime()).isLessThanOrEqualTo(updated.nanoTime());
        // and sleeps again afterwards (the listener hears of the state after its URC is written: wait for it)
        m.urc(ENTER);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(states).containsSubsequence(
                SleepState.DEEP_SLEEP, SleepState.AWAKE, SleepState.LIGHT_SLEEP, SleepState.DEEP_SLEEP));
    }

    @Test
    void aPlatformRequestDuringDeepSleepTimesOutAndNeverReachesTheMcu() throws Exception {
        registered(0, 86400);
        m.urc(ENTER);
        var from = m.session.cursor();
        CompletableFuture<PlatformResult> read = m.async(() -> platform.read(ENDPOINT,
                NodePath.resource(3311, 0, 5805), Duration.ofSeconds(4)));
        assertThat(read.join()).as("a read sent to a module in PSM").isInstanceOf(PlatformResult.TimedOut.class);
        List<JournalEntry.Received> seen = m.session.expectNone(from, UrcMatcher.regex("\\+MIPLREAD: .*"),
                Duration.ofMillis(200));
        assertThat(seen).isEmpty();
        assertThat(m.module.sleepState()).isEqualTo(SleepState.DEEP_SLEEP);

        // PSM_EINT: awake, the next request arrives
        m.module.pullWakePin();
        m.urc(EXIT);
        m.ok("AT+QSCLK=0");
        read = m.async(() -> platform.read(ENDPOINT, NodePath.resource(3311, 0, 5805), Duration.ofSeconds(10)));
        long msgId = m.msgId(m.urc("\\+MIPLREAD: 0,(\\d+),3311,0,5805"));
        m.ok("AT+MIPLREADRSP=0," + msgId + ",1,3311,0,5805,4,4,1.88,0,0");
        assertThat(read.join()).isInstanceOf(PlatformResult.Answered.class);
    }
}
