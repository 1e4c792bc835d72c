package org.miplhil.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Power events from a real switch: the LCUS driver on a fake board, and a board that is gone. */
class RecordingPowerSwitchTest {

    private FakeLcusBoard board;
    private final List<PowerEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void plug() throws Exception {
        board = new FakeLcusBoard(1);
    }

    @AfterEach
    void unplug() {
        board.close();
    }

    @Test
    void aCycleShowsAsOffThenOnWithTheHoldBetween() throws Exception {
        Duration hold = Duration.ofMillis(200);
        try (PowerSwitch sw = new RecordingPowerSwitch(
                new LcusSerialRelay(PowerSpec.Lcus.builder(board.port()).build()), events::add)) {
            sw.cycle(hold);
            sw.state();
        }
        assertThat(events).extracting(PowerEvent::action)
                .containsExactly(PowerAction.OFF, PowerAction.ON, PowerAction.STATE);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.succeeded()).isTrue();
            assertThat(e.switchName()).isEqualTo("lcus " + board.port() + " channel 1");
        });
        PowerEvent off = events.get(0);
        PowerEvent on = events.get(1);
        assertThat(Duration.ofNanos(on.startNanos() - off.startNanos())).isGreaterThanOrEqualTo(hold);
        assertThat(events.get(2).reading()).hasValueSatisfying(r -> assertThat(r.state()).isEqualTo(PowerState.ON));
        assertThat(events.get(2).toString()).startsWith("power state (lcus " + board.port() + " channel 1): on (tracked:");
    }

    @Test
    void aFailureIsRecordedAndStillThrown() {
        board.close();
        PowerSwitch sw = new RecordingPowerSwitch(new LcusSerialRelay(PowerSpec.Lcus.builder(board.port()).build()),
                events::add);
        assertThatThrownBy(sw::off).isInstanceOf(PowerException.class);
        sw.close();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(PowerAction.OFF);
            assertThat(e.failure()).hasValueSatisfying(f -> assertThat(f.kind()).isEqualTo(PowerException.Kind.UNREACHABLE));
            assertThat(e.toString()).contains("failed: unreachable: cannot open serial port");
        });
    }
}
