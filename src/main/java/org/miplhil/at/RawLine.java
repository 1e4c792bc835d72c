package org.miplhil.at;

import java.time.Instant;

/**
 * One line as framed from the wire, without its terminator.
 *
 * @param text           the line; for noise lines, bytes that are not printable text appear as
 *                       {@code \xNN} escapes
 * @param firstByteNanos {@code System.nanoTime()} of the chunk holding the line's first byte
 * @param lastByteNanos  {@code System.nanoTime()} of the chunk holding the line's last byte — its
 *                       terminator, since only then is the line complete (for a flushed partial
 *                       line or an overlong response line: the last byte kept)
 * @param wall           wall-clock time of the chunk holding the first byte
 * @param noise          true when the line holds bytes that are not text, or was too long
 * @param noiseReason    why it is noise; empty when it is not
 */
public record RawLine(String text, long firstByteNanos, long lastByteNanos, Instant wall,
                      boolean noise, String noiseReason) {

    public RawLine {
        java.util.Objects.requireNonNull(text, "text");
        java.util.Objects.requireNonNull(wall, "wall");
        noiseReason = noiseReason == null ? "" : noiseReason;
    }

    /** A clean text line with no timing, for tests and for classifying text that did not come off a wire. */
    public static RawLine of(String text) {
        return new RawLine(text, 0, 0, Instant.EPOCH, false, "");
    }
}
