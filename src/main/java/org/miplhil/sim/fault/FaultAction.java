package org.miplhil.sim.fault;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What a fault does to the module's reply to a matching command, or to a matching URC line. The module still
 * executes the command normally; only what goes out on the wire changes.
 */
public sealed interface FaultAction {

    /** The YAML name of the action. */
    String name();

    /**
     * Command: the reply is written {@code by} later than the profile's response delay, and the module takes no
     * further command until it is written. URC: the line is written {@code by} later; lines emitted meanwhile
     * go out before it (a reordering; {@link Pause} keeps the order).
     */
    record Delay(Duration by) implements FaultAction {
        @Override public String name() { return "delay"; }
    }

    /**
     * The module's output stalls for {@code by}: the reply (or the URC line) and every line the module writes after
     * it go out {@code by} later, in the order they were written (a slower module, not a reordering one, unlike
     * {@link Delay} on a URC). Command: the module takes further commands meanwhile; their echo and replies queue
     * behind. A power cut drops what is queued.
     */
    record Pause(Duration by) implements FaultAction {
        @Override public String name() { return "pause"; }
    }

    /** The reply (or the URC line) is replaced by these lines, each framed {@code \r\n<line>\r\n}. */
    record Reply(List<String> lines) implements FaultAction {
        public Reply {
            lines = List.copyOf(lines);
        }
        @Override public String name() { return "reply"; }
    }

    /** Nothing is written. */
    record Drop() implements FaultAction {
        @Override public String name() { return "drop"; }
    }

    /** The reply (or the URC line) is written twice, back to back. */
    record Duplicate() implements FaultAction {
        @Override public String name() { return "duplicate"; }
    }

    /**
     * The reply (or the URC line) is held back and written right after the next line the module emits, so the
     * two arrive in swapped order. If nothing else is emitted within {@code maxHold}, it is written then.
     */
    record SwapNext(Duration maxHold) implements FaultAction {
        @Override public String name() { return "swap-next"; }
    }

    /**
     * These bytes are inserted into the written bytes right after the leading {@code \r\n} of the reply's first
     * line (or of the URC line), i.e. before the line's first character: {@code OK} becomes
     * {@code \r\n<bytes>OK\r\n}.
     */
    record Garble(byte[] bytes) implements FaultAction {
        public Garble {
            bytes = bytes.clone();
        }
        @Override public byte[] bytes() { return bytes.clone(); }
        @Override public String name() { return "garble"; }
        @Override public boolean equals(Object o) { return o instanceof Garble g && Arrays.equals(bytes, g.bytes); }
        @Override public int hashCode() { return Arrays.hashCode(bytes); }
        @Override public String toString() { return "Garble[" + Arrays.toString(bytes) + "]"; }
    }

    /**
     * One field of the line is replaced: the URC line, or the reply's first information line (a reply without one is
     * written unchanged). {@code field} counts from 1 over the comma-separated parameters after {@code ": "}
     * (5.x: {@code +MIPLREAD: <ref>,<msgId>,<objId>,...}: field 2 is the msgId). A field past the last is appended.
     */
    record Edit(int field, String value) implements FaultAction {
        public Edit {
            if (field < 1) {
                throw new IllegalArgumentException("field counts from 1: " + field);
            }
        }
        @Override public String name() { return "edit"; }
    }

    /**
     * The matching line (or reply) goes out unchanged, and these lines follow it {@code after} later (zero: right
     * behind it), each framed {@code \r\n<line>\r\n}: a URC the firmware sends where the note sends none.
     */
    record Emit(List<String> lines, Duration after) implements FaultAction {
        public Emit {
            lines = List.copyOf(lines);
        }
        @Override public String name() { return "emit"; }
    }
}
