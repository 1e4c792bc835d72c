package org.miplhil.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PayloadSummaryTest {

    @Test
    void textAsIsBinaryAsHexLongOnesCut() {
        assertThat(PayloadSummary.of(null)).isEmpty();
        assertThat(PayloadSummary.of(new byte[0])).isEmpty();
        assertThat(PayloadSummary.of("</3311/0>;rt=\"x\"".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("</3311/0>;rt=\"x\"");
        assertThat(PayloadSummary.of(new byte[] {(byte) 0xC8, 0x00, 0x14})).isEqualTo("0xC80014");
        assertThat(PayloadSummary.of("a\nb".getBytes(StandardCharsets.UTF_8))).isEqualTo("0x610A62");
        String longText = "x".repeat(500);
        assertThat(PayloadSummary.of(longText.getBytes(StandardCharsets.UTF_8)))
                .hasSize(PayloadSummary.MAX_TEXT + " (500 bytes)".length() + 1).endsWith("… (500 bytes)");
        assertThat(PayloadSummary.of(new byte[100])).startsWith("0x00").endsWith("… (100 bytes)");
    }

    @Test
    void randomBytesNeverThrow() {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(300)];
            r.nextBytes(b);
            try {
                assertThat(PayloadSummary.of(b).length()).isLessThanOrEqualTo(PayloadSummary.MAX_TEXT + 30);
            } catch (Throwable t) {
                throw new AssertionError("seed " + seed + ", iteration " + i, t);
            }
        }
    }
}
