package org.miplhil.suite;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Notification attributes of LwM2M write-attributes / observe ({@code +MIPLPARAMETER} carries them to the MCU, 5.6):
 * minimum and maximum period in seconds, greater-than, less-than and step thresholds.
 */
public record Attributes(OptionalLong pmin, OptionalLong pmax, Optional<BigDecimal> gt, Optional<BigDecimal> lt,
                         Optional<BigDecimal> st) {

    public static Attributes none() {
        return new Attributes(OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public boolean isEmpty() {
        return pmin.isEmpty() && pmax.isEmpty() && gt.isEmpty() && lt.isEmpty() && st.isEmpty();
    }
}
