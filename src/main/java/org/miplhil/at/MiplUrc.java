package org.miplhil.at;

/**
 * A URC of chapter 5 (plus the start-up lines {@code RDY}, {@code +IP:}, {@code +CFUN:} of 7.10.6)
 * as a typed record; {@link #format()} gives the line exactly as the module prints it. Parsed by
 * {@link MiplUrcs#parse(String)}.
 */
public sealed interface MiplUrc permits MiplRequest, MiplEvent, FotaStart, FotaUpdating, FotaEnd, Rdy, IpUrc, CfunUrc {

    /** The line without terminator. */
    String format();

    /** The prefix the line starts with, e.g. {@code "+MIPLREAD"} or {@code "RDY"}. */
    String prefix();

    /**
     * The ranges of chapter 5 this URC breaks (field indexes 0-based after the colon); empty when
     * none. For checking what a module prints.
     */
    default java.util.List<Violation> violations() {
        return java.util.List.of();
    }
}
