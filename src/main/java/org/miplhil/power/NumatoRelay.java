package org.miplhil.power;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Numato Lab USB relay module: text commands ended by CR ({@code relay on 0}, {@code relay off 0},
 * {@code relay read 0}); the module echoes the command, answers on the next line ({@code on} / {@code off} for a
 * read), and prints the {@code >} prompt. Relays 10 and up are written {@code A}, {@code B}, ... (not hex: up to
 * {@code V} for relay 31).
 */
public final class NumatoRelay extends PowerDriver {

    private final PowerSpec.Numato spec;
    private final RelayPort port;
    private final AtomicBoolean closed = new AtomicBoolean();

    public NumatoRelay(PowerSpec.Numato spec) {
        super("numato", spec.port() + " relay " + spec.channel(), spec.timeout(), spec.verify());
        this.spec = spec;
        this.port = RelayPort.acquire(spec.port(), spec.baud(), spec.timeout());
    }

    /** The relay as written in commands: 0..9, then A (10) .. V (31). */
    static String index(int channel) {
        return channel < 10 ? Integer.toString(channel) : String.valueOf((char) ('A' + channel - 10));
    }

    @Override
    protected <T> T within(PowerAction action, Operations.Op<T> op) throws PowerException {
        return port.run(driver(), target(), action, spec.baud(), spec.timeout(), op);
    }

    @Override
    protected void set(boolean on, Operations.Deadline deadline) throws Exception {
        PowerAction action = PowerAction.of(on);
        String body = exchange(action, deadline, "relay " + (on ? "on " : "off ") + index(spec.channel()));
        if (!body.isEmpty()) {
            throw failure(action, PowerException.Kind.BAD_REPLY,
                    "the module answered '" + printable(body) + "' (expected only the prompt)");
        }
    }

    @Override
    protected PowerReading get(PowerAction action, Operations.Deadline deadline) throws Exception {
        String body = exchange(action, deadline, "relay read " + index(spec.channel()));
        return switch (body) {
            case "on" -> PowerReading.readBack(PowerState.ON);
            case "off" -> PowerReading.readBack(PowerState.OFF);
            default -> throw failure(action, PowerException.Kind.BAD_REPLY,
                    "relay read answered '" + printable(body) + "' (expected on or off)");
        };
    }

    @Override
    protected String mismatch(PowerState now, PowerAction action) {
        return "relay read gives " + now + " after switching " + action;
    }

    /** Sends a command and returns what the module printed between its echo and the prompt. */
    private String exchange(PowerAction action, Operations.Deadline deadline, String command)
            throws PowerException, IOException {
        port.discardInput();
        port.write((command + "\r").getBytes(StandardCharsets.US_ASCII));
        byte[] got = port.await(driver(), target(), action, b -> !(parse(command, text(b)) instanceof Reply.Incomplete),
                deadline,
                "the echo of '" + command + "' and the '>' prompt", b -> "'" + printable(text(b)) + "'");
        Reply reply = parse(command, text(got));
        if (reply instanceof Reply.Bad bad) {
            throw failure(action, PowerException.Kind.BAD_REPLY, bad.reason());
        }
        return ((Reply.Complete) reply).body();
    }

    /** What the module sent back for one command, so far. */
    sealed interface Reply {
        record Incomplete() implements Reply {
        }

        /** The lines between the echo and the prompt, trimmed ({@code on}, {@code off}, or empty). */
        record Complete(String body) implements Reply {
        }

        record Bad(String reason) implements Reply {
        }
    }

    /** Pure: reads the echo, the answer and the prompt from what arrived after sending {@code command}. */
    static Reply parse(String command, String received) {
        int echo = received.indexOf(command);
        if (echo < 0) {
            // a prompt without our echo: the module did not take the command
            int prompt = received.lastIndexOf('>');
            if (prompt >= 0 && received.substring(0, prompt).matches("(?s).*[\r\n].*")) {
                return new Reply.Bad("no echo of '" + command + "' before the prompt; received '"
                        + printable(received) + "'");
            }
            return new Reply.Incomplete();
        }
        String rest = received.substring(echo + command.length());
        int prompt = rest.indexOf('>');
        if (prompt < 0) {
            return new Reply.Incomplete();
        }
        String body = rest.substring(0, prompt).replace('\r', '\n').strip();
        if (body.contains("\n")) {
            return new Reply.Bad("more than one line between the echo of '" + command + "' and the prompt: '"
                    + printable(body) + "'");
        }
        return new Reply.Complete(body);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        sb.append(String.format("\\x%02X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.length() > 120 ? sb.substring(0, 120) + "..." : sb.toString();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            port.release();
        }
    }
}
