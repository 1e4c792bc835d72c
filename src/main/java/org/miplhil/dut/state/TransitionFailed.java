package org.miplhil.dut.state;

/** A transition that stopped short of its state; the message has the moves, what was awaited and what arrived. */
public final class TransitionFailed extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final transient TransitionResult result;

    public TransitionFailed(TransitionResult result) {
        super(result.describe(), result.failure().flatMap(TransitionFailure::cause).orElse(null));
        this.result = result;
    }

    public TransitionResult result() {
        return result;
    }
}
