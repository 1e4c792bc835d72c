package org.miplhil.dut.mcu;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.miplhil.objects.ObjectPath;

/** An execute the MCU carried out (5.5), with the arguments the platform sent, e.g. {@code reset} in 7.5. */
public record ExecuteCall(long msgId, ObjectPath path, Optional<String> arguments, Instant at) {

    public ExecuteCall {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(at, "at");
    }
}
