package org.miplhil.platform.fota;

import java.time.Duration;
import java.time.Instant;

/**
 * One download of a package from the {@link PackageServer}, as the report shows it: who fetched which file,
 * how many Block2 blocks and bytes were served, and how it ended.
 *
 * @param started   when the first block was asked for
 * @param peer      {@code host:port} of the downloader
 * @param file      the file name in the URI ({@code /fota/<file>})
 * @param size      the file's size in bytes; -1 when there was no such file
 * @param blocks    blocks served (a block asked for twice counts twice)
 * @param bytes     payload bytes served
 * @param blockSize the block size of the last block served (bytes); 0 when none was
 * @param duration  from the first request to the last
 * @param status    how the transfer stands
 * @param owner     the device the package was offered to (its IMEI: {@code /fota/<owner>/<file>}), so that devices
 *                  sharing one platform and one package never see each other's downloads; empty for a file offered
 *                  to anyone ({@code /fota/<file>})
 */
public record PackageTransfer(Instant started, String peer, String file, long size, int blocks, long bytes,
                              int blockSize, Duration duration, Status status, String owner) {

    public PackageTransfer {
        owner = owner == null ? "" : owner;
    }

    /** A download of a file offered to anyone. */
    public PackageTransfer(Instant started, String peer, String file, long size, int blocks, long bytes,
                           int blockSize, Duration duration, Status status) {
        this(started, peer, file, size, blocks, bytes, blockSize, duration, status, "");
    }

    /** Whether this is a download of {@code fileName} as offered to {@code forOwner} (empty: to anyone). */
    public boolean isOf(String forOwner, String fileName) {
        return file.equals(fileName) && owner.equals(forOwner == null ? "" : forOwner);
    }

    public enum Status {
        /** Blocks are still being asked for. */
        IN_PROGRESS,
        /** The last block was served. */
        COMPLETE,
        /** The peer started over (block 0 again) or asked for another file before the end. */
        ABANDONED,
        /** No such file: answered 4.04. */
        NOT_FOUND,
        /** A block past the end of the file: answered 4.02 (RFC 7959, 2.4). */
        BAD_BLOCK
    }

    /** One line for the console and the report. */
    public String describe() {
        return String.format("%s package %s to %s: %s, %d blocks, %d of %s bytes, block size %d, %d ms", started,
                owner.isEmpty() ? file : owner + "/" + file, peer, status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), blocks, bytes,
                size < 0 ? "?" : Long.toString(size), blockSize, duration.toMillis());
    }
}
