package org.miplhil.platform.http;

/**
 * The {@code errno} values of the API. 0, 3, 7, 2001, 5106 and 5108 are OneNET's, with OneNET's texts
 * (OneNET NB-IoT application development guide, "API status code":
 * https://onenet.hk.chinamobile.com/suben/doc/nb-iot/book/application-develop/Error_codes.html).
 */
public enum ErrNo {
    SUCCESS(0, "succ", 200),
    /** A required query parameter or body member is missing. */
    PARAMETER_REQUIRED(3, "parameter required", 400),
    /** The platform failed in a way that is not the device's doing. */
    SERVICE_INTERNAL_ERROR(7, "service internal error", 500),
    /** No registered device has this IMEI. */
    DEVICE_NOT_ONLINE(2001, "device not online", 200),
    /**
     * The device did not carry the request out: it answered an error code, did not answer in time
     * ({@code TIME_OUT}), answered with a reset or something undecodable ({@code RESP_ERROR}).
     * OneNET spells the text so.
     */
    UNSUCCESSFUL(5106, "UNSUCESS", 200),
    /** A parameter or body member is ill-typed, out of range, or breaks one of OneNET's rules. */
    INVALID_PARAMETER(5108, "invalid parameter", 400);

    private final int code;
    private final String text;
    private final int httpStatus;

    ErrNo(int code, String text, int httpStatus) {
        this.code = code;
        this.text = text;
        this.httpStatus = httpStatus;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }

    /** The HTTP status sent with it. */
    public int httpStatus() {
        return httpStatus;
    }
}
