package org.miplhil.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.miplhil.sim.VirtualModuleErrorTest.ok;
import static org.miplhil.sim.VirtualModuleErrorTest.registration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.sleep.SleepState;

/**
 * Sleep through the pseudo-terminal (docs/virtual-module.md "Sleep"): AT+QSCLK 1 light then deep sleep after the idle
 * times, 2 light only, 0 never; the UART is dead in deep sleep; PSM_EINT wakes it; settings survive deep sleep and
 * are lost across a power cut. The profile's idle times are shortened (20 s + 10 s on the shipped profile).
 */
class VirtualModuleSleepTest {

    static final Duration RRC = Duration.ofMillis(300);
    static final Duration PSM = Duration.ofMillis(200);
    static final String ENTER = "+QNBIOTEVENT: \"ENTER DEEPSLEEP\"";
    static final String EXIT = "+QNBIOTEVENT: \"EXIT DEEPSLEEP\"";

    /** The shipped profile with short idle times. */
    static FirmwareProfile quickSleep() {
        FirmwareProfile p = SimTerminal.profile();
        FirmwareProfile.Sleep s = p.sleep();
        return p.withSleep(new FirmwareProfile.Sleep(RRC, PSM, s.wakeTime(), s.enterDeepLine(), s.exitDeepLine()));
    }

    static SimTerminal start() throws Exception {
        return SimTerminal.with().profile(quickSleep()).start();
    }

    /** Every state the module went through, from now on. */
    static List<SleepState> states(SimTerminal t) {
        List<SleepState> seen = new CopyOnWriteArrayList<>();
        t.module.addSleepListener(seen::add);
        return seen;
    }

    @Test
    void qsclk1SleepsLightThenDeepAfterTheIdleTimesAndSaysSo() throws Exception {
        try (SimTerminal t = start()) {
            List<SleepState> seen = states(t);
            long quiet = System.nanoTime();
            assertThat(t.awaitLine("^\\+QNBIOTEVENT: ", Duration.ofSeconds(5))).isEqualTo(ENTER);
            assertThat(System.nanoTime() - quiet).isGreaterThanOrEqualTo(RRC.plus(PSM).toNanos() - 1_000_000);
            assertThat(t.module.sleepState()).isEqualTo(SleepState.DEEP_SLEEP);
            assertThat(seen).containsExactly(SleepState.LIGHT_SLEEP, SleepState.DEEP_SLEEP);
        }
    }

    @Test
    void theUartIsDeadInDeepSleepAndPsmEintWakesTheModule() throws Exception {
        try (SimTerminal t = start()) {
            t.awaitLine("^\\+QNBIOTEVENT: \"ENTER DEEPSLEEP\"$", Duration.ofSeconds(5));
            int raw = t.rawMark();
            t.write("AT\r");
            // nothing comes back: the bytes are lost, not queued
            await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(3)).until(() -> t.rawSince(raw).length == 0);
            assertThat(t.module.sleepState()).isEqualTo(SleepState.DEEP_SLEEP);

            int mark = t.mark();
            assertThat(t.module.pullWakePin()).isTrue();
            assertThat(t.awaitLine("^\\+QNBIOTEVENT: ")).isEqualTo(EXIT);
            assertThat(t.linesSince(mark)).containsExactly(EXIT); // the lost AT is not answered late
            assertThat(t.module.sleepState()).isEqualTo(SleepState.AWAKE);
            assertThat(t.send("AT").lines()).containsExactly("OK");
            // a pin edge while awake changes nothing
            assertThat(t.module.pullWakePin()).isFalse();
        }
    }

    @Test
    void qsclk0KeepsTheModuleAwake() throws Exception {
        try (SimTerminal t = start()) {
            ok(t, "AT+QSCLK=0"); // 7.1 remark 1
            List<SleepState> seen = states(t);
            int mark = t.mark();
            await().during(RRC.plus(PSM).multipliedBy(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> t.module.sleepState() == SleepState.AWAKE);
            assertThat(seen).isEmpty();
            assertThat(t.linesSince(mark)).isEmpty();
            assertThat(t.send("AT").lines()).containsExactly("OK");
        }
    }

    @Test
    void qsclk2GivesLightSleepOnlyAndTheUartWakesIt() throws Exception {
        try (SimTerminal t = start()) {
            ok(t, "AT+QSCLK=2");
            List<SleepState> seen = states(t);
            await().atMost(Duration.ofSeconds(5)).until(() -> t.module.sleepState() == SleepState.LIGHT_SLEEP);
            int mark = t.mark();
            await().during(PSM.multipliedBy(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> t.module.sleepState() == SleepState.LIGHT_SLEEP);
            assertThat(t.linesSince(mark)).isEmpty(); // no ENTER DEEPSLEEP: never deep
            // the main UART wakes light sleep and the line is read
            assertThat(t.send("AT+QSCLK?").lines()).containsExactly("+QSCLK: 2", "OK");
            assertThat(seen).startsWith(SleepState.LIGHT_SLEEP, SleepState.AWAKE).doesNotContain(SleepState.DEEP_SLEEP);
        }
    }

    @Test
    void settingsSurviveDeepSleepAndAreLostAcrossPowerOff() throws Exception {
        try (SimTerminal t = start()) {
            ok(t, "AT+CMEE=0");
            ok(t, "AT+MIPLCONFIG=0,1,0,\"183.230.40.40\",5683,0");
            assertThat(t.send("AT+MIPLCREATE").lines()).containsExactly("+MIPLCREATE: 0", "OK");
            ok(t, "AT+MIPLADDOBJ=0,3311,1,\"1\",2,0");
            t.awaitLine("^\\+QNBIOTEVENT: \"ENTER DEEPSLEEP\"$", Duration.ofSeconds(5));
            t.module.pullWakePin();
            t.awaitLine("^\\+QNBIOTEVENT: \"EXIT DEEPSLEEP\"$");
            // 3.3.1, 3.3.5: valid after deep-sleep wake-up
            assertThat(t.send("AT+MIPLCONFIG?").lines())
                    .containsExactly("+MIPLCONFIG: 0,1,0,183.230.40.40,5683,0", "OK");
            assertThat(t.send("AT+MIPLCREATE").lines()).containsExactly("ERROR"); // the instance is still there
            assertThat(t.send("AT+MIPLADDOBJ=0,3311,1,\"1\",2,0").lines()).containsExactly("ERROR"); // and its object
            assertThat(t.send("AT+CMEE?").lines()).containsExactly("+CMEE: 0", "OK");
            assertThat(t.send("AT+QSCLK?").lines()).containsExactly("+QSCLK: 1", "OK");
            assertThat(t.send("AT").lines()).containsExactly("OK"); // echo still off

            // not saved to NVRAM: a power cut loses it all
            t.module.powerOff();
            t.module.powerOn();
            t.awaitLine("^\\+IP: ");
            ok(t, "ATE0");
            assertThat(t.send("AT+MIPLCONFIG?").lines())
                    .containsExactly("+MIPLCONFIG: 0,0,1,183.230.40.39,5683,1", "OK");
            // AT+CMEE=<n> is saved in the factory NV (general.cmee-saved): the one setting a power cut keeps
            assertThat(t.send("AT+CMEE?").lines()).containsExactly("+CMEE: 0", "OK");
            assertThat(t.send("AT+MIPLCREATE").lines()).containsExactly("+MIPLCREATE: 0", "OK");
        }
    }

    @Test
    void aPlatformRequestInDeepSleepNeverReachesTheMcu() throws Exception {
        try (SimTerminal t = start()) {
            registration(t);
            t.awaitLine("^\\+QNBIOTEVENT: \"ENTER DEEPSLEEP\"$", Duration.ofSeconds(5));
            int mark = t.mark();
            t.platform.read(3311, 0, 5700);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> t.mark() == mark);
            t.module.pullWakePin();
            t.awaitLine("^\\+QNBIOTEVENT: \"EXIT DEEPSLEEP\"$");
            // awake, the next request arrives as usual; the lost one never does
            t.platform.read(3311, 0, 5700);
            t.awaitLine("^\\+MIPLREAD: ");
            assertThat(t.linesSince(mark).stream().filter(l -> l.startsWith("+MIPLREAD:")).count()).isEqualTo(1);
        }
    }

    @Test
    void aRegistrationInProgressKeepsTheModuleAwake() throws Exception {
        // the stand-in answers nothing for 1 s: events 1, 2, ... come later than the idle times
        try (SimTerminal t = SimTerminal.with().profile(quickSleep()).eventGap(Duration.ofMillis(700)).start()) {
            ok(t, "AT+MIPLCREATE");
            ok(t, "AT+MIPLADDOBJ=0,3311,1,\"1\",2,0");
            ok(t, "AT+MIPLOPEN=0,86400");
            List<String> events = List.of("^\\+MIPLEVENT: 0,1$", "^\\+MIPLEVENT: 0,2$", "^\\+MIPLEVENT: 0,4$",
                    "^\\+MIPLEVENT: 0,6$");
            for (String e : events) {
                t.awaitLine(e, Duration.ofSeconds(5));
            }
            assertThat(t.linesSince(0)).doesNotContain(ENTER);
        }
    }
}
