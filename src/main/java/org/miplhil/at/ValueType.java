package org.miplhil.at;

import java.util.Optional;

/** {@code <valueType>} of 3.3.11 / 3.3.15 / 5.4. */
public enum ValueType {
    STRING(1), HEX(2), INTEGER(3), FLOAT(4), BOOLEAN(5);

    private final int code;

    ValueType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ValueType> of(int code) {
        return code >= 1 && code <= 5 ? Optional.of(values()[code - 1]) : Optional.empty();
    }
}
