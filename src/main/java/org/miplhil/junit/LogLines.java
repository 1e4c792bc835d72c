package org.miplhil.junit;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/**
 * A print stream whose lines go to the log: the fleet prints to a stream, and library code logs, never writes to the
 * console. A module's own lines ({@code [sim-2] mipl-hil run: health check ...}, the fail-fast lines a serial run
 * logs as warnings too) at WARN, the fleet's header and summary at INFO.
 */
final class LogLines extends OutputStream {

    private final Logger log;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private LogLines(Logger log) {
        this.log = log;
    }

    static PrintStream to(Logger log) {
        return new PrintStream(new LogLines(log), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            flushLine();
        } else if (b != '\r') {
            line.write(b);
        }
    }

    @Override
    public synchronized void close() {
        flushLine();
    }

    private void flushLine() {
        if (line.size() > 0) {
            String text = line.toString(StandardCharsets.UTF_8);
            if (text.startsWith("[")) {
                log.warn("{}", text);
            } else {
                log.info("{}", text);
            }
            line.reset();
        }
    }
}
