package org.miplhil.dut;

/** The link to the module closed while the session was waiting on it (the harness, not the module, failed). */
public final class LinkClosedException extends IllegalStateException {

    LinkClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
