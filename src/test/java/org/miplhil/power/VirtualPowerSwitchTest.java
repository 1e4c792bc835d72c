package org.miplhil.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.miplhil.link.Chunk;
import org.miplhil.link.LinkListener;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;

/** The virtual power switch on a module behind a real pseudo-terminal: silent when off, its port stays. */
class VirtualPowerSwitchTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    /**
     * A module reduced to what power does to it: {@code AT} → {@code OK}, a volatile setting {@code AT+X=n} /
     * {@code AT+X?}, {@code RDY} at power-up, nothing at all while unpowered.
     */
    static final class TinyModule implements PowerInput, AutoCloseable {
        private final PtyPair pty;
        private final StringBuilder line = new StringBuilder();
        private boolean powered;
        private int x;

        TinyModule() throws IOException {
            pty = PtyPair.open();
            pty.master().start(new LinkListener() {
                @Override
                public void onChunk(Chunk chunk) {
                    receive(new String(chunk.bytes(), StandardCharsets.US_ASCII));
                }
            });
        }

        private synchronized void receive(String text) {
            for (char c : text.toCharArray()) {
                if (c != '\r') {
                    line.append(c);
                    continue;
                }
                String cmd = line.toString().strip();
                line.setLength(0);
                if (!powered) {
                    continue; // an unpowered module hears nothing
                }
                if (cmd.startsWith("AT+X=")) {
                    x = Integer.parseInt(cmd.substring(5));
                    say("OK");
                } else if (cmd.equals("AT+X?")) {
                    say("+X: " + x + "\r\n\r\nOK");
                } else if (cmd.equals("AT")) {
                    say("OK");
                }
            }
        }

        private void say(String s) {
            try {
                pty.master().write(("\r\n" + s + "\r\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public synchronized void powerOff() {
            powered = false;
            x = 0; // volatile state is lost
            line.setLength(0);
        }

        @Override
        public synchronized void powerOn() {
            if (!powered) {
                powered = true;
                say("RDY");
            }
        }

        @Override
        public synchronized boolean isPowered() {
            return powered;
        }

        String port() {
            return pty.slavePath().toString();
        }

        @Override
        public void close() {
            pty.close();
        }
    }

    private static final class Terminal implements LinkListener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void onChunk(Chunk chunk) {
            text.append(new String(chunk.bytes(), StandardCharsets.US_ASCII));
        }

        synchronized String text() {
            return text.toString();
        }

        synchronized void clear() {
            text.setLength(0);
        }
    }

    @Test
    void offSilencesTheModuleAndLosesItsStateWhileThePortStays() throws Exception {
        Terminal mcu = new Terminal();
        try (TinyModule module = new TinyModule(); SerialLink port = SerialLink.open(module.port());
             VirtualPowerSwitch power = new VirtualPowerSwitch(module)) {
            port.start(mcu);
            assertThat(power.state()).isEqualTo(PowerReading.readBack(PowerState.OFF));
            power.on();
            await().atMost(DEADLINE).until(() -> mcu.text().contains("RDY"));
            port.write("AT+X=5\r".getBytes(StandardCharsets.US_ASCII));
            await().atMost(DEADLINE).until(() -> mcu.text().contains("OK"));
            assertThat(power.state().state()).isEqualTo(PowerState.ON);

            power.off();
            mcu.clear();
            port.write("AT\r".getBytes(StandardCharsets.US_ASCII));
            await().during(Duration.ofMillis(300)).atMost(DEADLINE).until(() -> mcu.text().isEmpty());
            assertThat(port.isOpen()).as("the UART adapter stays when the module's supply is cut").isTrue();
            assertThat(power.state()).isEqualTo(PowerReading.readBack(PowerState.OFF));

            power.on();
            await().atMost(DEADLINE).until(() -> mcu.text().contains("RDY"));
            mcu.clear();
            port.write("AT+X?\r".getBytes(StandardCharsets.US_ASCII));
            await().atMost(DEADLINE).until(() -> mcu.text().contains("OK"));
            assertThat(mcu.text()).contains("+X: 0");
        }
    }

    @Test
    void cycleBringsTheModuleBack() throws Exception {
        Terminal mcu = new Terminal();
        try (TinyModule module = new TinyModule(); SerialLink port = SerialLink.open(module.port());
             VirtualPowerSwitch power = new VirtualPowerSwitch(module)) {
            port.start(mcu);
            power.on();
            await().atMost(DEADLINE).until(() -> mcu.text().contains("RDY"));
            mcu.clear();
            power.cycle(Duration.ofMillis(50));
            await().atMost(DEADLINE).until(() -> mcu.text().contains("RDY"));
            assertThat(module.isPowered()).isTrue();
        }
    }

    @Test
    void aPowerInputThatHangsHitsTheDeadline() {
        PowerInput stuck = new PowerInput() {
            @Override
            public void powerOff() {
                try {
                    new java.util.concurrent.CountDownLatch(1).await(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // a module thread that never answers, until cancelled
                }
            }

            @Override
            public void powerOn() {
            }

            @Override
            public boolean isPowered() {
                return true;
            }
        };
        try (VirtualPowerSwitch power = new VirtualPowerSwitch(stuck, "virtual module", Duration.ofMillis(200))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(power::off)
                    .isInstanceOfSatisfying(PowerException.class,
                            e -> assertThat(e.kind()).isEqualTo(PowerException.Kind.TIMEOUT))
                    .hasMessageContaining("power virtual virtual module: off failed (timeout)");
        }
    }
}
