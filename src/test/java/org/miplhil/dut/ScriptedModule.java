package org.miplhil.dut;

import org.miplhil.link.Chunk;
import org.miplhil.link.Link;
import org.miplhil.link.LinkListener;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A fake module for session tests, on the far end of a link: answers scripted command lines, echoes them
 * when echo is on, and writes everything in tiny pieces (1 to 3 bytes per write) so that lines arrive split
 * across many chunks. It speaks the real wire format ({@code <CR><LF>line<CR><LF>}).
 */
final class ScriptedModule implements LinkListener {

    /** An answer: the lines to print in order; an empty list means silence. */
    private final Map<String, Function<String, List<String>>> script = new ConcurrentHashMap<>();
    private final Link link;
    private final Random random;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    volatile boolean echo = true;

    ScriptedModule(Link link, long seed) {
        this.link = link;
        this.random = new Random(seed);
        link.start(this);
    }

    ScriptedModule on(String command, String... lines) {
        script.put(command, c -> List.of(lines));
        return this;
    }

    ScriptedModule on(String command, Function<String, List<String>> answer) {
        script.put(command, answer);
        return this;
    }

    @Override
    public void onChunk(Chunk chunk) {
        for (byte b : chunk.bytes()) {
            if (b == '\r') {
                String command = line.toString(StandardCharsets.UTF_8);
                line.reset();
                answer(command);
            } else if (b != '\n') {
                line.write(b);
            }
        }
    }

    private void answer(String command) {
        StringBuilder out = new StringBuilder();
        if (echo) {
            out.append(command).append('\r');
        }
        Function<String, List<String>> answer = script.getOrDefault(command, c -> List.of("ERROR"));
        for (String l : answer.apply(command)) {
            out.append("\r\n").append(l).append("\r\n");
        }
        writeInPieces(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** An unsolicited line, as the module prints it. */
    void urc(String text) {
        writeInPieces(("\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void raw(byte[] bytes) {
        writeInPieces(bytes);
    }

    private synchronized void writeInPieces(byte[] bytes) {
        try {
            for (int off = 0; off < bytes.length; ) {
                int n = Math.min(bytes.length - off, 1 + random.nextInt(3));
                link.write(java.util.Arrays.copyOfRange(bytes, off, off + n));
                off += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
