package org.miplhil.yaml;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem a loader found in a file: where (file, 1-based line and column), what, and how bad. It prints as
 * {@code file:line:column: message} (a warning as {@code file:line:column: warning: message}), the form editors and
 * CI logs link to; code that sorts, counts or points at a line reads the fields, never the printed text.
 *
 * @param file    the file as the user named it (never empty: a problem with no better place is at the file's 1:1)
 * @param line    1-based line
 * @param column  1-based column
 * @param message what is wrong, written for the user
 * @param severity an error makes the file invalid; a warning does not
 */
public record Problem(String file, int line, int column, String message, Severity severity) {

    /** How bad a problem is. */
    public enum Severity {
        /** The file cannot be used: loading gives no value. */
        ERROR,
        /** Worth fixing, the file still loads. */
        WARNING
    }

    /** Within one file, by line then column (a stable sort keeps the order problems were found in otherwise). */
    public static final Comparator<Problem> BY_POSITION =
            Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column);

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
        // a position is never before the file's start: loaders report at 1:1 when they have no better place
        line = Math.max(1, line);
        column = Math.max(1, column);
    }

    public static Problem error(String file, int line, int column, String message) {
        return new Problem(file, line, column, message, Severity.ERROR);
    }

    public static Problem warning(String file, int line, int column, String message) {
        return new Problem(file, line, column, message, Severity.WARNING);
    }

    /** An error about a whole file (it cannot be read, it does not exist): at its first line and column. */
    public static Problem inFile(Object file, String message) {
        return error(String.valueOf(file), 1, 1, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column}. */
    public String position() {
        return file + ":" + line + ":" + column;
    }

    /** {@code file:line:column: message}; a warning says so before its message. */
    @Override
    public String toString() {
        return position() + ": " + (severity == Severity.WARNING ? "warning: " : "") + message;
    }
}
