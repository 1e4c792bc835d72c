package org.miplhil.dut.mcu;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.miplhil.objects.ObjectPath;

/**
 * Write-attributes the MCU accepted (5.6): the parameter string as received and its attributes, e.g.
 * {@code pmin=2;pmax=190;gt=100.0;lt=1.0;st=0.2} in 7.6.
 */
public record ParameterCall(long msgId, ObjectPath path, String parameter, Map<String, String> attributes, Instant at) {

    public ParameterCall {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(parameter, "parameter");
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(at, "at");
    }
}
