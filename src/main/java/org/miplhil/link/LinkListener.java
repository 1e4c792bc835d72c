package org.miplhil.link;

/** Receives what the one reader thread of a {@link Link} reads, on that thread. */
public interface LinkListener {

    /** Called for every read, in order. An exception thrown here ends the link with that exception as cause. */
    void onChunk(Chunk chunk);

    /**
     * Called once when the reader thread ends: {@code null} after {@link Link#close()} or an orderly end of
     * stream, otherwise what broke the link.
     */
    default void onClosed(Throwable causeOrNull) {
    }
}
