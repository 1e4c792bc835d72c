package org.miplhil.objects;

import java.util.Optional;

/**
 * What the platform may do with a resource: read, write, execute (LwM2M's R, W, E). Execute stands alone, as in the
 * LwM2M object model: a resource is either readable/writable or executable.
 */
public record Operations(boolean read, boolean write, boolean execute) {

    public Operations {
        if (execute && (read || write)) {
            throw new IllegalArgumentException("an executable resource is neither readable nor writable");
        }
        if (!read && !write && !execute) {
            throw new IllegalArgumentException("a resource allows at least one operation");
        }
    }

    public static final Operations R = new Operations(true, false, false);
    public static final Operations W = new Operations(false, true, false);
    public static final Operations RW = new Operations(true, true, false);
    public static final Operations E = new Operations(false, false, true);

    /** {@code R}, {@code W}, {@code RW} (or {@code WR}), {@code E}; empty for anything else. */
    public static Optional<Operations> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text) {
            case "R" -> Optional.of(R);
            case "W" -> Optional.of(W);
            case "RW", "WR" -> Optional.of(RW);
            case "E" -> Optional.of(E);
            default -> Optional.empty();
        };
    }

    /** Counted in {@code <attrCount>} of AT+MIPLADDOBJ (3.3.5: readable and/or writable resources). */
    public boolean isAttribute() {
        return read || write;
    }

    @Override
    public String toString() {
        return execute ? "E" : (read ? "R" : "") + (write ? "W" : "");
    }
}
