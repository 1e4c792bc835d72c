package org.miplhil.dut.mcu;

import org.miplhil.dut.Reply;
import org.miplhil.dut.UrcArrival;

import java.util.List;
import java.util.Objects;
import org.miplhil.at.MiplEvent;

/**
 * What {@link McuApplication#setup()} did: every command's reply in order, and the {@code +MIPLEVENT: 0,6} that ended
 * it (its {@link UrcArrival#after()} is where the platform's first requests begin).
 */
public record SetupResult(List<Reply> replies, UrcArrival<MiplEvent> registered) {

    public SetupResult {
        replies = List.copyOf(replies);
        Objects.requireNonNull(registered, "registered");
    }
}
