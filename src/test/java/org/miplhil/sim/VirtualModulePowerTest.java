package org.miplhil.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.miplhil.sim.VirtualModuleErrorTest.ok;
import static org.miplhil.sim.VirtualModuleErrorTest.registration;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The power input: off is silent and forgets, on replays the power-up sequence. */
class VirtualModulePowerTest {

    static final String SLOW_ATTACH = "{line: \"+IP: ${ip-address}\", after: 50ms,";

    @Test
    void powerCycleLosesTheConfigurationAndBootsAgain() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            ok(t, "AT+MIPLCONFIG=0,1,0,\"183.230.40.40\",5683");
            assertThat(t.send("AT+MIPLCREATE").lines()).containsExactly("+MIPLCREATE: 0", "OK");
            ok(t, "AT+CMEE=0");

            t.module.powerOff();
            assertThat(t.module.isPowered()).isFalse();
            int raw = t.rawMark();
            t.write("AT\r");
            await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> t.rawSince(raw).length == 0);

            int mark = t.mark();
            t.module.powerOn();
            t.awaitLine("^\\+IP: ");
            assertThat(t.linesSince(mark)).containsExactly("RDY", "+CFUN: 1", "+CPIN: READY", "+IP: 10.177.135.245");
            // echo is back to its power-up value; AT+CMEE is kept in factory NV (general.cmee-saved)
            assertThat(t.send("AT").lines()).containsExactly("AT", "OK");
            ok(t, "ATE0");
            assertThat(t.send("AT+CMEE?").lines()).containsExactly("+CMEE: 0", "OK");
            // 3.3.1: not saved to NVRAM; the instance is gone too
            assertThat(t.send("AT+MIPLCONFIG?").lines()).containsExactly("+MIPLCONFIG: 0,0,1,183.230.40.39,5683,1", "OK");
            assertThat(t.send("AT+MIPLCREATE").lines()).containsExactly("+MIPLCREATE: 0", "OK");
        }
    }

    @Test
    void powerCutAbandonsTheRegistrationSilently() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            var reg = registration(t);
            t.module.powerOff();
            assertThat(t.platform.calls()).containsExactly("open 183.230.40.39:5683 lifetime 86400", "power lost");
            t.module.powerOn();
            t.awaitLine("^\\+IP: ");
            ok(t, "ATE0");
            assertThat(t.send("AT+MIPLOBSERVERSP=0," + reg.observe() + ",1").lines()).containsExactly("+CIS ERROR: 653");
        }
    }

    @Test
    void beforeTheDataConnectionTheNetworkIsNotThere() throws Exception {
        try (SimTerminal t = SimTerminal.with().profile(p -> p.replace(SLOW_ATTACH, SLOW_ATTACH.replace("50ms", "60s")))
                .bootLine("^\\+CPIN: READY$").start()) {
            assertThat(t.send("AT+CEREG?").lines()).containsExactly("+CEREG: 0,2", "OK");
            assertThat(t.send("AT+CGPADDR?").lines()).containsExactly("OK");
            assertThat(t.send("ATI").finalLine()).isEqualTo("OK");
            assertThat(t.send("AT+MIPLVER?").lines()).containsExactly("+MIPLVER: 2.3.0", "OK");
            assertThat(t.send("AT+MIPLCREATE").lines()).containsExactly("+CIS ERROR: 655");
        }
    }

    @Test
    void anUnpoweredModuleSaysNothingUntilPoweredOn() throws Exception {
        try (SimTerminal t = SimTerminal.with().unpowered().start()) {
            assertThat(t.module.isPowered()).isFalse();
            t.write("AT\r");
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> t.mark() == 0);
            t.module.powerOn();
            assertThat(t.awaitLine("^RDY$")).isEqualTo("RDY");
            t.awaitLine("^\\+IP: ");
            assertThat(t.send("AT").lines()).containsExactly("AT", "OK");
        }
    }

    @Test
    void eachUrcIsTimestampedWhenWritten() throws Exception {
        long before = System.nanoTime();
        try (SimTerminal t = SimTerminal.with().unpowered().start()) {
            t.module.powerOn();
            t.awaitLine("^\\+IP: ");
            // recorded right after the write returns, which can be after the reader already has the line
            await().atMost(Duration.ofSeconds(5)).until(() -> t.module.recentUrcs().size() == 4);
            List<UrcEmission> urcs = t.module.recentUrcs();
            assertThat(urcs).extracting(UrcEmission::line)
                    .containsExactly("RDY", "+CFUN: 1", "+CPIN: READY", "+IP: 10.177.135.245");
            long after = System.nanoTime();
            // stamped in emission order, within the test's own time window, on the clock the harness uses
            assertThat(urcs).extracting(UrcEmission::writtenNanos).isSorted().allSatisfy(n -> assertThat(n).isBetween(before, after));
            // the harness saw the +IP line; its arrival stamp is on the same clock
            assertThat(t.arrivalNanos(t.indexOf("+IP: 10.177.135.245", 0))).isBetween(before, after);
        }
    }

    @Test
    void urcListenerHearsEveryUrcAndTheHistoryIsBounded() throws Exception {
        var pty = org.miplhil.link.PtyPair.open();
        var heard = new java.util.concurrent.CopyOnWriteArrayList<UrcEmission>();
        var registrar = StandInRegistrar.builder().build();
        try (var serial = org.miplhil.link.SerialLink.open(pty.slavePath().toString());
             VirtualModule m = VirtualModule.builder().link(pty.master()).profile(SimTerminal.profile())
                     .registrar(registrar).urcHistory(2).urcListener(heard::add).build().start()) {
            serial.start(chunk -> { });
            await().atMost(SimTerminal.DEADLINE).until(() -> heard.size() == 4);
            assertThat(heard).extracting(UrcEmission::line)
                    .containsExactly("RDY", "+CFUN: 1", "+CPIN: READY", "+IP: 10.177.135.245");
            assertThat(m.recentUrcs()).extracting(UrcEmission::line).containsExactly("+CPIN: READY", "+IP: 10.177.135.245");
        } finally {
            registrar.shutdown();
            pty.close();
        }
    }
}
