package org.miplhil.link;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkSpecTest {

    @Test
    void serialSpecsWithAndWithoutBaud() {
        assertThat(LinkSpec.parse("serial:/dev/ttyUSB0@9600"))
                .isEqualTo(new LinkSpec.Serial(SerialSettings.of("/dev/ttyUSB0", 9600)));
        assertThat(LinkSpec.parse("serial:/dev/ttyUSB0"))
                .isEqualTo(new LinkSpec.Serial(SerialSettings.of("/dev/ttyUSB0", 115_200)));
        assertThat(LinkSpec.parse("/dev/ttyUSB1"))
                .isEqualTo(new LinkSpec.Serial(SerialSettings.of("/dev/ttyUSB1")));
        assertThat(LinkSpec.parse("./target/sim.tty@921600"))
                .isEqualTo(new LinkSpec.Serial(SerialSettings.of("./target/sim.tty", 921_600)));
        assertThat(LinkSpec.parse("COM3")).isEqualTo(new LinkSpec.Serial(SerialSettings.of("COM3")));
    }

    @Test
    void tcpSpecs() {
        assertThat(LinkSpec.parse("tcp:rack-7:2001")).isEqualTo(new LinkSpec.Tcp("rack-7", 2001));
        assertThat(LinkSpec.parse("tcp:[::1]:2000")).isEqualTo(new LinkSpec.Tcp("::1", 2000));
    }

    @Test
    void badSpecsAreReportedNotThrown() {
        assertThat(LinkSpec.parse("tcp:host")).isInstanceOf(LinkSpec.Invalid.class);
        assertThat(LinkSpec.parse("tcp::2000")).isInstanceOf(LinkSpec.Invalid.class);
        assertThat(LinkSpec.parse("tcp:host:70000")).isInstanceOf(LinkSpec.Invalid.class);
        assertThat(LinkSpec.parse("tcp:::1:2000")).isInstanceOf(LinkSpec.Invalid.class);
        assertThat(LinkSpec.parse("serial:/dev/ttyUSB0@fast")).isInstanceOf(LinkSpec.Invalid.class);
        assertThat(LinkSpec.parse("serial:/dev/ttyUSB0@0")).isInstanceOf(LinkSpec.Invalid.class);
        assertThat(LinkSpec.parse("serial:@9600")).isInstanceOf(LinkSpec.Invalid.class);
        assertThat(LinkSpec.parse("serial: @9600")).isInstanceOf(LinkSpec.Invalid.class);
        assertThat(LinkSpec.parse("ttyUSB0")).isInstanceOf(LinkSpec.Invalid.class);
        assertThat(LinkSpec.parse("")).isInstanceOf(LinkSpec.Invalid.class);
        assertThat(LinkSpec.parse(null)).isInstanceOf(LinkSpec.Invalid.class);
        assertThat(((LinkSpec.Invalid) LinkSpec.parse("tcp:host:0")).message())
                .contains("tcp:host:0").contains("port '0'").contains("expected serial:DEVICE[@BAUD]");
        assertThatThrownBy(() -> Links.open("bogus")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bogus");
    }

    @Test
    void randomTextNeverThrows() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String alphabet = "tcpserial:/@[]0123456789COM.-x ";
        String[] prefixes = {"", "tcp:", "serial:", "/", "tcp:[", "COM"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
            int length = random.nextInt(24);
            for (int j = 0; j < length; j++) {
                text.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x3000) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String spec = text.toString();
            try {
                assertThat(LinkSpec.parse(spec)).isNotNull();
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ", spec '" + spec + "'", e);
            }
        }
    }
}
