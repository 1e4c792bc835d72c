package org.miplhil.learn;

/**
 * A scenario probe could not go on: what was awaited (or sent), its deadline, and what arrived instead. The keys it
 * had not learnt yet are reported as not learnt with this message.
 */
public final class ProbeFailed extends Exception {

    public ProbeFailed(String message) {
        super(message);
    }

    public ProbeFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
