package org.miplhil.dut.mcu;

import java.time.Instant;
import java.util.Objects;
import org.miplhil.objects.ObjectPath;

/** An observation the platform asked for ({@code +MIPLOBSERVE} with flag 1, 5.2); its msgId is the notify's (3.3.15). */
public record Observation(long msgId, ObjectPath path, Instant since) {

    public Observation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(since, "since");
    }
}
