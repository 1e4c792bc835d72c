package org.miplhil.at;

import java.util.Optional;

/** The {@code <err>} values of {@code +CIS ERROR: <err>} (chapter 4, table 3). */
public enum CisError {
    MEMORY_ERROR(651, "Memory error"),
    PARAMETER_ERROR(652, "Parameter error"),
    OPERATION_NOT_SUPPORTED(653, "Operation not supported"),
    SDK_ERROR(654, "SDK error"),
    NOT_FOUND_ERROR(655, "Not found error");

    private final int code;
    private final String description;

    CisError(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    public static Optional<CisError> of(int code) {
        return code >= 651 && code <= 655 ? Optional.of(values()[code - 651]) : Optional.empty();
    }

    /** The final result line, e.g. {@code +CIS ERROR: 652}. */
    public String line() {
        return "+CIS ERROR: " + code;
    }
}
