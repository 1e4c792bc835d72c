package org.miplhil.sim.fota;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The virtual module's non-volatile storage: one file holding an {@link NvRecord}. Written whole through a
 * temporary file and a rename, so a reader (or a power cut in the middle) sees the old record or the new one.
 */
public final class NvStore {

    private final Path file;
    private final boolean temporary;

    private NvStore(Path file, boolean temporary) {
        this.file = file;
        this.temporary = temporary;
    }

    /** The storage in {@code file} (created at the first write when missing). */
    public static NvStore at(Path file) {
        return new NvStore(file, false);
    }

    /** A fresh temporary file, deleted by {@link #discard()}. */
    public static NvStore temporary() {
        try {
            Path f = Files.createTempFile("mipl-hil-nv-", ".properties");
            Files.delete(f); // empty until the module writes it
            return new NvStore(f, true);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot make a temporary file for the module's NV storage", e);
        }
    }

    public Path file() {
        return file;
    }

    /** The stored record; {@code fresh} when the file does not exist; Invalid when it cannot be read or parsed. */
    public NvRecord.Parsed read(NvRecord fresh) {
        if (!Files.exists(file)) {
            return new NvRecord.Parsed.Ok(fresh);
        }
        try {
            NvRecord.Parsed p = NvRecord.parse(Files.readString(file, StandardCharsets.UTF_8));
            return p instanceof NvRecord.Parsed.Invalid i
                    ? new NvRecord.Parsed.Invalid(file + ": " + i.reason()) : p;
        } catch (IOException | RuntimeException e) {
            return new NvRecord.Parsed.Invalid(file + ": cannot read: " + e);
        }
    }

    public void write(NvRecord record) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, record.format(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Deletes a temporary file; a file given by the user stays. */
    public void discard() {
        if (temporary) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file left behind
            }
        }
    }

    @Override
    public String toString() {
        return "NvStore[" + file + "]";
    }
}
