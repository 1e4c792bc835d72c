package org.miplhil.at;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code <value>} of AT+MIPLREADRSP, AT+MIPLNOTIFY and +MIPLWRITE, typed by {@code <valueType>}
 * (3.3.11). Each kind formats exactly as written: a float keeps its text ({@code 1.88},
 * {@code 25.6}), so formatting reproduces the input.
 */
public sealed interface MiplValue {

    /** The {@code <valueType>} code this value is written with. */
    int typeCode();

    /** The text on the line, with quotes when the type is written quoted. */
    String format();

    /** The value as written, without quotes: the string, the hex digits, the number, {@code 1}/{@code 0}. */
    String text();

    /** The {@code <len>} this value naturally has: bytes of a string, half the hex digits, 2/4/8 for an integer, 4 for a float, 1 for a boolean. */
    int naturalLen();

    /**
     * Type 1: a string. Commands write it in double quotes (3.3.11); {@code +MIPLWRITE} shows it as a bare
     * "字符串型" (5.4), and the BC260Y build of the SDK prints text written to the module without quotes.
     *
     * @param quoted whether it is written in double quotes
     */
    record StringValue(String text, boolean quoted) implements MiplValue {
        public StringValue {
            java.util.Objects.requireNonNull(text, "text");
        }

        /** A quoted string, as commands write it. */
        public StringValue(String text) {
            this(text, true);
        }

        public int typeCode() {
            return ValueType.STRING.code();
        }

        public String format() {
            return quoted ? '"' + text + '"' : text;
        }

        public int naturalLen() {
            return text.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /** Type 2: hex digits, two per byte, unquoted ({@code 68656C6C6F} in 7.4.1). */
    record HexValue(String digits) implements MiplValue {
        public HexValue {
            java.util.Objects.requireNonNull(digits, "digits");
        }

        public static HexValue of(byte[] bytes) {
            StringBuilder sb = new StringBuilder(bytes.length * 2);
            for (byte b : bytes) {
                sb.append(String.format("%02X", b & 0xFF));
            }
            return new HexValue(sb.toString());
        }

        public int typeCode() {
            return ValueType.HEX.code();
        }

        public String format() {
            return digits;
        }

        public String text() {
            return digits;
        }

        public int naturalLen() {
            return digits.length() / 2;
        }

        /** The bytes, when the digits are well-formed; empty otherwise. */
        public java.util.Optional<byte[]> bytes() {
            if (digits.length() % 2 != 0 || !HEX.matcher(digits).matches()) {
                return java.util.Optional.empty();
            }
            byte[] out = new byte[digits.length() / 2];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
            }
            return java.util.Optional.of(out);
        }
    }

    /** Type 3: a decimal integer. */
    record IntegerValue(long value) implements MiplValue {
        public int typeCode() {
            return ValueType.INTEGER.code();
        }

        public String format() {
            return Long.toString(value);
        }

        public String text() {
            return format();
        }

        public int naturalLen() {
            if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
                return 2;
            }
            return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? 4 : 8;
        }
    }

    /** Type 4: a float, kept as written so that {@code 1.88} formats as {@code 1.88}. */
    record FloatValue(String text) implements MiplValue {
        public FloatValue {
            java.util.Objects.requireNonNull(text, "text");
        }

        public static FloatValue of(double value) {
            return new FloatValue(Double.toString(value));
        }

        public double value() {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        public int typeCode() {
            return ValueType.FLOAT.code();
        }

        public String format() {
            return text;
        }

        public int naturalLen() {
            return 4;
        }
    }

    /** Type 5: {@code 1} or {@code 0}. */
    record BooleanValue(boolean value) implements MiplValue {
        public int typeCode() {
            return ValueType.BOOLEAN.code();
        }

        public String format() {
            return value ? "1" : "0";
        }

        public String text() {
            return format();
        }

        public int naturalLen() {
            return 1;
        }
    }

    /** A value with a {@code <valueType>} outside 1..5, kept verbatim so the line can still be formatted and validated. */
    record RawValue(int typeCode, String text, boolean quoted) implements MiplValue {
        public RawValue {
            java.util.Objects.requireNonNull(text, "text");
        }

        public String format() {
            return quoted ? '"' + text + '"' : text;
        }

        public int naturalLen() {
            return text.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    Pattern HEX = Pattern.compile("[0-9A-Fa-f]*");
    Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");
    Pattern FLOAT = Pattern.compile("-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]{1,3})?");

    /**
     * Reads a value written with {@code valueType}. Types: string must be quoted when
     * {@code stringsQuoted} (commands, 3.3.11), hex/integer/float/boolean unquoted.
     */
    static Parsed<MiplValue> parse(int valueType, Param p, boolean stringsQuoted, int index) {
        String v = p.value();
        switch (valueType) {
            case 1:
                if (stringsQuoted && !p.quoted()) {
                    return Parsed.invalid("3.3.11: a string <value> (valueType 1) is written in double quotes", index);
                }
                return Parsed.ok(new StringValue(v, p.quoted()));
            case 2:
                if (p.quoted()) {
                    return Parsed.invalid("a hex <value> (valueType 2) is written without quotes", index);
                }
                if (!HEX.matcher(v).matches()) {
                    return Parsed.invalid("<value> \"" + v + "\" is not hex digits (valueType 2)", index);
                }
                return Parsed.ok(new HexValue(v));
            case 3:
                if (p.quoted() || !INTEGER.matcher(v).matches()) {
                    return Parsed.invalid("<value> " + p.format() + " is not an integer (valueType 3)", index);
                }
                try {
                    return Parsed.ok(new IntegerValue(Long.parseLong(v)));
                } catch (NumberFormatException e) {
                    return Parsed.invalid("<value> " + v + " does not fit in 8 bytes (valueType 3)", index);
                }
            case 4:
                if (p.quoted() || !FLOAT.matcher(v).matches()) {
                    return Parsed.invalid("<value> " + p.format() + " is not a float (valueType 4)", index);
                }
                return Parsed.ok(new FloatValue(v));
            case 5:
                if (!p.quoted() && (v.equals("1") || v.equals("0"))) {
                    return Parsed.ok(new BooleanValue(v.equals("1")));
                }
                return Parsed.invalid("<value> " + p.format() + " is not a boolean 1 or 0 (valueType 5)", index);
            default:
                return Parsed.ok(new RawValue(valueType, v, p.quoted()));
        }
    }

    /**
     * The {@code <valueType>}/{@code <len>}/{@code <value>} rules of 3.3.11 and 3.3.15. Indexes
     * are those of the three parameters in the command line.
     */
    static List<Violation> check(int valueType, int len, MiplValue value, int typeIndex, int lenIndex, int valueIndex,
                                 ValueRules rules) {
        List<Violation> out = new ArrayList<>();
        if (ValueType.of(valueType).isEmpty()) {
            out.add(new Violation(typeIndex, "valueType", Violation.Rule.OUT_OF_RANGE,
                    "is " + valueType + ", must be 1..5 (3.3.11)"));
            return out;
        }
        if (value.typeCode() != valueType) {
            out.add(new Violation(valueIndex, "value", Violation.Rule.INCONSISTENT,
                    "is written as valueType " + value.typeCode() + " but <valueType> is " + valueType));
            return out;
        }
        if (value instanceof StringValue s) {
            if (s.text().indexOf('"') >= 0 || s.text().indexOf('\r') >= 0 || s.text().indexOf('\n') >= 0) {
                out.add(new Violation(valueIndex, "value", Violation.Rule.INCONSISTENT,
                        "a quoted string cannot hold a double quote, CR or LF (3.1.2 syntax)"));
            } else if (!s.quoted() && s.text().indexOf(',') >= 0) {
                out.add(new Violation(valueIndex, "value", Violation.Rule.INCONSISTENT,
                        "a string without quotes cannot hold a comma (3.1.2 syntax)"));
            }
            if (!rules.stringLen().contains(len)) {
                out.add(new Violation(lenIndex, "len", Violation.Rule.OUT_OF_RANGE,
                        "is " + len + ", a string's len must be " + rules.stringLen() + " (3.3.11)"));
            } else if (len != s.naturalLen()) {
                out.add(new Violation(lenIndex, "len", Violation.Rule.LENGTH_MISMATCH,
                        "is " + len + " but the string is " + s.naturalLen() + " bytes (3.3.11)"));
            }
        } else if (value instanceof HexValue h) {
            if (!rules.hexLen().contains(len)) {
                out.add(new Violation(lenIndex, "len", Violation.Rule.OUT_OF_RANGE,
                        "is " + len + ", a hex value's len must be " + rules.hexLen() + " (3.3.11)"));
            } else if (h.digits().length() != 2L * len) {
                out.add(new Violation(valueIndex, "value", Violation.Rule.LENGTH_MISMATCH,
                        "has " + h.digits().length() + " hex digits, len " + len + " needs " + (2 * len)
                                + " (3.3.11 remark 2: len × 2)"));
            }
        } else if (value instanceof IntegerValue i) {
            if (!rules.integerLens().contains(len)) {
                out.add(new Violation(lenIndex, "len", Violation.Rule.LENGTH_MISMATCH,
                        "is " + len + ", an integer's len must be one of " + sorted(rules.integerLens()) + " (3.3.11)"));
            } else if (len >= 1 && len < 8) {
                long limit = 1L << (8 * len - 1);
                if (i.value() < -limit || i.value() >= limit) {
                    out.add(new Violation(valueIndex, "value", Violation.Rule.OUT_OF_RANGE,
                            i.value() + " does not fit in " + len + " bytes (len)"));
                }
            }
        } else if (value instanceof FloatValue f) {
            if (!rules.floatLens().contains(len)) {
                out.add(new Violation(lenIndex, "len", Violation.Rule.LENGTH_MISMATCH,
                        "is " + len + ", a float's len must be one of " + sorted(rules.floatLens()) + " (3.3.11)"));
            } else if (Double.isInfinite(len == 4 ? (float) f.value() : f.value())) {
                out.add(new Violation(valueIndex, "value", Violation.Rule.OUT_OF_RANGE,
                        f.text() + " does not fit in a " + len + "-byte float"));
            }
        } else if (value instanceof BooleanValue) {
            if (len != rules.booleanLen()) {
                out.add(new Violation(lenIndex, "len", Violation.Rule.LENGTH_MISMATCH,
                        "is " + len + ", a boolean's len must be " + rules.booleanLen() + " (3.3.11)"));
            }
        }
        // a RawValue only comes with a valueType outside 1..5, reported above
        return out;
    }

    private static String sorted(java.util.Set<Integer> s) {
        return new java.util.TreeSet<>(s).toString();
    }
}
