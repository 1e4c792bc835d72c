package org.miplhil.yaml;

import java.util.List;

/**
 * Outcome of reading a YAML file: a value (and the warnings found, if any), or every problem found. Problems are
 * {@link Problem} records; {@link #errors()} gives them as printed ({@code file:line:column: message}).
 */
public sealed interface LoadResult<T> {

    record Ok<T>(T value, List<Problem> warnings) implements LoadResult<T> {
        public Ok {
            warnings = List.copyOf(warnings);
        }

        public Ok(T value) {
            this(value, List.of());
        }
    }

    /** At least one of the problems is an error. */
    record Invalid<T>(List<Problem> problems) implements LoadResult<T> {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    /** An invalid result with one error about the whole file (unreadable, not found): at its 1:1. */
    static <T> LoadResult<T> invalid(Object file, String message) {
        return new Invalid<>(List.of(Problem.inFile(file, message)));
    }

    /** The value, or an {@link IllegalArgumentException} whose message lists every problem (for callers that must stop). */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalArgumentException(String.join(System.lineSeparator(), errors()));
    }

    default boolean isOk() {
        return this instanceof Ok<T>;
    }

    /** Every problem, in the order found: the errors of an invalid result, the warnings of a loaded one. */
    default List<Problem> problems() {
        if (this instanceof Invalid<T> invalid) {
            return invalid.problems();
        }
        return ((Ok<T>) this).warnings();
    }

    /** The problems of an invalid result as printed, {@code file:line:column: message}; empty when loaded. */
    default List<String> errors() {
        return this instanceof Invalid<T> invalid ? invalid.problems().stream().map(Problem::toString).toList()
                : List.of();
    }
}
