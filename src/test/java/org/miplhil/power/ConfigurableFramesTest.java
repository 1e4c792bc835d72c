package org.miplhil.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The frame driver with another board's frames, an xor checksum and a state query, on a real pseudo-terminal. */
class ConfigurableFramesTest {

    private FakeQueryBoard board;

    @BeforeEach
    void plugBoard() throws Exception {
        board = new FakeQueryBoard();
    }

    @AfterEach
    void unplugBoard() {
        board.close();
    }

    private LcusSerialRelay relay(int channel, Duration timeout) {
        return new LcusSerialRelay(PowerSpec.Lcus.builder(board.port()).channel(channel)
                .frames(FakeQueryBoard.frames()).timeout(timeout).build());
    }

    @Test
    void switchesAndReadsTheStateBack() throws Exception {
        try (LcusSerialRelay relay = relay(5, Duration.ofSeconds(5))) {
            relay.on();
            assertThat(board.relay(5)).isTrue();
            assertThat(relay.state()).isEqualTo(PowerReading.readBack(PowerState.ON));
            relay.off();
            assertThat(relay.state()).isEqualTo(PowerReading.readBack(PowerState.OFF));
            board.force(5, true); // someone pressed the board's button
            assertThat(relay.state().state()).isEqualTo(PowerState.ON);
        }
        assertThat(board.rejected()).isEmpty();
        assertThat(board.queries()).isGreaterThanOrEqualTo(5); // two verifications and three reads
    }

    @Test
    void aRelayThatDoesNotFollowIsAStateMismatch() throws Exception {
        board.stuck(true);
        try (LcusSerialRelay relay = relay(1, Duration.ofSeconds(5))) {
            assertThatThrownBy(relay::on)
                    .isInstanceOfSatisfying(PowerException.class,
                            e -> assertThat(e.kind()).isEqualTo(PowerException.Kind.STATE_MISMATCH))
                    .hasMessageContaining("the board reports off after switching on");
        }
    }

    @Test
    void aBoardThatDoesNotAnswerTheQueryTimesOutSayingWhatWasAwaited() throws Exception {
        board.silent(true);
        try (LcusSerialRelay relay = relay(2, Duration.ofMillis(500))) {
            assertThatThrownBy(relay::state)
                    .isInstanceOfSatisfying(PowerException.class, e -> {
                        assertThat(e.kind()).isEqualTo(PowerException.Kind.TIMEOUT);
                        assertThat(e.action()).isEqualTo(PowerAction.STATE);
                    })
                    .hasMessageContaining("AA 02 01 A9 (on) or AA 02 00 A8 (off)")
                    .hasMessageContaining("received nothing");
            // the board comes back: the driver recovers without being reopened by the caller
            board.silent(false);
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> relay.state().state() == PowerState.OFF);
        }
    }
}
