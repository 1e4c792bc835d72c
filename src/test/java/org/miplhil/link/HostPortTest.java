package org.miplhil.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HostPortTest {

    @Test
    void splitsNamesV4AndBracketedV6() {
        assertThat(HostPort.split(" 183.230.40.40:5683 ")).isEqualTo(new HostPort("183.230.40.40", "5683", false));
        assertThat(HostPort.split("[fd00::2]:5683")).isEqualTo(new HostPort("fd00::2", "5683", true));
        assertThat(HostPort.split("lab.example.org")).isEqualTo(new HostPort("lab.example.org", "", false));
        assertThat(HostPort.split("[fd00::2]")).isEqualTo(new HostPort("", "", true));
        assertThat(HostPort.split(":8443").host()).isEmpty();
    }

    @Test
    void portNumberIsInRangeOrMinusOne() {
        assertThat(HostPort.split("h:0").portNumber(0, 65535)).isZero();
        assertThat(HostPort.split("h:0").portNumber(1, 65535)).isEqualTo(-1);
        assertThat(HostPort.split("h:65536").portNumber(0, 65535)).isEqualTo(-1);
        assertThat(HostPort.split("h:12a").portNumber(0, 65535)).isEqualTo(-1);
        assertThat(HostPort.split("h:123456").portNumber(0, 65535)).isEqualTo(-1);
    }

    @Test
    void neverThrows() {
        Random r = new Random(5);
        String alphabet = "[]:.0123456789abc ";
        for (int i = 0; i < 5000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = r.nextInt(20); k > 0; k--) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            HostPort hp = HostPort.split(b.toString());
            assertThat(hp.portNumber(0, 65535)).isBetween(-1, 65535);
        }
    }
}
