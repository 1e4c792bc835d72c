package org.miplhil.platform;

import java.util.Map;

/** A CoAP response code, {@code 2.05} etc. (RFC 7252 §12.1.2). */
public record CoapCode(int codeClass, int detail) {

    public static final CoapCode CREATED = new CoapCode(2, 1);
    public static final CoapCode DELETED = new CoapCode(2, 2);
    public static final CoapCode CHANGED = new CoapCode(2, 4);
    public static final CoapCode CONTENT = new CoapCode(2, 5);
    public static final CoapCode BAD_REQUEST = new CoapCode(4, 0);
    public static final CoapCode UNAUTHORIZED = new CoapCode(4, 1);
    public static final CoapCode FORBIDDEN = new CoapCode(4, 3);
    public static final CoapCode NOT_FOUND = new CoapCode(4, 4);
    public static final CoapCode METHOD_NOT_ALLOWED = new CoapCode(4, 5);
    public static final CoapCode NOT_ACCEPTABLE = new CoapCode(4, 6);
    public static final CoapCode INTERNAL_SERVER_ERROR = new CoapCode(5, 0);

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(201, "CREATED"), Map.entry(202, "DELETED"), Map.entry(203, "VALID"),
            Map.entry(204, "CHANGED"), Map.entry(205, "CONTENT"), Map.entry(231, "CONTINUE"),
            Map.entry(400, "BAD_REQUEST"), Map.entry(401, "UNAUTHORIZED"), Map.entry(402, "BAD_OPTION"),
            Map.entry(403, "FORBIDDEN"), Map.entry(404, "NOT_FOUND"), Map.entry(405, "METHOD_NOT_ALLOWED"),
            Map.entry(406, "NOT_ACCEPTABLE"), Map.entry(408, "REQUEST_ENTITY_INCOMPLETE"),
            Map.entry(412, "PRECONDITION_FAILED"), Map.entry(413, "REQUEST_ENTITY_TOO_LARGE"),
            Map.entry(415, "UNSUPPORTED_CONTENT_FORMAT"), Map.entry(500, "INTERNAL_SERVER_ERROR"),
            Map.entry(501, "NOT_IMPLEMENTED"), Map.entry(502, "BAD_GATEWAY"),
            Map.entry(503, "SERVICE_UNAVAILABLE"), Map.entry(504, "GATEWAY_TIMEOUT"));

    public CoapCode {
        if (codeClass < 0 || codeClass > 7 || detail < 0 || detail > 31) {
            throw new IllegalArgumentException("not a CoAP code: " + codeClass + "." + detail);
        }
    }

    /** From the decimal form used by Leshan and the note's tables: 205 → 2.05. */
    public static CoapCode ofDecimal(int code) {
        return new CoapCode(code / 100, code % 100);
    }

    public boolean isSuccess() {
        return codeClass == 2;
    }

    /** 205 for 2.05. */
    public int decimal() {
        return codeClass * 100 + detail;
    }

    /** The RFC 7252 name, e.g. {@code CONTENT}, or {@code UNKNOWN}. */
    public String name() {
        return NAMES.getOrDefault(decimal(), "UNKNOWN");
    }

    /** {@code 2.05}. */
    public String dotted() {
        return String.format("%d.%02d", codeClass, detail);
    }

    @Override
    public String toString() {
        return dotted() + " " + name();
    }
}
