package org.miplhil.yaml;

import java.util.List;

/** Outcome of reading a YAML file: a value, or every problem found, each as {@code file:line:column: message}. */
public sealed interface LoadResult<T> {

    record Ok<T>(T value) implements LoadResult<T> {}

    record Invalid<T>(List<String> errors) implements LoadResult<T> {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    /** The value, or an {@link IllegalArgumentException} whose message lists every error (for callers that must stop). */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalArgumentException(String.join(System.lineSeparator(), ((Invalid<T>) this).errors()));
    }

    default boolean isOk() {
        return this instanceof Ok<T>;
    }

    /** Errors, empty when loaded. */
    default List<String> errors() {
        return this instanceof Invalid<T> invalid ? invalid.errors() : List.of();
    }
}
