package org.miplhil.objects;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.miplhil.at.MiplValue;

/**
 * Turns the {@code <value>} of a {@code +MIPLWRITE} part (5.4) into a value of the resource's data type. Pure; never
 * throws.
 *
 * <ul>
 *   <li>Hex (valueType 2, recv_data_format 0): the digits are the value's bytes as LwM2M carries them — a string's
 *       UTF-8, an opaque's raw bytes, an integer big-endian in 1, 2, 4 or 8 bytes, a float in 4 or 8 bytes
 *       (IEEE 754), a boolean in one byte 0 or 1. 7.4.2: {@code 5850,2,1,01} is true and
 *       {@code 5851,2,8,00000002DFDC1C3E} is 12345678910.</li>
 *   <li>Text (valueType 1, recv_data_format 1): the value's text — a number in decimal, a boolean {@code 1}/{@code 0}
 *       or {@code true}/{@code false}; an opaque value's text is taken as its bytes.</li>
 *   <li>Integer, float and boolean values (valueType 3..5) are taken as they are.</li>
 * </ul>
 * When the part's form is not the one the configured recv_data_format announces, it is still decoded by its own
 * valueType, and the result says so ({@link Decoded#note()}).
 */
public final class WriteDecoder {

    private WriteDecoder() {}

    /** A decoded value, or why the part cannot be one; {@code note} tells of a form other than the configured one. */
    public record Decoded(Optional<MiplValue> value, Optional<String> problem, Optional<String> note) {
        static Decoded ok(MiplValue v, Optional<String> note) {
            return new Decoded(Optional.of(v), Optional.empty(), note);
        }

        static Decoded bad(String problem, Optional<String> note) {
            return new Decoded(Optional.empty(), Optional.of(problem), note);
        }

        public boolean isOk() {
            return value.isPresent();
        }
    }

    public static Decoded decode(DataType type, int valueType, int len, MiplValue value, RecvDataFormat configured) {
        Optional<String> note = Optional.empty();
        if (value instanceof MiplValue.HexValue && configured == RecvDataFormat.TEXT) {
            note = Optional.of("the module sent hex (valueType 2) although recv_data_format is 1 (text)");
        } else if (value instanceof MiplValue.StringValue && configured == RecvDataFormat.HEX) {
            note = Optional.of("the module sent text (valueType 1) although recv_data_format is 0 (hex)");
        }
        Decoded d;
        if (value instanceof MiplValue.HexValue h) {
            Optional<byte[]> bytes = h.bytes();
            if (bytes.isEmpty()) {
                return Decoded.bad("'" + h.digits() + "' is not an even number of hex digits", note);
            }
            if (len != bytes.get().length) {
                note = Optional.of(join(note, "<len> is " + len + " but the value has " + bytes.get().length + " bytes"));
            }
            d = fromBytes(type, bytes.get(), note);
        } else if (value instanceof MiplValue.StringValue s) {
            d = fromText(type, s.text(), note);
        } else if (value instanceof MiplValue.IntegerValue i) {
            d = switch (type) {
                case INTEGER -> Decoded.ok(i, note);
                case FLOAT -> Decoded.ok(new MiplValue.FloatValue(Long.toString(i.value())), note);
                case BOOLEAN -> i.value() == 0 || i.value() == 1 ? Decoded.ok(new MiplValue.BooleanValue(i.value() == 1), note)
                        : Decoded.bad(i.value() + " is not a boolean", note);
                default -> Decoded.bad("an integer (valueType 3) cannot be written to a " + type.word() + " resource", note);
            };
        } else if (value instanceof MiplValue.FloatValue f) {
            d = type == DataType.FLOAT ? Decoded.ok(f, note)
                    : Decoded.bad("a float (valueType 4) cannot be written to a " + type.word() + " resource", note);
        } else if (value instanceof MiplValue.BooleanValue b) {
            d = type == DataType.BOOLEAN ? Decoded.ok(b, note)
                    : Decoded.bad("a boolean (valueType 5) cannot be written to a " + type.word() + " resource", note);
        } else {
            d = Decoded.bad("valueType " + valueType + " is not one of 1..5 (5.4)", note);
        }
        if (d.value().isPresent()) {
            Optional<String> problem = Values.check(type, d.value().get());
            if (problem.isPresent()) {
                return Decoded.bad(problem.get(), d.note());
            }
        }
        return d;
    }

    static Decoded fromBytes(DataType type, byte[] b, Optional<String> note) {
        switch (type) {
            case OPAQUE:
                return Decoded.ok(MiplValue.HexValue.of(b), note);
            case STRING:
                return utf8(b).map(s -> Decoded.ok(new MiplValue.StringValue(s), note))
                        .orElseGet(() -> Decoded.bad("the bytes are not UTF-8 text", note));
            case BOOLEAN:
                if (b.length == 1 && (b[0] == 0 || b[0] == 1)) {
                    return Decoded.ok(new MiplValue.BooleanValue(b[0] == 1), note);
                }
                return Decoded.bad("a boolean is one byte 00 or 01, found " + MiplValue.HexValue.of(b).digits(), note);
            case INTEGER:
                if (b.length != 1 && b.length != 2 && b.length != 4 && b.length != 8) {
                    return Decoded.bad("an integer is 1, 2, 4 or 8 bytes, found " + b.length, note);
                }
                long v = b[0]; // sign-extended
                for (int i = 1; i < b.length; i++) {
                    v = (v << 8) | (b[i] & 0xFF);
                }
                return Decoded.ok(new MiplValue.IntegerValue(v), note);
            default: // FLOAT
                if (b.length == 4) {
                    float f = ByteBuffer.wrap(b).getFloat();
                    return Float.isFinite(f) ? Decoded.ok(new MiplValue.FloatValue(Float.toString(f)), note)
                            : Decoded.bad("the float is not finite", note);
                }
                if (b.length == 8) {
                    double x = ByteBuffer.wrap(b).getDouble();
                    return Double.isFinite(x) ? Decoded.ok(new MiplValue.FloatValue(Double.toString(x)), note)
                            : Decoded.bad("the float is not finite", note);
                }
                return Decoded.bad("a float is 4 or 8 bytes, found " + b.length, note);
        }
    }

    static Decoded fromText(DataType type, String text, Optional<String> note) {
        String t = text.trim();
        switch (type) {
            case STRING:
                return Decoded.ok(new MiplValue.StringValue(text), note);
            case OPAQUE:
                return Decoded.ok(MiplValue.HexValue.of(text.getBytes(StandardCharsets.UTF_8)), note);
            case BOOLEAN: {
                String l = t.toLowerCase(Locale.ROOT);
                if (l.equals("1") || l.equals("true")) {
                    return Decoded.ok(new MiplValue.BooleanValue(true), note);
                }
                if (l.equals("0") || l.equals("false")) {
                    return Decoded.ok(new MiplValue.BooleanValue(false), note);
                }
                return Decoded.bad("'" + text + "' is not a boolean (1, 0, true, false)", note);
            }
            case INTEGER:
                if (MiplValue.INTEGER.matcher(t).matches()) {
                    try {
                        return Decoded.ok(new MiplValue.IntegerValue(Long.parseLong(t)), note);
                    } catch (NumberFormatException e) {
                        // falls through: too large
                    }
                }
                return Decoded.bad("'" + text + "' is not an 8-byte integer", note);
            default: // FLOAT
                if (MiplValue.FLOAT.matcher(t).matches()) {
                    return Decoded.ok(new MiplValue.FloatValue(t), note);
                }
                return Decoded.bad("'" + text + "' is not a decimal number", note);
        }
    }

    private static Optional<String> utf8(byte[] b) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String join(Optional<String> a, String b) {
        return a.map(x -> x + "; " + b).orElse(b);
    }
}
