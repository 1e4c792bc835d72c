package org.miplhil.dut;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.miplhil.link.Chunk;
import org.miplhil.link.Link;
import org.miplhil.link.LinkListener;

/**
 * A scripted module for MCU tests on the far end of a {@link org.miplhil.link.PipeLink}: it speaks the wire format
 * ({@code \r\n<line>\r\n}), records every command line it receives, answers each with the first rule whose prefix
 * matches (default {@code OK}) and prints URCs when told to. Not a simulation: the virtual module is tested end to end
 * elsewhere.
 */
public final class FakeModule implements LinkListener {

    private record Rule(String prefix, Function<String, List<String>> answer) {}

    private final Link link;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public FakeModule(Link link) {
        this.link = link;
        link.start(this);
    }

    /** Commands starting with {@code prefix} get these lines (the last added rule wins). */
    public FakeModule on(String prefix, String... lines) {
        return on(prefix, c -> List.of(lines));
    }

    public FakeModule on(String prefix, Function<String, List<String>> answer) {
        rules.add(0, new Rule(prefix, answer));
        return this;
    }

    /** Every command line received, in order. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    public List<String> commandsStartingWith(String prefix) {
        return commands.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    @Override
    public void onChunk(Chunk chunk) {
        List<String> complete = new ArrayList<>();
        synchronized (line) {
            for (byte b : chunk.bytes()) {
                if (b == '\r') {
                    complete.add(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else if (b != '\n') {
                    line.write(b);
                }
            }
        }
        for (String command : complete) {
            commands.add(command);
            List<String> answer = rules.stream().filter(r -> command.startsWith(r.prefix())).findFirst()
                    .map(r -> r.answer().apply(command)).orElse(List.of("OK"));
            StringBuilder out = new StringBuilder();
            for (String l : answer) {
                out.append("\r\n").append(l).append("\r\n");
            }
            write(out.toString());
        }
    }

    public void urc(String text) {
        write("\r\n" + text + "\r\n");
    }

    private synchronized void write(String s) {
        if (s.isEmpty()) {
            return;
        }
        try {
            link.write(s.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
