package org.miplhil.objects;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.miplhil.at.MiplValue;

/** Which values a resource of a data type can hold so that the MCU can write them in an AT command. Pure. */
public final class Values {

    /** 3.3.11: a string value is at most 1024 bytes. */
    public static final int STRING_MAX_BYTES = 1024;
    /** 3.3.11: a hex value is at most 512 bytes. */
    public static final int OPAQUE_MAX_BYTES = 512;

    private Values() {}

    /** Why {@code value} cannot be a value of a {@code type} resource; empty when it can. */
    public static Optional<String> check(DataType type, MiplValue value) {
        if (value.typeCode() != type.valueType().code()) {
            return Optional.of("a " + type.word() + " resource takes valueType " + type.valueType().code()
                    + ", not " + value.typeCode() + " (" + value.format() + ")");
        }
        if (value instanceof MiplValue.StringValue s) {
            if (s.text().indexOf('"') >= 0 || s.text().indexOf('\r') >= 0 || s.text().indexOf('\n') >= 0) {
                return Optional.of("a string sent in an AT command cannot hold a double quote, CR or LF (3.1.2)");
            }
            int bytes = s.text().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > STRING_MAX_BYTES) {
                return Optional.of("a string value is at most " + STRING_MAX_BYTES + " bytes (3.3.11), this one is " + bytes);
            }
        } else if (value instanceof MiplValue.HexValue h) {
            if (h.bytes().isEmpty()) {
                return Optional.of("an opaque value is an even number of hex digits, found '" + h.digits() + "'");
            }
            if (h.digits().length() / 2 > OPAQUE_MAX_BYTES) {
                return Optional.of("an opaque value is at most " + OPAQUE_MAX_BYTES + " bytes (3.3.11)");
            }
        } else if (value instanceof MiplValue.FloatValue f) {
            if (!MiplValue.FLOAT.matcher(f.text()).matches()) {
                return Optional.of("'" + f.text() + "' is not a decimal number");
            }
            if (!Float.isFinite((float) f.value())) {
                return Optional.of(f.text() + " does not fit in a 4-byte float (3.3.11: len 4)");
            }
        }
        return Optional.empty();
    }

    /** The byte length the value is sent with, as {@code <len>} (3.3.11). */
    public static int len(MiplValue value) {
        return value.naturalLen();
    }
}
