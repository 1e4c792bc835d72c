package org.miplhil.dut.state;

/** A move stopped: carries the failure up to {@link ModuleStrategy#transition} (never leaves the package). */
final class MoveFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final TransitionFailure.Kind kind;

    MoveFailed(TransitionFailure.Kind kind, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
    }
}
