package org.miplhil.sim.registrar;

import java.util.List;

/**
 * The MCU's answer to a {@link PlatformRequest}, handed to the registrar once the module accepted it.
 * {@code result} is the AT result code (1 → 2.05, 2 → 2.04, 11..15 → 4.00, 4.01, 4.04, 4.05, 4.06; 3.3.9).
 * {@code inAnswerWindow}: the answer came within the profile's answer window (5.1: 10 s after the URC); a later
 * answer is still accepted until the request is purged, but the platform may have given up.
 */
public sealed interface PlatformResponse {

    long msgId();

    int result();

    boolean inAnswerWindow();

    /** AT+MIPLDISCOVERRSP: the resource ids of the value string ("5850;5851" → [5850, 5851]). */
    record Discover(long msgId, int result, List<Integer> resIds, int raiMode, boolean inAnswerWindow)
            implements PlatformResponse {
        public Discover {
            resIds = List.copyOf(resIds);
        }
    }

    /** AT+MIPLOBSERVERSP. */
    record Observe(long msgId, int result, int raiMode, boolean inAnswerWindow) implements PlatformResponse {}

    /** AT+MIPLREADRSP: all parts (index down to 0) when result is 1, none otherwise. */
    record Read(long msgId, int result, List<ResourceValue> values, int raiMode, boolean inAnswerWindow)
            implements PlatformResponse {
        public Read {
            values = List.copyOf(values);
        }
    }

    /** AT+MIPLWRITERSP. */
    record Write(long msgId, int result, int raiMode, boolean inAnswerWindow) implements PlatformResponse {}

    /** AT+MIPLEXECUTERSP. */
    record Execute(long msgId, int result, int raiMode, boolean inAnswerWindow) implements PlatformResponse {}

    /** AT+MIPLPARAMETERRSP. */
    record Parameter(long msgId, int result, int raiMode, boolean inAnswerWindow) implements PlatformResponse {}
}
