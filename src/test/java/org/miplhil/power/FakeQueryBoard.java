package org.miplhil.power;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.miplhil.link.Chunk;
import org.miplhil.link.LinkListener;
import org.miplhil.link.PtyPair;

/**
 * A relay board with another binary protocol, for the configurable frames: {@code 55 <ch> <cmd> <xor>} where
 * cmd 01 = on, 00 = off, 02 = query; the query is answered {@code AA <ch> <0|1> <xor>}; the xor covers every byte
 * before it. It can be made silent (a board that does not answer) or stuck (its relay does not follow).
 */
final class FakeQueryBoard implements AutoCloseable {

    private final PtyPair pty;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final Map<Integer, Boolean> relays = new TreeMap<>();
    private final List<String> rejected = new ArrayList<>();
    private volatile boolean silent;
    private volatile boolean stuck;
    private int queries;

    FakeQueryBoard() throws IOException {
        pty = PtyPair.open();
        pty.master().start(new LinkListener() {
            @Override
            public void onChunk(Chunk chunk) {
                receive(chunk.bytes());
            }
        });
    }

    String port() {
        return pty.slavePath().toString();
    }

    void silent(boolean v) {
        silent = v;
    }

    void stuck(boolean v) {
        stuck = v;
    }

    private synchronized void receive(byte[] bytes) {
        pending.writeBytes(bytes);
        byte[] buf = pending.toByteArray();
        int i = 0;
        while (buf.length - i >= 4) {
            int h = buf[i] & 0xFF;
            int ch = buf[i + 1] & 0xFF;
            int cmd = buf[i + 2] & 0xFF;
            int x = buf[i + 3] & 0xFF;
            if (h != 0x55) {
                rejected.add(String.format("header %02X", h));
                i++;
                continue;
            }
            if ((h ^ ch ^ cmd) != x) {
                rejected.add(String.format("xor %02X, expected %02X", x, h ^ ch ^ cmd));
            } else if (cmd == 0 || cmd == 1) {
                if (!stuck) {
                    relays.put(ch, cmd == 1);
                }
            } else if (cmd == 2) {
                queries++;
                if (!silent) {
                    int state = Boolean.TRUE.equals(relays.get(ch)) ? 1 : 0;
                    byte[] reply = {(byte) 0xAA, (byte) ch, (byte) state, (byte) (0xAA ^ ch ^ state)};
                    try {
                        pty.master().write(reply);
                    } catch (IOException e) {
                        rejected.add("cannot answer: " + e.getMessage());
                    }
                }
            } else {
                rejected.add("command " + cmd);
            }
            i += 4;
        }
        pending.reset();
        pending.write(buf, i, buf.length - i);
    }

    synchronized Boolean relay(int channel) {
        return relays.get(channel);
    }

    synchronized void force(int channel, boolean on) {
        relays.put(channel, on);
    }

    synchronized int queries() {
        return queries;
    }

    synchronized List<String> rejected() {
        return List.copyOf(rejected);
    }

    /** The frames a driver needs for this board, as a rack file writes them. */
    static PowerSpec.Frames frames() {
        return new PowerSpec.Frames(FrameTemplate.of("55 {ch} 01 {xor}"), FrameTemplate.of("55 {ch} 00 {xor}"),
                java.util.Optional.of(FrameTemplate.of("55 {ch} 02 {xor}")),
                java.util.Optional.of(FrameTemplate.of("AA {ch} 01 {xor}")),
                java.util.Optional.of(FrameTemplate.of("AA {ch} 00 {xor}")));
    }

    @Override
    public void close() {
        pty.close();
    }
}
