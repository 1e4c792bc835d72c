package org.miplhil.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.miplhil.link.Chunk;
import org.miplhil.link.LinkListener;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;
import org.miplhil.power.rack.Rack;
import org.miplhil.power.rack.RackLoader;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;

/**
 * fixtures/racks/virtual.yaml end to end: the rack's virtual driver switches the virtual BC260Y-CN's power input,
 * while an MCU talks to the module over a real pseudo-terminal.
 */
class VirtualModulePowerSwitchTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Path PROFILE = Path.of("fixtures/firmware/bc260y-cn.yaml");

    /** The shipped profile with a quick power-up, so the test does not wait out a real boot. */
    private static FirmwareProfile quickProfile() throws Exception {
        String text = Files.readString(PROFILE)
                .replace("{line: RDY, after: 200ms,", "{line: RDY, after: 20ms,")
                .replace("{line: \"+IP: ${ip-address}\", after: 1s,", "{line: \"+IP: ${ip-address}\", after: 50ms,");
        return ProfileLoader.parse(PROFILE.toString(), text).orElseThrow();
    }

    private static final class Mcu implements LinkListener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void onChunk(Chunk chunk) {
            text.append(new String(chunk.bytes(), StandardCharsets.ISO_8859_1));
        }

        synchronized int mark() {
            return text.length();
        }

        synchronized String since(int mark) {
            return text.substring(mark);
        }
    }

    @Test
    void theRacksVirtualDriverCutsAndRestoresTheVirtualModule() throws Exception {
        Rack rack = RackLoader.load(Path.of("fixtures/racks/virtual.yaml")).orElseThrow();
        Mcu mcu = new Mcu();
        try (PtyPair pty = PtyPair.open();
             VirtualModule module = VirtualModule.builder().link(pty.master()).profile(quickProfile())
                     .startPowered(false).build().start();
             SerialLink uart = SerialLink.open(pty.slavePath().toString());
             PowerSwitch power = PowerSwitches.open(rack.power(), Map.of(),
                     Optional.of(PowerInput.of(module::powerOff, module::powerOn, module::isPowered)))) {
            uart.start(mcu);
            assertThat(power.state()).isEqualTo(PowerReading.readBack(PowerState.OFF));

            int boot = mcu.mark();
            power.on();
            await().atMost(DEADLINE).until(() -> mcu.since(boot).contains("+IP: "));
            assertThat(mcu.since(boot)).contains("RDY").contains("+CFUN: 1");
            int config = mcu.mark();
            uart.write("AT+MIPLCONFIG=0,1,0,\"183.230.40.40\",5683\r".getBytes(StandardCharsets.US_ASCII));
            await().atMost(DEADLINE).until(() -> mcu.since(config).contains("OK"));

            power.off();
            assertThat(power.state()).isEqualTo(PowerReading.readBack(PowerState.OFF));
            int silent = mcu.mark();
            uart.write("AT\r".getBytes(StandardCharsets.US_ASCII));
            await().during(Duration.ofMillis(300)).atMost(DEADLINE).until(() -> mcu.since(silent).isEmpty());
            assertThat(uart.isOpen()).as("the port stays when the module's supply is cut").isTrue();

            int again = mcu.mark();
            power.cycle(rack.offTime()); // from off: cycling still ends powered
            await().atMost(DEADLINE).until(() -> mcu.since(again).contains("+IP: "));
            int query = mcu.mark();
            uart.write("AT+MIPLCONFIG?\r".getBytes(StandardCharsets.US_ASCII));
            await().atMost(DEADLINE).until(() -> mcu.since(query).contains("OK"));
            // 3.3.1: the configuration is not kept over a power cut; the default server is back
            assertThat(mcu.since(query)).contains("183.230.40.39").doesNotContain("183.230.40.40");
            assertThat(power.state().state()).isEqualTo(PowerState.ON);
        }
    }
}
