package org.miplhil.platform;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/** A resource value with its LwM2M type. */
public sealed interface ResourceValue {

    ResourceType type();

    /** The value as text: numbers in Java notation, opaque as upper-case hex, time as epoch seconds. */
    String text();

    static ResourceValue of(String value) {
        return new StringValue(value);
    }

    static ResourceValue of(long value) {
        return new IntegerValue(value);
    }

    static ResourceValue of(double value) {
        return new FloatValue(value);
    }

    static ResourceValue of(boolean value) {
        return new BooleanValue(value);
    }

    static ResourceValue of(byte[] value) {
        return new OpaqueValue(value);
    }

    record StringValue(String value) implements ResourceValue {
        public StringValue {
            if (value == null) throw new IllegalArgumentException("null string");
        }

        @Override
        public ResourceType type() {
            return ResourceType.STRING;
        }

        @Override
        public String text() {
            return value;
        }
    }

    record IntegerValue(long value) implements ResourceValue {
        @Override
        public ResourceType type() {
            return ResourceType.INTEGER;
        }

        @Override
        public String text() {
            return Long.toString(value);
        }
    }

    /** 0..2^64-1. */
    record UnsignedValue(BigInteger value) implements ResourceValue {
        private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

        public UnsignedValue {
            if (value == null || value.signum() < 0 || value.compareTo(MAX) > 0) {
                throw new IllegalArgumentException("not an unsigned 64-bit integer: " + value);
            }
        }

        @Override
        public ResourceType type() {
            return ResourceType.UNSIGNED_INTEGER;
        }

        @Override
        public String text() {
            return value.toString();
        }
    }

    record FloatValue(double value) implements ResourceValue {
        @Override
        public ResourceType type() {
            return ResourceType.FLOAT;
        }

        @Override
        public String text() {
            return Double.toString(value);
        }
    }

    record BooleanValue(boolean value) implements ResourceValue {
        @Override
        public ResourceType type() {
            return ResourceType.BOOLEAN;
        }

        @Override
        public String text() {
            return Boolean.toString(value);
        }
    }

    /** Bytes; compared by content. */
    record OpaqueValue(byte[] bytes) implements ResourceValue {
        public OpaqueValue {
            if (bytes == null) throw new IllegalArgumentException("null bytes");
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public ResourceType type() {
            return ResourceType.OPAQUE;
        }

        @Override
        public String text() {
            return HexFormat.of().withUpperCase().formatHex(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OpaqueValue other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "OpaqueValue[" + text() + "]";
        }
    }

    /** LwM2M time: whole seconds since the epoch. */
    record TimeValue(Instant value) implements ResourceValue {
        public TimeValue {
            if (value == null) throw new IllegalArgumentException("null time");
        }

        @Override
        public ResourceType type() {
            return ResourceType.TIME;
        }

        @Override
        public String text() {
            return Long.toString(value.getEpochSecond());
        }
    }

    record ObjLinkValue(int objId, int insId) implements ResourceValue {
        @Override
        public ResourceType type() {
            return ResourceType.OBJLNK;
        }

        @Override
        public String text() {
            return objId + ":" + insId;
        }
    }

    /** A CoRE link-format value, kept as its text. */
    record CoreLinkValue(String links) implements ResourceValue {
        @Override
        public ResourceType type() {
            return ResourceType.CORELINK;
        }

        @Override
        public String text() {
            return links;
        }
    }
}
