package org.miplhil.at;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineFramerTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<RawLine> lines) {
        return lines.stream().map(RawLine::text).toList();
    }

    @Test
    void crLfLoneCrAndLoneLfEachEndALine() {
        LineFramer f = new LineFramer();
        assertThat(texts(f.feed(b("\r\nOK\r\nA\rB\nC\r\n"), 1, T0))).containsExactly("OK", "A", "B", "C");
    }

    @Test
    void crLfSplitAcrossChunksIsOneTerminatorAndNoEmptyLine() {
        LineFramer f = new LineFramer();
        assertThat(texts(f.feed(b("OK\r"), 1, T0))).containsExactly("OK");
        assertThat(texts(f.feed(b("\n+MIPLEVENT: 0,1\r"), 2, T0))).containsExactly("+MIPLEVENT: 0,1");
        assertThat(texts(f.feed(b("\n"), 3, T0))).isEmpty();
        assertThat(f.pendingBytes()).isZero();
    }

    @Test
    void emptyLinesAreSkipped() {
        LineFramer f = new LineFramer();
        assertThat(texts(f.feed(b("\r\n\r\n\n\r\r\nRDY\r\n\r\n"), 1, T0))).containsExactly("RDY");
    }

    @Test
    void aLineSplitAcrossChunksCarriesTheTimesOfItsFirstAndLastChunks() {
        LineFramer f = new LineFramer();
        assertThat(f.feed(b("\r\n+MIPL"), 100, T0)).isEmpty();
        assertThat(f.feed(b("READ: 0,3123,"), 200, T0.plusMillis(1))).isEmpty();
        assertThat(f.peek()).map(RawLine::text).contains("+MIPLREAD: 0,3123,");
        List<RawLine> lines = f.feed(b("3311,0,5805"), 300, T0.plusMillis(2));
        assertThat(lines).isEmpty();
        lines = f.feed(b("\r\n"), 400, T0.plusMillis(3));
        assertThat(lines).hasSize(1);
        RawLine l = lines.get(0);
        assertThat(l.text()).isEqualTo("+MIPLREAD: 0,3123,3311,0,5805");
        assertThat(l.firstByteNanos()).isEqualTo(100);
        assertThat(l.lastByteNanos()).as("the terminator completes the line").isEqualTo(400);
        assertThat(l.wall()).isEqualTo(T0);
        assertThat(l.noise()).isFalse();
        assertThat(l.noiseReason()).isEmpty();
    }

    @Test
    void flushEmitsThePartialLineOnceAndPeekDoesNotConsume() {
        LineFramer f = new LineFramer();
        f.feed(b("\r\n> "), 5, T0);
        assertThat(f.peek()).map(RawLine::text).contains("> ");
        assertThat(f.peek()).map(RawLine::text).contains("> ");
        assertThat(f.pendingBytes()).isEqualTo(2);
        RawLine flushed = f.flush().orElseThrow();
        assertThat(flushed.text()).isEqualTo("> ");
        assertThat(flushed.firstByteNanos()).isEqualTo(5);
        assertThat(f.flush()).isEmpty();
        assertThat(f.peek()).isEmpty();
    }

    @Test
    void controlBytesMakeANoiseLineWithEscapes() {
        LineFramer f = new LineFramer();
        List<RawLine> lines = f.feed(new byte[] {'O', 0, 'K', (byte) 0xFF, '\r', '\n', 'O', 'K', '\r', '\n'}, 1, T0);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).noise()).isTrue();
        assertThat(lines.get(0).text()).isEqualTo("O\\x00K\\xFF");
        assertThat(lines.get(0).noiseReason()).contains("0x00").contains("offset 1");
        assertThat(lines.get(1).noise()).isFalse();
        assertThat(lines.get(1).text()).isEqualTo("OK");
    }

    @Test
    void invalidUtf8IsNoiseButValidUtf8AndTabAreText() {
        LineFramer f = new LineFramer();
        List<RawLine> ok = f.feed(b("温度\t25.6\r\n"), 1, T0);
        assertThat(ok).singleElement().satisfies(l -> {
            assertThat(l.text()).isEqualTo("温度\t25.6");
            assertThat(l.noise()).isFalse();
        });
        // a truncated 3-byte sequence, and an overlong encoding of '/'
        List<RawLine> bad = f.feed(new byte[] {'a', (byte) 0xE6, (byte) 0xB8, 'b', (byte) 0xC0, (byte) 0xAF, '\n'}, 2, T0);
        assertThat(bad).singleElement().satisfies(l -> {
            assertThat(l.noise()).isTrue();
            assertThat(l.text()).isEqualTo("a\\xE6\\xB8b\\xC0\\xAF");
            assertThat(l.noiseReason()).contains("invalid UTF-8");
        });
    }

    @Test
    void aMultiByteCharacterSplitAcrossChunksStaysWhole() {
        LineFramer f = new LineFramer();
        byte[] all = b("值=温\r\n");
        List<RawLine> out = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            out.addAll(f.feed(new byte[] {all[i]}, i, T0));
        }
        assertThat(texts(out)).containsExactly("值=温");
        assertThat(out.get(0).noise()).isFalse();
    }

    @Test
    void anOverlongLineIsEmittedAsNoiseAndTheRestDiscardedUpToTheTerminator() {
        LineFramer f = new LineFramer(LineFramer.Mode.RESPONSE, 8);
        List<RawLine> out = new ArrayList<>(f.feed(b("12345678"), 1, T0));
        assertThat(out).isEmpty();
        out.addAll(f.feed(b("9ABC"), 2, T0));
        assertThat(out).singleElement().satisfies(l -> {
            assertThat(l.noise()).isTrue();
            assertThat(l.text()).isEqualTo("12345678");
            assertThat(l.noiseReason()).contains("longer than 8 bytes");
            assertThat(l.lastByteNanos()).isEqualTo(1);
        });
        assertThat(f.discarding()).isTrue();
        assertThat(f.feed(b("DEFGHIJKLMNOP"), 3, T0)).isEmpty();
        assertThat(texts(f.feed(b("\r\nOK\r\n"), 4, T0))).containsExactly("OK");
        assertThat(f.discarding()).isFalse();
    }

    @Test
    void aLineOfExactlyTheMaximumIsNotNoise() {
        LineFramer f = new LineFramer(LineFramer.Mode.RESPONSE, 4);
        assertThat(f.feed(b("ABCD\r\n"), 1, T0)).singleElement().satisfies(l -> assertThat(l.noise()).isFalse());
    }

    @Test
    void commandModeEndsOnCrIgnoresTheFollowingLfAndHonoursBackspace() {
        LineFramer f = LineFramer.forCommands();
        assertThat(f.mode()).isEqualTo(LineFramer.Mode.COMMAND);
        assertThat(texts(f.feed(b("AT+MIPLCREATE\r"), 1, T0))).containsExactly("AT+MIPLCREATE");
        assertThat(texts(f.feed(b("\nATI\r\nAT+CFUX\bN?\r"), 2, T0))).containsExactly("ATI", "AT+CFUN?");
        assertThat(texts(f.feed(b("AT\b\b\bATE0\r"), 3, T0))).containsExactly("ATE0");
        assertThat(texts(f.feed(b("AT+X=\"温\"\u007F\u007F\u007F\"a\"\r"), 4, T0))).containsExactly("AT+X=\"a\"");
    }

    @Test
    void anOverlongCommandLineIsEmittedWhenItsTerminatorArrives() {
        LineFramer f = LineFramer.forCommands(8);
        assertThat(f.maxLineLength()).isEqualTo(8);
        assertThat(f.feed(b("AT+MIPLVER?"), 1, T0)).as("3.1.2: not complete before its CR").isEmpty();
        assertThat(f.discarding()).isTrue();
        assertThat(f.peek()).hasValueSatisfying(l -> assertThat(l.noise()).isTrue());
        assertThat(f.feed(b("\bXYZ"), 2, T0)).isEmpty();
        List<RawLine> lines = f.feed(b("\r\nATI\r"), 3, T0);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).satisfies(l -> {
            assertThat(l.text()).isEqualTo("AT+MIPLV");
            assertThat(l.noise()).isTrue();
            assertThat(l.noiseReason()).contains("longer than 8 bytes");
            assertThat(l.firstByteNanos()).isEqualTo(1);
            assertThat(l.lastByteNanos()).as("its terminator's chunk").isEqualTo(3);
        });
        assertThat(lines.get(1).text()).isEqualTo("ATI");
        assertThat(f.feed(b("12345678"), 4, T0)).as("exactly the maximum is not too long").isEmpty();
        assertThat(f.feed(b("\r"), 5, T0)).singleElement().satisfies(l -> assertThat(l.noise()).isFalse());
        f.feed(b("123456789"), 6, T0);
        assertThat(f.flush()).hasValueSatisfying(l -> {
            assertThat(l.text()).isEqualTo("12345678");
            assertThat(l.noise()).isTrue();
        });
        assertThat(f.discarding()).isFalse();
        assertThat(texts(f.feed(b("AT\r"), 7, T0))).containsExactly("AT");
    }

    @Test
    void responseModeKeepsBackspaceAsNoise() {
        LineFramer f = LineFramer.forResponses();
        assertThat(f.feed(b("AB\bC\r\n"), 1, T0)).singleElement().satisfies(l -> {
            assertThat(l.noise()).isTrue();
            assertThat(l.text()).isEqualTo("AB\\x08C");
        });
    }

    @Test
    void feedWithOffsetReadsOnlyThatRange() {
        LineFramer f = new LineFramer();
        byte[] buf = b("xxOK\r\nyy");
        assertThat(texts(f.feed(buf, 2, 4, 1, T0))).containsExactly("OK");
        assertThat(f.feed(new byte[0], 1, T0)).isEmpty();
        assertThat(f.feed(null, 1, T0)).isEmpty();
    }
}
