package org.miplhil.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The base's share of every driver: tracking, the check after switching, failures with the evidence. */
class PowerDriverTest {

    /** A driver in the two-function shape over a variable; a stuck relay always reads off. */
    private static final class Fake extends PowerDriver {
        final List<String> calls = new ArrayList<>();
        boolean readable = true;
        boolean stuck = true;
        PowerState relay = PowerState.OFF;
        Exception setFails;

        Fake(boolean verify) {
            super("fake", "bench channel 1", Duration.ofSeconds(1), verify);
        }

        @Override
        protected void set(boolean on, Operations.Deadline deadline) throws Exception {
            calls.add("set " + on);
            if (setFails != null) {
                throw setFails;
            }
            relay = stuck ? PowerState.OFF : PowerState.of(on);
        }

        @Override
        protected PowerReading get(PowerAction action, Operations.Deadline deadline) {
            calls.add("get " + action);
            assertThat(deadline.remainingNanos()).isPositive();
            return readable ? PowerReading.readBack(relay) : tracked("write-only");
        }
    }

    @Test
    void aReadBackThatDisagreesFailsTheSwitchWithWhatWasRead() throws Exception {
        Fake f = new Fake(true);
        assertThatThrownBy(f::on).isInstanceOfSatisfying(PowerException.class, e -> {
            assertThat(e.kind()).isEqualTo(PowerException.Kind.STATE_MISMATCH);
            assertThat(e.action()).isEqualTo(PowerAction.ON);
            assertThat(e.driver()).isEqualTo("fake");
        }).hasMessage("power fake bench channel 1: on failed (state mismatch): the device reports off after switching on");
        assertThat(f.calls).containsExactly("set true", "get on");
        f.stuck = false;
        f.calls.clear();
        f.cycle(Duration.ZERO);
        assertThat(f.calls).containsExactly("set false", "get off", "set true", "get on");
    }

    @Test
    void withoutVerifyOrReadBackTheStateIsTheLastOneSet() throws Exception {
        Fake f = new Fake(false);
        f.on();
        assertThat(f.calls).containsExactly("set true");
        f.readable = false;
        assertThat(f.state()).isEqualTo(PowerReading.tracked(PowerState.ON, "write-only"));
        Fake g = new Fake(true);
        g.readable = false;
        assertThat(g.state()).isEqualTo(PowerReading.tracked(PowerState.UNKNOWN, "write-only"));
        g.off();
        assertThat(g.state().state()).isEqualTo(PowerState.OFF);
    }

    @Test
    void ioErrorsAndInterruptsBecomePowerExceptions() {
        Fake f = new Fake(false);
        f.setFails = new IOException("no such port");
        assertThatThrownBy(f::off).isInstanceOfSatisfying(PowerException.class,
                e -> assertThat(e.kind()).isEqualTo(PowerException.Kind.UNREACHABLE)).hasMessageContaining("no such port");
        f.setFails = new InterruptedException();
        try {
            assertThatThrownBy(f::off).isInstanceOfSatisfying(PowerException.class,
                    e -> assertThat(e.kind()).isEqualTo(PowerException.Kind.INTERRUPTED));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
