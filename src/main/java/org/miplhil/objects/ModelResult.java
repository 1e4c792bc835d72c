package org.miplhil.objects;

import java.util.Objects;
import org.miplhil.at.ResultCode;

/** What the model answers a request with: a value, or the result code to refuse it with and why. */
public sealed interface ModelResult<T> {

    record Ok<T>(T value) implements ModelResult<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    record Refused<T>(ResultCode code, String reason) implements ModelResult<T> {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }
    }

    static <T> ModelResult<T> ok(T value) {
        return new Ok<>(value);
    }

    /** 4.04: no such object, instance, resource or value. */
    static <T> ModelResult<T> notFound(String reason) {
        return new Refused<>(ResultCode.NOT_FOUND, reason);
    }

    /** 4.05: the resource does not allow the operation. */
    static <T> ModelResult<T> notAllowed(String reason) {
        return new Refused<>(ResultCode.METHOD_NOT_ALLOWED, reason);
    }

    /** 4.00: the request cannot be carried out as sent (a value that does not decode). */
    static <T> ModelResult<T> badRequest(String reason) {
        return new Refused<>(ResultCode.BAD_REQUEST, reason);
    }

    default boolean isOk() {
        return this instanceof Ok<T>;
    }
}
