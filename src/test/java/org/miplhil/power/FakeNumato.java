package org.miplhil.power;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import org.miplhil.link.Chunk;
import org.miplhil.link.LinkListener;
import org.miplhil.link.PtyPair;

/**
 * A Numato Lab USB relay module on a real pseudo-terminal: it echoes every character as typed, runs the line on CR,
 * and ends every answer with {@code \n\r>} — {@code relay read 0} gives {@code relay read 0\n\ron\n\r>}. Relays are
 * {@code 0}-{@code 9} then {@code A}... It can be made silent, stuck (relays do not follow) or garbled.
 */
final class FakeNumato implements AutoCloseable {

    enum Mode { NORMAL, SILENT, STUCK, GARBLED }

    private final PtyPair pty;
    private final int relayCount;
    private final StringBuilder line = new StringBuilder();
    private final Map<Integer, Boolean> relays = new TreeMap<>();
    private final List<String> commands = new ArrayList<>();
    private volatile Mode mode = Mode.NORMAL;

    FakeNumato(int relayCount) throws IOException {
        this.relayCount = relayCount;
        pty = PtyPair.open();
        pty.master().start(new LinkListener() {
            @Override
            public void onChunk(Chunk chunk) {
                receive(new String(chunk.bytes(), StandardCharsets.ISO_8859_1));
            }
        });
    }

    String port() {
        return pty.slavePath().toString();
    }

    void mode(Mode m) {
        mode = m;
    }

    private synchronized void receive(String text) {
        if (mode == Mode.SILENT) {
            return;
        }
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '\r') {
                String cmd = line.toString();
                line.setLength(0);
                commands.add(cmd);
                out.append("\n\r").append(run(cmd.trim())).append('>');
            } else if (c != '\n') {
                line.append(c);
                out.append(c); // echo as typed
            }
        }
        try {
            pty.master().write(out.toString().getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            commands.add("cannot answer: " + e.getMessage());
        }
    }

    private String run(String cmd) {
        if (mode == Mode.GARBLED) {
            return "\u00ff\u00fe?\n\r";
        }
        String[] w = cmd.split(" ");
        if (w.length == 3 && w[0].equals("relay")) {
            int relay = index(w[2]);
            if (relay < 0 || relay >= relayCount) {
                return "";
            }
            switch (w[1]) {
                case "on", "off" -> {
                    if (mode != Mode.STUCK) {
                        relays.put(relay, w[1].equals("on"));
                    }
                    return "";
                }
                case "read" -> {
                    return (Boolean.TRUE.equals(relays.get(relay)) ? "on" : "off") + "\n\r";
                }
                default -> {
                    return "";
                }
            }
        }
        if (cmd.equals("ver")) {
            return "00000008\n\r";
        }
        return "";
    }

    private static int index(String s) {
        if (s.matches("[0-9]")) {
            return s.charAt(0) - '0';
        }
        if (s.matches("[A-V]")) {
            return 10 + s.charAt(0) - 'A';
        }
        return -1;
    }

    synchronized Boolean relay(int n) {
        return relays.get(n);
    }

    synchronized List<String> commands() {
        return List.copyOf(commands);
    }

    @Override
    public void close() {
        pty.close();
    }
}
