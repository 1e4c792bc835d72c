package org.miplhil.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Numato driver against a fake module speaking its text protocol on a real pseudo-terminal. */
class NumatoRelayTest {

    private FakeNumato module;

    @BeforeEach
    void plug() throws Exception {
        module = new FakeNumato(16);
    }

    @AfterEach
    void unplug() {
        module.close();
    }

    private NumatoRelay relay(int channel, Duration timeout) {
        return new NumatoRelay(new PowerSpec.Numato(module.port(), PowerSpec.Numato.DEFAULT_BAUD, channel, true, timeout));
    }

    @Test
    void switchesReadsBackAndVerifies() throws Exception {
        try (NumatoRelay relay = relay(0, Duration.ofSeconds(5))) {
            relay.on();
            assertThat(module.relay(0)).isTrue();
            assertThat(relay.state()).isEqualTo(PowerReading.readBack(PowerState.ON));
            relay.off();
            assertThat(module.relay(0)).isFalse();
            assertThat(relay.state()).isEqualTo(PowerReading.readBack(PowerState.OFF));
        }
        assertThat(module.commands()).containsExactly(
                "relay on 0", "relay read 0", "relay read 0", "relay off 0", "relay read 0", "relay read 0");
    }

    @Test
    void relaysFromTenOnAreWrittenWithLetters() throws Exception {
        try (NumatoRelay relay = relay(12, Duration.ofSeconds(5))) {
            relay.on();
        }
        assertThat(module.commands()).startsWith("relay on C");
        assertThat(module.relay(12)).isTrue();
        assertThat(NumatoRelay.index(9)).isEqualTo("9");
        assertThat(NumatoRelay.index(10)).isEqualTo("A");
        assertThat(NumatoRelay.index(31)).isEqualTo("V");
    }

    @Test
    void aStuckRelayIsAStateMismatch() throws Exception {
        module.mode(FakeNumato.Mode.STUCK);
        try (NumatoRelay relay = relay(3, Duration.ofSeconds(5))) {
            assertThatThrownBy(relay::on)
                    .isInstanceOfSatisfying(PowerException.class,
                            e -> assertThat(e.kind()).isEqualTo(PowerException.Kind.STATE_MISMATCH))
                    .hasMessageContaining("numato")
                    .hasMessageContaining("relay 3")
                    .hasMessageContaining("relay read gives off after switching on");
        }
    }

    @Test
    void aSilentModuleTimesOutNamingWhatWasAwaited() throws Exception {
        module.mode(FakeNumato.Mode.SILENT);
        try (NumatoRelay relay = relay(1, Duration.ofMillis(400))) {
            assertThatThrownBy(relay::off)
                    .isInstanceOfSatisfying(PowerException.class, e -> {
                        assertThat(e.kind()).isEqualTo(PowerException.Kind.TIMEOUT);
                        assertThat(e.action()).isEqualTo(PowerAction.OFF);
                    })
                    .hasMessageContaining("the echo of 'relay off 1' and the '>' prompt")
                    .hasMessageContaining("received nothing");
        }
    }

    @Test
    void aGarbledAnswerIsABadReplyQuotingIt() throws Exception {
        module.mode(FakeNumato.Mode.GARBLED);
        try (NumatoRelay relay = relay(1, Duration.ofSeconds(5))) {
            assertThatThrownBy(relay::state)
                    .isInstanceOfSatisfying(PowerException.class,
                            e -> assertThat(e.kind()).isEqualTo(PowerException.Kind.BAD_REPLY))
                    .hasMessageContaining("\\xFF\\xFE?");
        }
    }

    @Test
    void replyParsing() {
        assertThat(NumatoRelay.parse("relay read 0", "relay read 0\n\ron\n\r>"))
                .isEqualTo(new NumatoRelay.Reply.Complete("on"));
        assertThat(NumatoRelay.parse("relay on 0", "relay on 0\n\r>")).isEqualTo(new NumatoRelay.Reply.Complete(""));
        assertThat(NumatoRelay.parse("relay read 0", "relay read 0\n\rof")).isInstanceOf(NumatoRelay.Reply.Incomplete.class);
        assertThat(NumatoRelay.parse("relay read 0", ">relay read 0\n\roff\n\r>"))
                .isEqualTo(new NumatoRelay.Reply.Complete("off"));
        assertThat(NumatoRelay.parse("relay read 0", "rel\n\r>")).isInstanceOf(NumatoRelay.Reply.Bad.class);
        assertThat(NumatoRelay.parse("relay read 0", "relay read 0\n\ron\n\rextra\n\r>"))
                .isInstanceOf(NumatoRelay.Reply.Bad.class);
    }

    @Test
    void replyParsingNeverThrowsOnRandomBytes() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String[] pieces = {"relay ", "read ", "0", "on", "off", "\n", "\r", ">", "\u00ff", "x"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(12);
            for (int j = 0; j < n; j++) {
                sb.append(random.nextBoolean() ? pieces[random.nextInt(pieces.length)] : (char) random.nextInt(256));
            }
            String text = sb.toString();
            NumatoRelay.Reply r = NumatoRelay.parse("relay read 0", text);
            assertThat(r).as("seed %d, input '%s'", seed, NumatoRelay.printable(text)).isNotNull();
            if (r instanceof NumatoRelay.Reply.Complete c) {
                assertThat(text).as("seed %d", seed).contains("relay read 0").contains(">");
                assertThat(c.body()).as("seed %d", seed).doesNotContain("\n");
            }
        }
    }
}
