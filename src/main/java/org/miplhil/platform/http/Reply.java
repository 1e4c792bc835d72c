package org.miplhil.platform.http;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An answer before it is written: the HTTP status, the errno, the text after OneNET's error text, the data of a
 * success, and for a 5106 the sub-reason ({@code TIME_OUT}, {@code NOT_FOUND}, …) a cached command records.
 */
record Reply(int status, ErrNo errno, String message, Object data, String reason) {

    static Reply ok(Object data) {
        return new Reply(200, ErrNo.SUCCESS, "", data, null);
    }

    static Reply error(ErrNo errno, String message) {
        return new Reply(errno.httpStatus(), errno, message, null, null);
    }

    static Reply error(ErrNo errno, int status, String message) {
        return new Reply(status, errno, message, null, null);
    }

    /** A 5106: the device did not carry the request out, for {@code reason}. */
    static Reply unsuccessful(String reason, String detail) {
        return new Reply(ErrNo.UNSUCCESSFUL.httpStatus(), ErrNo.UNSUCCESSFUL, reason + ": " + detail, null, reason);
    }

    boolean success() {
        return errno == ErrNo.SUCCESS;
    }

    /** The error text OneNET's clients show: {@code "succ"}, or the errno's text, ": " and what went wrong. */
    String errorText() {
        return success() ? errno.text() : errno.text() + ": " + message;
    }

    /** The body in {@code shape}. */
    Object body(AnswerShape shape) {
        if (shape == AnswerShape.CODE) {
            return new CodeBody(errno.code(), errorText(), UUID.randomUUID().toString().replace("-", ""), data);
        }
        return new Body(errno.code(), errorText(), data);
    }

    /** The legacy form: {@code {"errno":0,"error":"succ","data":…}}, {@code data} only when there is some. */
    record Body(int errno, String error, @JsonInclude(JsonInclude.Include.NON_NULL) Object data) {
    }

    /** The current form: {@code {"code":0,"msg":"succ","request_id":"…","data":…}}. */
    record CodeBody(int code, String msg, @JsonProperty("request_id") String requestId,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Object data) {
    }
}
