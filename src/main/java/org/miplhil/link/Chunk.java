package org.miplhil.link;

import java.time.Instant;

/**
 * Bytes as one read returned them.
 *
 * @param bytes    the bytes, in arrival order (owned by the chunk: never modified after delivery)
 * @param nanoTime {@link System#nanoTime()} taken right after the read returned
 * @param wallTime the wall clock at the same moment, for transcripts
 */
public record Chunk(byte[] bytes, long nanoTime, Instant wallTime) {

    public int length() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return "Chunk[" + bytes.length + " bytes at " + nanoTime + "]";
    }
}
