package org.miplhil.network;

import java.util.Objects;
import java.util.Optional;

/**
 * The network between the module and the platform, as a suite's or case's {@code network:} key gives it.
 *
 * @param name     the profile's name ({@code nbiot-lossy}, from {@code fixtures/network/<name>.yaml}) or
 *                 {@code inline} for a map written in the suite
 * @param uplink   module → platform
 * @param downlink platform → module
 * @param source   where the figures come from (a profile's {@code source:}), for the report
 */
public record NetworkConditions(String name, Impairment uplink, Impairment downlink, Optional<String> source) {

    public static final String INLINE = "inline";

    public NetworkConditions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uplink, "uplink");
        Objects.requireNonNull(downlink, "downlink");
        source = source == null ? Optional.empty() : source;
    }

    /** A network that does nothing: the relay passes every datagram at once. */
    public static NetworkConditions none() {
        return new NetworkConditions("none", Impairment.NONE, Impairment.NONE, Optional.empty());
    }

    public boolean isNone() {
        return uplink.isNone() && downlink.isNone();
    }

    /** {@code nbiot-lossy (uplink: delay 2s ±500ms, loss 15%; downlink: …)}. */
    public String describe() {
        String both = uplink.equals(downlink) ? "both ways: " + uplink.describe()
                : "uplink: " + uplink.describe() + "; downlink: " + downlink.describe();
        return name + " (" + both + ")";
    }
}
