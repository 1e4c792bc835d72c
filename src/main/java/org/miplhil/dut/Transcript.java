package org.miplhil.dut;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The UART transcript of a session, written line by line as it happens and flushed after every line, so that
 * a crash loses nothing already received.
 *
 * <pre>
 * 2025-11-24T02:15:30.123456Z +12.345 TX AT+MIPLVER?
 * 2025-11-24T02:15:30.124001Z +12.890 RX +MIPLVER: 2.3.0
 * 2025-11-24T02:15:30.130002Z +18.891 RX! (non-text bytes) \xff\xfe
 * # comment lines (session start, link closed)
 * </pre>
 *
 * Fields: wall time (UTC), milliseconds since the session started, direction ({@code TX}, {@code RX}, or
 * {@code RX!} for noise, followed by the reason in parentheses), the line with control characters escaped as
 * {@code \xNN}. Times are those of the line's last byte (received) or of the start of the write (sent).
 */
public final class Transcript implements AutoCloseable {

    private static final DateTimeFormatter WALL =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path file;
    private final Writer out;
    private final long startNanos;
    private IOException failure;
    private boolean closed;

    private Transcript(Path file, Writer out, long startNanos) {
        this.file = file;
        this.out = out;
        this.startNanos = startNanos;
    }

    /** Creates (or truncates) {@code file}; times are counted from {@code startNanos} ({@link System#nanoTime()}). */
    public static Transcript create(Path file, long startNanos) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        return new Transcript(file, out, startNanos);
    }

    public Path file() {
        return file;
    }

    /** The first write error, if any: after it the transcript stops, the session goes on. */
    public synchronized IOException failure() {
        return failure;
    }

    synchronized void sent(String text, long nanoTime, Instant wall) {
        line(wall, nanoTime, "TX " + escape(text));
    }

    synchronized void received(String text, long nanoTime, Instant wall, boolean noise, String noiseReason) {
        // noise text is already escaped by the framer
        line(wall, nanoTime, noise ? "RX! (" + noiseReason.replace(')', ']') + ") " + text : "RX " + escape(text));
    }

    synchronized void comment(String text) {
        write("# " + escape(text));
    }

    private void line(Instant wall, long nanoTime, String rest) {
        double ms = (nanoTime - startNanos) / 1e6;
        write(WALL.format(wall) + " " + String.format(Locale.ROOT, "%+.3f", ms) + " " + rest);
    }

    private void write(String line) {
        if (closed || failure != null) {
            return;
        }
        try {
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Control characters (and DEL) as {@code \xNN}; everything else as is. */
    static String escape(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (b == null) {
                    b = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }

    static String offset(Duration d) {
        return String.format(Locale.ROOT, "%+.3f ms", d.toNanos() / 1e6);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
