package org.miplhil.objects;

import java.util.Optional;

/** 3.3.1 {@code <recv_data_format>}: how the module shows written values in {@code +MIPLWRITE}. */
public enum RecvDataFormat {
    /** 0: a hex string of the value's bytes (valueType 2, 7.4.1). */
    HEX(0),
    /** 1: a text string (valueType 1). */
    TEXT(1);

    private final int code;

    RecvDataFormat(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<RecvDataFormat> of(int code) {
        return code == 0 ? Optional.of(HEX) : code == 1 ? Optional.of(TEXT) : Optional.empty();
    }
}
