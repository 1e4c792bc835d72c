package org.miplhil.suite;

/** Where something was written: file, 1-based line and column. Prints as {@code file:line:column}. */
public record Position(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
