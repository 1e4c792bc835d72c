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
 * A CH340 LCUS relay board on a real pseudo-terminal: the driver opens {@link #port()} like the board's
 * /dev/ttyUSBn. It reads 4-byte frames {@code A0 <channel> <0|1> <sum>}, checks every byte, switches its relays and
 * never answers (LCUS boards are write-only). A bad frame is recorded and the board resynchronises on the next A0.
 */
public final class FakeLcusBoard implements AutoCloseable {

    public record Frame(int channel, boolean on, long nanoTime) {
    }

    private final PtyPair pty;
    private final int channels;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final Map<Integer, Boolean> relays = new TreeMap<>();
    private final List<Frame> accepted = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();
    private final List<byte[]> raw = new ArrayList<>();

    public FakeLcusBoard(int channels) throws IOException {
        this.channels = channels;
        this.pty = PtyPair.open();
        pty.master().start(new LinkListener() {
            @Override
            public void onChunk(Chunk chunk) {
                receive(chunk.bytes(), chunk.nanoTime());
            }
        });
    }

    public String port() {
        return pty.slavePath().toString();
    }

    private synchronized void receive(byte[] bytes, long nanoTime) {
        raw.add(bytes.clone());
        pending.writeBytes(bytes);
        byte[] buf = pending.toByteArray();
        int i = 0;
        while (buf.length - i >= 4 || (buf.length - i > 0 && (buf[i] & 0xFF) != 0xA0)) {
            int header = buf[i] & 0xFF;
            if (header != 0xA0) {
                rejected.add(String.format("byte %02X where the header A0 belongs", header));
                i++;
                continue;
            }
            int channel = buf[i + 1] & 0xFF;
            int state = buf[i + 2] & 0xFF;
            int sum = buf[i + 3] & 0xFF;
            int expected = (0xA0 + channel + state) & 0xFF;
            if (sum != expected) {
                rejected.add(String.format("checksum %02X, expected %02X", sum, expected));
            } else if (channel < 1 || channel > channels) {
                rejected.add("channel " + channel + " on a " + channels + "-channel board");
            } else if (state > 1) {
                rejected.add("state byte " + state);
            } else {
                relays.put(channel, state == 1);
                accepted.add(new Frame(channel, state == 1, nanoTime));
            }
            i += 4;
        }
        pending.reset();
        pending.write(buf, i, buf.length - i);
        notifyAll();
    }

    /** The relay's state, or null while it was never switched. */
    public synchronized Boolean relay(int channel) {
        return relays.get(channel);
    }

    public synchronized List<Frame> accepted() {
        return List.copyOf(accepted);
    }

    public synchronized List<String> rejected() {
        return List.copyOf(rejected);
    }

    /** Every byte received, as hex frames in arrival chunks. */
    public synchronized String received() {
        StringBuilder sb = new StringBuilder();
        for (byte[] b : raw) {
            sb.append('[').append(FrameTemplate.hex(b)).append(']');
        }
        return sb.toString();
    }

    @Override
    public void close() {
        pty.close();
    }
}
