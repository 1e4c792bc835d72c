package org.miplhil.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameTemplateTest {

    private static FrameTemplate ok(String text) {
        FrameTemplate.Parse p = FrameTemplate.parse(text);
        assertThat(p).as(text).isInstanceOf(FrameTemplate.Parse.Ok.class);
        return ((FrameTemplate.Parse.Ok) p).template();
    }

    @Test
    void lcusFramesCarryTheLowByteOfTheSum() {
        assertThat(FrameTemplate.hex(PowerSpec.Frames.LCUS.on().render(1))).isEqualTo("A0 01 01 A2");
        assertThat(FrameTemplate.hex(PowerSpec.Frames.LCUS.off().render(1))).isEqualTo("A0 01 00 A1");
        assertThat(FrameTemplate.hex(PowerSpec.Frames.LCUS.on().render(4))).isEqualTo("A0 04 01 A5");
        // the sum wraps: A0 + 70 + 01 = 0x111
        assertThat(FrameTemplate.hex(PowerSpec.Frames.LCUS.on().render(0x70))).isEqualTo("A0 70 01 11");
    }

    @Test
    void xorAndChecksumsFromAnOffset() {
        assertThat(FrameTemplate.hex(ok("55 {ch} 01 {xor}").render(5))).isEqualTo("55 05 01 51");
        assertThat(FrameTemplate.hex(ok("0xFE 0x05 {ch} FF {sum:1}").render(2))).isEqualTo("FE 05 02 FF 06");
        assertThat(FrameTemplate.hex(ok("aa,{ch},bb").render(0))).isEqualTo("AA 00 BB");
        assertThat(ok("A0 {ch} 01 {sum}").length()).isEqualTo(4);
    }

    @Test
    void badTemplatesAreReportedWithTheToken() {
        assertThat(FrameTemplate.parse("A0 {chan} 01")).isEqualTo(new FrameTemplate.Parse.Invalid(
                "'{chan}' is neither a hex byte (A0, 0xA0) nor one of {ch}, {sum}, {sum:N}, {xor}, {xor:N}", 2));
        assertThat(FrameTemplate.parse("A0 1 01")).isInstanceOf(FrameTemplate.Parse.Invalid.class);
        assertThat(FrameTemplate.parse("A0 {sum:3}")).isEqualTo(new FrameTemplate.Parse.Invalid(
                "'{sum:3}' starts at byte 3 but is byte 1 itself (it covers the bytes before it)", 2));
        assertThat(FrameTemplate.parse("  ")).isInstanceOf(FrameTemplate.Parse.Invalid.class);
        assertThat(FrameTemplate.parse(null)).isInstanceOf(FrameTemplate.Parse.Invalid.class);
        assertThat(FrameTemplate.parse("00 ".repeat(65))).isInstanceOf(FrameTemplate.Parse.Invalid.class);
    }

    @Test
    void parsingNeverThrowsAndEveryAcceptedTemplateRenders() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String[] words = {"A0", "0x1F", "{ch}", "{sum}", "{xor}", "{sum:1}", "{xor:9}", "{", "}", "zz", "0x", " ", ","};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(8);
            for (int j = 0; j < n; j++) {
                sb.append(random.nextInt(4) == 0 ? String.valueOf((char) random.nextInt(128))
                        : words[random.nextInt(words.length)]).append(' ');
            }
            FrameTemplate.Parse p = FrameTemplate.parse(sb.toString());
            if (p instanceof FrameTemplate.Parse.Ok o) {
                assertThat(o.template().render(random.nextInt(256))).as("seed %d: %s", seed, sb)
                        .hasSize(o.template().length());
            }
        }
    }
}
