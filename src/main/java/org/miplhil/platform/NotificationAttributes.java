package org.miplhil.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Write-attributes of the notification class (LwM2M 1.0 §5.1.2): pmin, pmax (seconds), gt, lt, st.
 * An empty field is not sent. {@link #toString()} gives the note's form, {@code pmin=2;pmax=190;gt=100.0}
 * (7.6, {@code +MIPLPARAMETER}).
 */
public record NotificationAttributes(OptionalLong pmin, OptionalLong pmax, OptionalDouble gt,
                                     OptionalDouble lt, OptionalDouble st) {

    public static final NotificationAttributes NONE = new NotificationAttributes(
            OptionalLong.empty(), OptionalLong.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
            OptionalDouble.empty());

    public NotificationAttributes {
        if (pmin.isPresent() && pmin.getAsLong() < 0 || pmax.isPresent() && pmax.getAsLong() < 0) {
            throw new IllegalArgumentException("negative period");
        }
        if (st.isPresent() && st.getAsDouble() < 0) {
            throw new IllegalArgumentException("negative step");
        }
    }

    public boolean isEmpty() {
        return pmin.isEmpty() && pmax.isEmpty() && gt.isEmpty() && lt.isEmpty() && st.isEmpty();
    }

    public NotificationAttributes withPmin(long v) {
        return new NotificationAttributes(OptionalLong.of(v), pmax, gt, lt, st);
    }

    public NotificationAttributes withPmax(long v) {
        return new NotificationAttributes(pmin, OptionalLong.of(v), gt, lt, st);
    }

    public NotificationAttributes withGt(double v) {
        return new NotificationAttributes(pmin, pmax, OptionalDouble.of(v), lt, st);
    }

    public NotificationAttributes withLt(double v) {
        return new NotificationAttributes(pmin, pmax, gt, OptionalDouble.of(v), st);
    }

    public NotificationAttributes withSt(double v) {
        return new NotificationAttributes(pmin, pmax, gt, lt, OptionalDouble.of(v));
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        pmin.ifPresent(v -> parts.add("pmin=" + v));
        pmax.ifPresent(v -> parts.add("pmax=" + v));
        gt.ifPresent(v -> parts.add("gt=" + v));
        lt.ifPresent(v -> parts.add("lt=" + v));
        st.ifPresent(v -> parts.add("st=" + v));
        return String.join(";", parts);
    }
}
