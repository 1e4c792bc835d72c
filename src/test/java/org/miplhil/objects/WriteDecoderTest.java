package org.miplhil.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.miplhil.at.MiplValue;

class WriteDecoderTest {

    private static MiplValue hex(DataType type, String digits) {
        WriteDecoder.Decoded d = WriteDecoder.decode(type, 2, digits.length() / 2, new MiplValue.HexValue(digits),
                RecvDataFormat.HEX);
        assertThat(d.problem()).as("%s %s", type, digits).isEmpty();
        return d.value().orElseThrow();
    }

    @Test
    void theHexValuesOf74Decode() {
        // 7.4.1 / 7.4.2
        assertThat(hex(DataType.STRING, "68656C6C6F")).isEqualTo(new MiplValue.StringValue("hello"));
        assertThat(hex(DataType.BOOLEAN, "01")).isEqualTo(new MiplValue.BooleanValue(true));
        assertThat(hex(DataType.INTEGER, "00000002DFDC1C3E")).isEqualTo(new MiplValue.IntegerValue(12345678910L));
        assertThat(hex(DataType.INTEGER, "FF")).isEqualTo(new MiplValue.IntegerValue(-1));
        assertThat(hex(DataType.FLOAT, "3FF0A3D7")).isEqualTo(new MiplValue.FloatValue("1.88"));
        assertThat(hex(DataType.OPAQUE, "00ff")).isEqualTo(new MiplValue.HexValue("00FF"));
    }

    @Test
    void whatDoesNotFitTheTypeIsAProblemNotAnException() {
        assertThat(WriteDecoder.decode(DataType.BOOLEAN, 2, 1, new MiplValue.HexValue("02"), RecvDataFormat.HEX).problem())
                .contains("a boolean is one byte 00 or 01, found 02");
        assertThat(WriteDecoder.decode(DataType.INTEGER, 2, 3, new MiplValue.HexValue("010203"), RecvDataFormat.HEX)
                .problem()).contains("an integer is 1, 2, 4 or 8 bytes, found 3");
        assertThat(WriteDecoder.decode(DataType.STRING, 2, 1, new MiplValue.HexValue("FF"), RecvDataFormat.HEX).problem())
                .contains("the bytes are not UTF-8 text");
        assertThat(WriteDecoder.decode(DataType.FLOAT, 2, 4, new MiplValue.HexValue("7F800000"), RecvDataFormat.HEX)
                .problem()).contains("the float is not finite");
        assertThat(WriteDecoder.decode(DataType.STRING, 2, 1, new MiplValue.HexValue("22"), RecvDataFormat.HEX).problem())
                .hasValueSatisfying(p -> assertThat(p).contains("double quote"));
        assertThat(WriteDecoder.decode(DataType.INTEGER, 1, 3, new MiplValue.StringValue("abc"), RecvDataFormat.TEXT)
                .problem()).contains("'abc' is not an 8-byte integer");
        assertThat(WriteDecoder.decode(DataType.STRING, 7, 1, new MiplValue.RawValue(7, "x", false), RecvDataFormat.HEX)
                .problem()).contains("valueType 7 is not one of 1..5 (5.4)");
    }

    @Test
    void aLengthThatDisagreesWithTheDigitsIsNoted() {
        WriteDecoder.Decoded d = WriteDecoder.decode(DataType.STRING, 2, 9, new MiplValue.HexValue("6869"),
                RecvDataFormat.HEX);
        assertThat(d.value()).contains(new MiplValue.StringValue("hi"));
        assertThat(d.note()).hasValueSatisfying(n -> assertThat(n).contains("<len> is 9 but the value has 2 bytes"));
    }

    /** Encoding a value the way LwM2M carries it and decoding the hex gives the value back. */
    @Test
    void encodedValuesDecodeToThemselves() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 5000; i++) {
            switch (random.nextInt(5)) {
                case 0 -> {
                    long v = random.nextLong();
                    int size = new int[] {1, 2, 4, 8}[random.nextInt(4)];
                    long fitted = size == 8 ? v : (v << (64 - 8 * size)) >> (64 - 8 * size);
                    ByteBuffer b = ByteBuffer.allocate(8).putLong(fitted);
                    byte[] bytes = java.util.Arrays.copyOfRange(b.array(), 8 - size, 8);
                    assertThat(hex(DataType.INTEGER, MiplValue.HexValue.of(bytes).digits()))
                            .as("seed %d", seed).isEqualTo(new MiplValue.IntegerValue(fitted));
                }
                case 1 -> {
                    float f = Float.intBitsToFloat(random.nextInt());
                    if (!Float.isFinite(f)) {
                        continue;
                    }
                    byte[] bytes = ByteBuffer.allocate(4).putFloat(f).array();
                    MiplValue.FloatValue v = (MiplValue.FloatValue) hex(DataType.FLOAT, MiplValue.HexValue.of(bytes).digits());
                    assertThat((float) v.value()).as("seed %d", seed).isEqualTo(f);
                }
                case 2 -> {
                    StringBuilder s = new StringBuilder();
                    int n = random.nextInt(20);
                    for (int k = 0; k < n; k++) {
                        int cp = random.nextBoolean() ? 0x20 + random.nextInt(0x5F) : 0xA0 + random.nextInt(0x3000);
                        if (cp != '"') {
                            s.appendCodePoint(cp);
                        }
                    }
                    byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
                    assertThat(hex(DataType.STRING, MiplValue.HexValue.of(bytes).digits()))
                            .as("seed %d", seed).isEqualTo(new MiplValue.StringValue(s.toString()));
                }
                case 3 -> {
                    boolean v = random.nextBoolean();
                    assertThat(hex(DataType.BOOLEAN, v ? "01" : "00")).isEqualTo(new MiplValue.BooleanValue(v));
                }
                default -> {
                    // any hex digits, any declared type: never throws
                    byte[] bytes = new byte[random.nextInt(10)];
                    random.nextBytes(bytes);
                    DataType type = DataType.values()[random.nextInt(DataType.values().length)];
                    RecvDataFormat f = RecvDataFormat.values()[random.nextInt(2)];
                    WriteDecoder.Decoded d = WriteDecoder.decode(type, 2, random.nextInt(12),
                            MiplValue.HexValue.of(bytes), f);
                    assertThat(d.value().isPresent() != d.problem().isPresent()).as("seed %d", seed).isTrue();
                    WriteDecoder.Decoded t = WriteDecoder.decode(type, 1, bytes.length,
                            new MiplValue.StringValue(new String(bytes, StandardCharsets.ISO_8859_1)), f);
                    assertThat(t.value().isPresent() != t.problem().isPresent()).as("seed %d", seed).isTrue();
                }
            }
        }
    }
}
