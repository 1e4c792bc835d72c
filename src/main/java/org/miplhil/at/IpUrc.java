package org.miplhil.at;

/** {@code +IP: 11.201.96.220}: the module got its address (7.10.6). */
public record IpUrc(String address) implements MiplUrc {

    public static final String PREFIX = "+IP";

    public IpUrc {
        java.util.Objects.requireNonNull(address, "address");
    }

    public String prefix() {
        return PREFIX;
    }

    public String format() {
        return PREFIX + ": " + address;
    }
}
