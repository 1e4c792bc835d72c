package org.miplhil.dut.state;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a transition stopped: the move (none when there was no way at all), a message with the evidence, and what
 * the failure is.
 *
 * @param cause what the session or the power control threw, if the failure came from there
 */
public record TransitionFailure(Optional<Move> move, Kind kind, String message, Optional<Throwable> cause) {

    public enum Kind {
        /** No way there: e.g. off is asked for and there is no power control. */
        IMPOSSIBLE,
        /** A command was answered with an error (the command and its answer are in the message). */
        REFUSED,
        /** What was awaited did not come within its deadline. */
        TIMED_OUT,
        /** {@code AT+MIPLOPEN} was answered by a failure event (3, 5, 7, 8: 5.7). */
        REGISTRATION_FAILED,
        /** The session failed under the move: a command without a final result in time, the link closed. */
        SESSION,
        /** The power control failed: infrastructure, not the module. */
        POWER
    }

    public TransitionFailure {
        Objects.requireNonNull(move, "move");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(cause, "cause");
    }

    @Override
    public String toString() {
        return move.map(m -> m.description() + ": ").orElse("") + message;
    }
}
