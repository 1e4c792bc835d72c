package org.miplhil.platform.http;

/**
 * The {@code errno} values of the API: OneNET's NB-IoT table with OneNET's texts (nb-iot/book/application-develop/
 * Error_codes.md; https://onenet.hk.chinamobile.com/suben/doc/nb-iot/book/application-develop/Error_codes.html),
 * plus 8 and 12 of OneNET's general device API table (book/application-develop/api/APIResult.md) for the
 * {@code /devices} calls. The HTTP statuses are this double's: OneNET documents none.
 */
public enum ErrNo {
    SUCCESS(0, "succ", 200),
    /** The {@code api-key} or the {@code authorization} token does not match (Error_codes.md). */
    AUTH_FAILED(1, "auth failed", 403),
    /** A required query parameter or body member is missing. */
    PARAMETER_REQUIRED(3, "parameter required", 400),
    /** The platform failed in a way that is not the device's doing. */
    SERVICE_INTERNAL_ERROR(7, "service internal error", 500),
    /** No created device has this id or name (APIResult.md: 8 "not found"). */
    NOT_FOUND(8, "not found", 404),
    /** A device with this IMEI or name was created already (APIResult.md: 12 "already exists"). */
    ALREADY_EXISTS(12, "already exists", 409),
    /** No registered device has this IMEI. */
    DEVICE_NOT_ONLINE(2001, "device not online", 200),
    /** One of OneNET's limits, e.g. more than 10 pending cached commands for a device (FAQ: "目前是限制10条"). */
    SYSTEM_LOGIC_LIMIT(5006, "system logic limit", 200),
    /**
     * The device did not carry the request out: it answered an error code, did not answer in time
     * ({@code TIME_OUT}), answered with a reset or something undecodable ({@code RESP_ERROR}).
     * OneNET spells the text so.
     */
    UNSUCCESSFUL(5106, "UNSUCESS", 200),
    /** A parameter or body member is ill-typed, out of range, or breaks one of OneNET's rules. */
    INVALID_PARAMETER(5108, "invalid parameter", 400),
    /** OneNET's internal service failure ("rpc error", retry); the double answers it when its own worker fails. */
    RPC_ERROR(5117, "rpc error", 500);

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
