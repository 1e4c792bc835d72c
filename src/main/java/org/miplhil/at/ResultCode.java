package org.miplhil.at;

import java.util.Optional;

/** {@code <result>} of the response commands 3.3.9–3.3.14, with the CoAP code each stands for. */
public enum ResultCode {
    CONTENT(1, "2.05"),
    CHANGED(2, "2.04"),
    BAD_REQUEST(11, "4.00"),
    UNAUTHORIZED(12, "4.01"),
    NOT_FOUND(13, "4.04"),
    METHOD_NOT_ALLOWED(14, "4.05"),
    NOT_ACCEPTABLE(15, "4.06");

    private final int code;
    private final String coap;

    ResultCode(int code, String coap) {
        this.code = code;
        this.coap = coap;
    }

    public int code() {
        return code;
    }

    /** The CoAP response code, e.g. {@code "2.05"}. */
    public String coap() {
        return coap;
    }

    public boolean isSuccess() {
        return this == CONTENT || this == CHANGED;
    }

    public static Optional<ResultCode> of(int code) {
        for (ResultCode r : values()) {
            if (r.code == code) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a response to {@code request} may carry this code: READ/OBSERVE/DISCOVER take
     * {1, 11–15} (3.3.9–3.3.11), WRITE/EXECUTE/PARAMETER take {2, 11–14} (3.3.12–3.3.14).
     */
    public boolean allowedFor(RequestType request) {
        if (request.answersWithContent()) {
            return this != CHANGED;
        }
        return this != CONTENT && this != NOT_ACCEPTABLE;
    }

    public static boolean allowed(int code, RequestType request) {
        return of(code).map(r -> r.allowedFor(request)).orElse(false);
    }
}
