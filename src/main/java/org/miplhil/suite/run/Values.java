package org.miplhil.suite.run;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.miplhil.platform.ResourceValue;
import org.miplhil.suite.TypedValue;

/** A suite's typed values against the platform's: conversion for writes, comparison for expectations. Pure. */
final class Values {

    private Values() {
    }

    /** The value a write sends; empty when the text is not a literal of the type. */
    static Optional<ResourceValue> toResourceValue(TypedValue.Type type, String text) {
        if (!TypedValue.isValidLiteral(type, text)) {
            return Optional.empty();
        }
        return Optional.of(switch (type) {
            case STRING -> new ResourceValue.StringValue(text);
            case INTEGER -> new ResourceValue.IntegerValue(Long.parseLong(text.startsWith("+") ? text.substring(1) : text));
            case FLOAT -> new ResourceValue.FloatValue(Double.parseDouble(text));
            case BOOLEAN -> new ResourceValue.BooleanValue(Boolean.parseBoolean(text));
            case OPAQUE -> new ResourceValue.OpaqueValue(HexFormat.of().parseHex(text));
        });
    }

    /**
     * Whether the platform got the expected value. A float is compared at the precision the module sent it with:
     * 3.3.11 gives a float 4 bytes, so {@code 1.88} arrives as 1.8799999952316284 and still equals {@code {float: 1.88}}.
     * A string of a resource the platform's model does not know arrives as opaque bytes: compared as UTF-8.
     */
    static boolean equal(TypedValue.Type type, String want, ResourceValue got) {
        if (!TypedValue.isValidLiteral(type, want)) {
            return false;
        }
        return switch (type) {
            case STRING -> got instanceof ResourceValue.StringValue s ? s.value().equals(want)
                    : got instanceof ResourceValue.OpaqueValue o && Arrays.equals(o.bytes(), want.getBytes(StandardCharsets.UTF_8));
            case INTEGER -> (got instanceof ResourceValue.IntegerValue || got instanceof ResourceValue.UnsignedValue)
                    && new BigInteger(got.text()).equals(new BigInteger(want.startsWith("+") ? want.substring(1) : want));
            case FLOAT -> got instanceof ResourceValue.FloatValue f && floatEqual(f.value(), Double.parseDouble(want));
            case BOOLEAN -> got instanceof ResourceValue.BooleanValue b && b.value() == Boolean.parseBoolean(want);
            case OPAQUE -> got instanceof ResourceValue.OpaqueValue o && o.text().equalsIgnoreCase(want);
        };
    }

    private static boolean floatEqual(double got, double want) {
        return got == want || (float) got == (float) want
                || new BigDecimal(got).compareTo(new BigDecimal(want)) == 0;
    }

    /** {@code float 1.8799999952316284}, {@code opaque 0A1B}. */
    static String describe(ResourceValue v) {
        return v.type().name().toLowerCase(Locale.ROOT) + " " + v.text();
    }
}
