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
 * are lost across a power cut. The idle timing is the network's: light sleep at the RRC release
 * ({@code network.rrc-release-after}, 20 s on the shipped profile, 300 ms here), deep sleep the T3324 of the PSM
 * setting later (10 s shipped, 0 s here unless a test says otherwise); AT+CPSMS=0 means no deep sleep.
 */
class VirtualModuleSleepTest {

    static final Duration RRC = Duration.ofMillis(300);
    /** T3324 of the quick profile: 0 s (GPRS Timer 2 {@code 00000000}), PSM right at the RRC release. */
    static final Duration PSM = Duration.ZERO;
    static final String ENTER = "+QNBIOTEVENT: \"ENTER DEEPSLEEP\"";
    static final String EXIT = "+QNBIOTEVENT: \"EXIT DEEPSLEEP\"";

    /** The shipped profile with short idle times: RRC release after 300 ms, T3324 0 s. */
    static FirmwareProfile quickSleep() {
        return quickSleep("00000000");
    }

    /** The shipped profile with the RRC release after 300 ms and the given T3324 bits in {@code network.psm}. */
    static FirmwareProfile quickSleep(String t3324) {
        return SimTerminal.profile(text -> text
                .replace("rrc-release-after: {value: 20s,", "rrc-release-after: {value: " + RRC.toMillis() + "ms,")
                .replace("\"00111000\",\"00000101\"", "\"00111000\",\"" + t3324 + "\""));
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
            ok(t, "AT"); // the last activity: the idle time runs from here
            assertThat(t.awaitLine("^\\+QNBIOTEVENT: ", Duration.ofSeconds(5))).isEqualTo(ENTER);
            assertThat(System.nanoTime() - quiet).isGreaterThanOrEqualTo(RRC.plus(PSM).toNanos());
            await().atMost(Duration.ofSeconds(2)).until(() -> t.module.sleepState() == SleepState.DEEP_SLEEP);
            assertThat(seen).containsExactly(SleepState.LIGHT_SLEEP, SleepState.DEEP_SLEEP);
        }
    }

    @Test
    void deepSleepComesTheT3324OfThePsmSettingAfterTheRrcRelease() throws Exception {
        // T3324 00000001: 2 s (GPRS Timer 2, unit 2 s)
        try (SimTerminal t = SimTerminal.with().profile(quickSleep("00000001")).start()) {
            List<SleepState> seen = states(t);
            long quiet = System.nanoTime();
            ok(t, "AT"); // a command: the idle time starts again
            await().atMost(Duration.ofSeconds(5)).until(() -> t.module.sleepState() == SleepState.LIGHT_SLEEP);
            assertThat(t.awaitLine("^\\+QNBIOTEVENT: ", Duration.ofSeconds(8))).isEqualTo(ENTER);
            assertThat(System.nanoTime() - quiet).isGreaterThanOrEqualTo(RRC.plus(Duration.ofSeconds(2)).toNanos());
            await().atMost(Duration.ofSeconds(2)).until(() -> t.module.sleepState() == SleepState.DEEP_SLEEP);
            assertThat(seen).containsExactly(SleepState.LIGHT_SLEEP, SleepState.DEEP_SLEEP);
        }
    }

    @Test
    void t3324IsReadAsGprsTimer2() {
        // 3GPP TS 24.008 10.5.7.4: bits 8-6 the unit, 5-1 the count
        assertThat(NetworkState.gprsTimer2("00000101")).contains(Duration.ofSeconds(10));
        assertThat(NetworkState.gprsTimer2("00000000")).contains(Duration.ZERO);
        assertThat(NetworkState.gprsTimer2("00100011")).contains(Duration.ofMinutes(3));
        assertThat(NetworkState.gprsTimer2("01000010")).contains(Duration.ofMinutes(12));
        assertThat(NetworkState.gprsTimer2("11100000")).as("deactivated: no PSM").isEmpty();
    }

    @Test
    void withPsmOffTheModuleNeverGoesToDeepSleep() throws Exception {
        try (SimTerminal t = start()) {
            ok(t, "AT+CPSMS=0"); // 27.007 10.1.23: PSM disabled, the radio never reaches PSM
            List<SleepState> seen = states(t);
            int mark = t.mark();
            await().atMost(Duration.ofSeconds(5)).until(() -> t.module.sleepState() == SleepState.LIGHT_SLEEP);
            await().during(RRC.multipliedBy(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> t.module.sleepState() == SleepState.LIGHT_SLEEP);
            assertThat(t.linesSince(mark)).doesNotContain(ENTER);
            assertThat(seen).doesNotContain(SleepState.DEEP_SLEEP);
            // PSM on again (the command itself is activity): deep sleep follows the next release
            ok(t, "AT+CPSMS=1");
            assertThat(t.awaitLine("^\\+QNBIOTEVENT: ", Duration.ofSeconds(5))).isEqualTo(ENTER);
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
            await().during(RRC.multipliedBy(3)).atMost(Duration.ofSeconds(5))
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
