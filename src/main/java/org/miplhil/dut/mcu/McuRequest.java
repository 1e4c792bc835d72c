package org.miplhil.dut.mcu;

import org.miplhil.dut.JournalEntry;

import java.util.List;
import java.util.Objects;
import org.miplhil.at.MiplUrc;
import org.miplhil.at.RequestType;
import org.miplhil.objects.ObjectPath;

/**
 * A platform request as the MCU received it: its kind, msgId, path and URCs (several for a write, index counting
 * down, 5.4), with the journal entry of the last one.
 */
public record McuRequest(RequestType kind, long msgId, ObjectPath path, List<MiplUrc> urcs, JournalEntry.Received last) {

    public McuRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        urcs = List.copyOf(urcs);
        Objects.requireNonNull(last, "last");
        if (urcs.isEmpty()) {
            throw new IllegalArgumentException("a request comes with at least one URC");
        }
    }

    /** When the last URC was fully received: the answer window counts from here (5.1–5.6). */
    public long nanoTime() {
        return last.nanoTime();
    }

    public List<String> lines() {
        return urcs.stream().map(MiplUrc::format).toList();
    }

    @Override
    public String toString() {
        return kind + " " + msgId + " " + path;
    }
}
