package org.miplhil.sim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The module's input side: bytes from the MCU to command lines. A line ends at CR (3.1.2: "<CR> terminates the
 * command line"); LF is ignored, so CR LF and a lone CR both work. A line longer than the limit is reported once,
 * as an overlong line, when its CR arrives. Pure: no threads, no I/O, never throws.
 */
final class CommandFramer {

    /** One framed line; {@code overlong}: more bytes than the limit arrived before the CR. */
    record Line(String text, boolean overlong) {}

    private final int maxLength;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private boolean overflow;

    CommandFramer(int maxLength) {
        this.maxLength = maxLength;
    }

    List<Line> feed(byte[] bytes) {
        List<Line> lines = new ArrayList<>();
        for (byte b : bytes) {
            if (b == '\r') {
                lines.add(new Line(current.toString(StandardCharsets.ISO_8859_1), overflow));
                current.reset();
                overflow = false;
            } else if (b == '\n') {
                // ignored: LF after CR, or a stray LF
            } else if (current.size() < maxLength) {
                current.write(b);
            } else {
                overflow = true;
            }
        }
        return lines;
    }

    /** Forgets a partial line (power cut). */
    void reset() {
        current.reset();
        overflow = false;
    }
}
