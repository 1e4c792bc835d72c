package org.miplhil.at;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Cuts a byte stream into lines. Stateful but pure: feed it chunks as they arrive, with the time
 * they arrived, and it returns the lines they completed.
 *
 * <ul>
 *   <li>{@code \r\n}, a lone {@code \r} and a lone {@code \n} each end a line; {@code \r\n} is one
 *       terminator even when split between two chunks.</li>
 *   <li>Empty lines are skipped (3.1.2: responses come as {@code <CR><LF><response><CR><LF>}).</li>
 *   <li>A line longer than {@link #maxLineLength()} bytes is noise, holding its first
 *       {@code maxLineLength} bytes; the rest of it is discarded up to the next terminator. A
 *       response line is emitted as soon as the limit is crossed, so a runaway line is seen at once;
 *       a command line when its terminator arrives, since only then is the command complete
 *       (3.1.2) and due an answer.</li>
 *   <li>A line holding control bytes (other than tab) or invalid UTF-8 is emitted as noise, with
 *       the offending bytes written as {@code \xNN}.</li>
 * </ul>
 *
 * <p>{@link Mode#COMMAND} is the module's side of the wire (3.1.2: {@code <CR>} ends the command
 * line, a following {@code <LF>} is ignored): it also honours backspace, as a terminal user
 * types, and ends a line that is just {@code A/} at its slash (V.250 5.2.4: repeat the last command line). Not thread-safe; one framer per direction of one link.
 */
public final class LineFramer {

    public static final int DEFAULT_MAX_LINE_LENGTH = 4096;

    public enum Mode {
        /** What the MCU reads from the module: responses, URCs, echo. */
        RESPONSE,
        /** What the module reads from the MCU: command lines; backspace deletes the previous character. */
        COMMAND
    }

    private final Mode mode;
    private final int maxLineLength;

    private byte[] buf = new byte[128];
    private int len;
    private long firstNanos;
    private Instant firstWall = Instant.EPOCH;
    private long lastNanos;
    private boolean discarding;
    private boolean afterCr;

    public LineFramer() {
        this(Mode.RESPONSE, DEFAULT_MAX_LINE_LENGTH);
    }

    public LineFramer(Mode mode, int maxLineLength) {
        this.mode = Objects.requireNonNull(mode, "mode");
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength must be at least 1, was " + maxLineLength);
        }
        this.maxLineLength = maxLineLength;
    }

    /** A framer for the MCU side: module responses and URCs. */
    public static LineFramer forResponses() {
        return new LineFramer(Mode.RESPONSE, DEFAULT_MAX_LINE_LENGTH);
    }

    /** A framer for the module side: command lines typed or sent by the MCU. */
    public static LineFramer forCommands() {
        return forCommands(DEFAULT_MAX_LINE_LENGTH);
    }

    /** As {@link #forCommands()}, for a module whose command lines hold at most {@code maxLineLength} bytes. */
    public static LineFramer forCommands(int maxLineLength) {
        return new LineFramer(Mode.COMMAND, maxLineLength);
    }

    public Mode mode() {
        return mode;
    }

    public int maxLineLength() {
        return maxLineLength;
    }

    public List<RawLine> feed(byte[] bytes, long nanoTime, Instant wall) {
        return feed(bytes, 0, bytes == null ? 0 : bytes.length, nanoTime, wall);
    }

    /** Feeds {@code length} bytes of {@code bytes} from {@code offset}; returns the lines they completed, in order. */
    public List<RawLine> feed(byte[] bytes, int offset, int length, long nanoTime, Instant wall) {
        if (bytes == null || length <= 0) {
            return List.of();
        }
        Objects.checkFromIndexSize(offset, length, bytes.length);
        Instant at = wall == null ? Instant.EPOCH : wall;
        List<RawLine> out = new ArrayList<>(2);
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n' && afterCr) {
                afterCr = false; // second half of a \r\n
                continue;
            }
            afterCr = false;
            if (b == '\r' || b == '\n') {
                afterCr = b == '\r';
                if (discarding) {
                    discarding = false;
                    if (mode == Mode.COMMAND) {
                        out.add(build(nanoTime, overlongReason())); // complete only now
                    }
                    len = 0; // a response line was emitted when it crossed the limit
                } else if (len > 0) {
                    out.add(build(nanoTime, ""));
                    len = 0;
                }
                continue;
            }
            if (discarding) {
                continue;
            }
            if (mode == Mode.COMMAND && (b == 0x08 || b == 0x7F)) {
                backspace();
                continue;
            }
            if (len == 0) {
                firstNanos = nanoTime;
                firstWall = at;
            }
            if (len == maxLineLength) {
                if (mode == Mode.RESPONSE) {
                    out.add(build(lastNanos, overlongReason()));
                    len = 0;
                }
                discarding = true;
                continue;
            }
            append(b);
            lastNanos = nanoTime;
            if (mode == Mode.COMMAND && len == 2 && (buf[0] == 'A' || buf[0] == 'a') && buf[1] == '/') {
                out.add(build(nanoTime, "")); // V.250 5.2.4: A/ repeats the last line at once, no terminator
                len = 0;
            }
        }
        return out;
    }

    /** Emits the pending partial line, if any (e.g. when the link closes), and forgets it. */
    public Optional<RawLine> flush() {
        boolean overlong = discarding;
        discarding = false;
        afterCr = false;
        if (len == 0) {
            return Optional.empty();
        }
        RawLine line = build(lastNanos, overlong ? overlongReason() : "");
        len = 0;
        return Optional.of(line);
    }

    /** The pending partial line as it stands (a prompt such as {@code "> "} never gets a terminator); not consumed. */
    public Optional<RawLine> peek() {
        return len == 0 ? Optional.empty() : Optional.of(build(lastNanos, discarding ? overlongReason() : ""));
    }

    /** Bytes held for the pending partial line. */
    public int pendingBytes() {
        return len;
    }

    /** True while the rest of an overlong line is being thrown away. */
    public boolean discarding() {
        return discarding;
    }

    private static final String OVERLONG = "line longer than ";

    private String overlongReason() {
        return OVERLONG + maxLineLength + " bytes; rest of the line discarded";
    }

    /** Whether a noise line is noise because it was too long (rather than for its bytes). */
    public static boolean isOverlong(RawLine line) {
        return line.noise() && line.noiseReason().startsWith(OVERLONG);
    }

    private void append(byte b) {
        if (len == buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.min(Math.max(buf.length * 2, 16), maxLineLength));
        }
        buf[len++] = b;
    }

    private void backspace() {
        if (len == 0) {
            return;
        }
        len--;
        if ((buf[len] & 0xC0) == 0x80) { // a continuation byte: drop the whole UTF-8 sequence
            while (len > 0 && (buf[len - 1] & 0xC0) == 0x80) {
                len--;
            }
            if (len > 0 && (buf[len - 1] & 0xC0) == 0xC0) {
                len--;
            }
        }
    }

    private RawLine build(long lastByteNanos, String overlongReason) {
        TextDecoding.Result decoded = TextDecoding.decode(buf, 0, len);
        String reason = overlongReason;
        if (decoded.problem() != null) {
            reason = reason.isEmpty() ? decoded.problem() : reason + "; " + decoded.problem();
        }
        return new RawLine(decoded.text(), firstNanos, lastByteNanos, firstWall, !reason.isEmpty(), reason);
    }
}
