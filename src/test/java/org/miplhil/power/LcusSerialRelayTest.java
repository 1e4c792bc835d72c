package org.miplhil.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LCUS driver against a fake board on a real pseudo-terminal, opened with jSerialComm at 9600 baud. */
class LcusSerialRelayTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private FakeLcusBoard board;

    @BeforeEach
    void plugBoard() throws Exception {
        board = new FakeLcusBoard(4);
    }

    @AfterEach
    void unplugBoard() {
        board.close();
    }

    private LcusSerialRelay relay(int channel) {
        return new LcusSerialRelay(PowerSpec.Lcus.builder(board.port()).channel(channel).build());
    }

    @Test
    void onAndOffSendTheLcusFramesAndTheBoardFollows() throws Exception {
        try (LcusSerialRelay relay = relay(1)) {
            relay.on();
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(board.relay(1)).isTrue());
            relay.off();
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(board.relay(1)).isFalse());
        }
        assertThat(board.rejected()).isEmpty();
        assertThat(board.received().replace("][", " ")).isEqualTo("[A0 01 01 A2 A0 01 00 A1]");
    }

    @Test
    void theStateOfAWriteOnlyBoardIsTrackedAndSaysSo() throws Exception {
        try (LcusSerialRelay relay = relay(2)) {
            assertThat(relay.state().state()).isEqualTo(PowerState.UNKNOWN);
            relay.on();
            PowerReading r = relay.state();
            assertThat(r.state()).isEqualTo(PowerState.ON);
            assertThat(r.origin()).isEqualTo(PowerReading.Origin.TRACKED);
            assertThat(r.note()).contains("cannot be read back");
            relay.off();
            assertThat(relay.state().state()).isEqualTo(PowerState.OFF);
        }
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(board.relay(2)).isFalse());
    }

    @Test
    void everyChannelAndStateGivesAFrameTheBoardAccepts() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int sent = 0;
        boolean[] expected = new boolean[5];
        try (LcusSerialRelay r1 = relay(1); LcusSerialRelay r2 = relay(2); LcusSerialRelay r3 = relay(3);
             LcusSerialRelay r4 = relay(4)) {
            LcusSerialRelay[] relays = {null, r1, r2, r3, r4};
            for (int i = 0; i < 40; i++) {
                int ch = 1 + random.nextInt(4);
                boolean on = random.nextBoolean();
                if (on) {
                    relays[ch].on();
                } else {
                    relays[ch].off();
                }
                expected[ch] = on;
                sent++;
            }
        }
        int total = sent;
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(board.accepted()).as("seed " + seed).hasSize(total));
        assertThat(board.rejected()).as("seed " + seed).isEmpty();
        for (int ch = 1; ch <= 4; ch++) {
            if (board.relay(ch) != null) {
                assertThat(board.relay(ch)).as("seed " + seed + ", channel " + ch).isEqualTo(expected[ch]);
            }
        }
    }

    @Test
    void aChannelTheBoardDoesNotHaveIsRejectedByTheBoardNotNoticedByTheDriver() throws Exception {
        // the honest limit of a write-only board: the driver cannot know
        try (LcusSerialRelay relay = relay(7)) {
            relay.on();
            assertThat(relay.state().origin()).isEqualTo(PowerReading.Origin.TRACKED);
        }
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(board.rejected())
                .containsExactly("channel 7 on a 4-channel board"));
    }

    @Test
    void cycleSwitchesOffHoldsAndSwitchesOn() throws Exception {
        Duration off = Duration.ofMillis(300);
        long before = System.nanoTime();
        try (LcusSerialRelay relay = relay(3)) {
            relay.cycle(off);
        }
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(board.accepted()).hasSize(2));
        FakeLcusBoard.Frame first = board.accepted().get(0);
        FakeLcusBoard.Frame second = board.accepted().get(1);
        assertThat(first.on()).isFalse();
        assertThat(second.on()).isTrue();
        // a lower bound that holds however late the board reads: on cannot be sent before the hold is over
        assertThat(Duration.ofNanos(second.nanoTime() - before)).isGreaterThanOrEqualTo(off);
        assertThat(board.relay(3)).isTrue();
    }

    @Test
    void aMissingPortIsAnInfrastructureFailureNamingPortAndAction() {
        LcusSerialRelay relay = new LcusSerialRelay(PowerSpec.Lcus.builder("/dev/ttyMIPLHIL-no-relay").build());
        assertThatThrownBy(relay::off)
                .isInstanceOfSatisfying(PowerException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PowerException.Kind.UNREACHABLE);
                    assertThat(e.action()).isEqualTo(PowerAction.OFF);
                    assertThat(e.driver()).isEqualTo("lcus");
                    assertThat(e.category()).isEqualTo("infrastructure");
                })
                .hasMessageContaining("lcus /dev/ttyMIPLHIL-no-relay channel 1")
                .hasMessageContaining("off failed")
                .hasMessageContaining("no such device");
        relay.close();
    }

    @Test
    void theSwitchReopensItsPortWhenTheBoardIsPluggedInAgain(@TempDir Path dir) throws Exception {
        // /dev/serial/by-id names survive a replug; a symlink plays that part
        Path byId = dir.resolve("usb-1a86_USB_Serial-if00-port0");
        Files.createSymbolicLink(byId, Path.of(board.port()));
        try (LcusSerialRelay relay = new LcusSerialRelay(PowerSpec.Lcus.builder(byId.toString()).build())) {
            relay.on();
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(board.relay(1)).isTrue());
            board.close();
            board = new FakeLcusBoard(4);
            Files.delete(byId);
            Files.createSymbolicLink(byId, Path.of(board.port()));
            // the first attempt may still meet the old, vanished port; the switch must come back by itself
            await().atMost(DEADLINE).ignoreExceptions().untilAsserted(() -> {
                relay.off();
                assertThat(board.relay(1)).isFalse();
            });
        }
    }
}
