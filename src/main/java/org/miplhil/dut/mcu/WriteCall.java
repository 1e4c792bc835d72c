package org.miplhil.dut.mcu;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.miplhil.objects.PathValue;

/** A write the MCU applied to its model (5.4): the values as decoded, in the order of the parts. */
public record WriteCall(long msgId, List<PathValue> values, Instant at) {

    public WriteCall {
        values = List.copyOf(values);
        Objects.requireNonNull(at, "at");
    }
}
