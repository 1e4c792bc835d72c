package org.miplhil.dut.state;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.miplhil.at.MiplEvent;
import org.miplhil.dut.Reply;
import org.miplhil.dut.UrcArrival;

/**
 * What {@link ModuleStrategy#transition} did.
 *
 * @param route      the moves planned
 * @param reached    where the module is now (the state of the last move that succeeded)
 * @param replies    every command's reply, in order
 * @param waits      every wait, with what arrived: the evidence
 * @param steps      a readable account of each command and wait ({@code AT+MIPLCLOSE=0 -> OK}, {@code +MIPLEVENT: 0,15})
 * @param registered the {@code +MIPLEVENT: 0,6} of {@link Move#OPEN}, if the transition registered
 * @param failure    why it stopped short of {@code route.to()}; empty: it arrived
 */
public record TransitionResult(Route route, ModuleState reached, List<Reply> replies, List<Waited> waits,
                               List<String> steps, Optional<UrcArrival<MiplEvent>> registered,
                               Optional<TransitionFailure> failure) {

    public TransitionResult {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(reached, "reached");
        replies = List.copyOf(replies);
        waits = List.copyOf(waits);
        steps = List.copyOf(steps);
        Objects.requireNonNull(registered, "registered");
        Objects.requireNonNull(failure, "failure");
    }

    public boolean arrived() {
        return failure.isEmpty();
    }

    /** This result, when it arrived; otherwise {@link TransitionFailed} with the evidence. */
    public TransitionResult orThrow() {
        if (failure.isPresent()) {
            throw new TransitionFailed(this);
        }
        return this;
    }

    /** The failure with the way so far, for a failure message. */
    public String describe() {
        StringBuilder b = new StringBuilder(route.from().word()).append(" -> ").append(route.to().word());
        failure.ifPresentOrElse(f -> b.append(" stopped at ").append(reached.word()).append(": ").append(f),
                () -> b.append(": arrived"));
        if (!steps.isEmpty()) {
            b.append("\n  ").append(String.join("\n  ", steps));
        }
        return b.toString();
    }
}
