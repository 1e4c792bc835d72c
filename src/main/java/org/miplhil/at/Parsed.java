package org.miplhil.at;

import java.util.Optional;
import java.util.function.Function;

/**
 * Outcome of parsing or validating: the value, or the reason it was refused and which parameter
 * (0-based, in the order of the command or URC line; {@link #NO_PARAM} when not about one).
 */
public sealed interface Parsed<T> permits Parsed.Ok, Parsed.Invalid {

    int NO_PARAM = -1;

    record Ok<T>(T value) implements Parsed<T> {
        public Ok {
            java.util.Objects.requireNonNull(value, "value");
        }
    }

    record Invalid<T>(String reason, int paramIndex) implements Parsed<T> {
        public Invalid {
            java.util.Objects.requireNonNull(reason, "reason");
        }

        /** Same failure, retyped: an Invalid carries no value, so this is safe. */
        @SuppressWarnings("unchecked")
        public <U> Invalid<U> retype() {
            return (Invalid<U>) this;
        }

        @Override
        public String toString() {
            return paramIndex == NO_PARAM ? "Invalid: " + reason
                    : "Invalid (parameter " + paramIndex + "): " + reason;
        }
    }

    static <T> Parsed<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Parsed<T> invalid(String reason) {
        return new Invalid<>(reason, NO_PARAM);
    }

    static <T> Parsed<T> invalid(String reason, int paramIndex) {
        return new Invalid<>(reason, paramIndex);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    default Optional<T> toOptional() {
        return this instanceof Ok<T> ok ? Optional.of(ok.value()) : Optional.empty();
    }

    /** The value; for callers that already know it parsed (tests, constants). */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException(toString());
    }

    default <U> Parsed<U> map(Function<? super T, ? extends U> f) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(f.apply(ok.value()));
        }
        return ((Invalid<T>) this).retype();
    }

    default <U> Parsed<U> flatMap(Function<? super T, Parsed<U>> f) {
        if (this instanceof Ok<T> ok) {
            return f.apply(ok.value());
        }
        return ((Invalid<T>) this).retype();
    }
}
