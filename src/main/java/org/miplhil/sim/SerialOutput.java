package org.miplhil.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.miplhil.link.Link;
import org.miplhil.sim.Outcome.Reply;
import org.miplhil.sim.fault.FaultAction;
import org.miplhil.sim.fault.FaultEngine;
import org.miplhil.sim.fault.FieldEdit;

/**
 * What the module writes to its serial line (module thread only, except {@link #recentUrcs()}): replies framed as
 * 3.1.2 says, URCs through the fault plan, a line held back by a swap-next fault, the output stalled by a pause
 * fault (what is written meanwhile queues behind, in order), and the history of URC emissions with the time after
 * their last byte.
 */
final class SerialOutput {

    private final Link link;
    private final ModuleThread thread;
    private final TrafficListener traffic;
    private final Consumer<UrcEmission> urcListener;
    private final int urcHistory;
    private final Supplier<FaultEngine> faults;
    private final BooleanSupplier powered;
    private final ArrayDeque<UrcEmission> recentUrcs = new ArrayDeque<>();
    private Held held;
    /** Written while the output is stalled by a pause fault, oldest first; an entry may start a stall of its own. */
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private ScheduledFuture<?> stall;

    /** A reply or URC held back by a swap-next fault until the next write (or its maximum hold). */
    private record Held(byte[] bytes, List<String> urcLines, ScheduledFuture<?> flush) {}

    /** Bytes waiting for the link; {@code pause}: the output stalls that long before they go out. */
    private record Pending(byte[] bytes, List<String> urcLines, Duration pause) {}

    SerialOutput(Link link, ModuleThread thread, TrafficListener traffic, Consumer<UrcEmission> urcListener,
                 int urcHistory, Supplier<FaultEngine> faults, BooleanSupplier powered) {
        this.link = link;
        this.thread = thread;
        this.traffic = traffic;
        this.urcListener = urcListener;
        this.urcHistory = urcHistory;
        this.faults = faults;
        this.powered = powered;
    }

    /** The most recent URCs written (oldest first), any thread. */
    List<UrcEmission> recentUrcs() {
        synchronized (recentUrcs) {
            return List.copyOf(recentUrcs);
        }
    }

    /** Power lost: a held line and what a stalled output still owed are gone with it. */
    void powerOff() {
        if (held != null) {
            ModuleThread.cancel(held.flush());
            held = null;
        }
        ModuleThread.cancel(stall);
        stall = null;
        pending.clear();
    }

    /** The echo of a command line (ATE1): the line and its CR. */
    void echo(String line) {
        writeOut((line + "\r").getBytes(StandardCharsets.UTF_8), List.of());
    }

    /** Power-on: the plan's power-on faults schedule their lines (a power cycle drops what is still due). */
    void powerOn() {
        for (FaultEngine.Applied applied : faults.get().onPowerOn()) {
            FaultAction.Emit e = (FaultAction.Emit) applied.action(); // the loader allows nothing else at power-on
            thread.schedule(e.after(), () -> emitNow(e.lines()));
        }
    }

    /** A command's reply, as the fault (if any) says. */
    void reply(Reply reply, Optional<FaultEngine.Applied> fault) {
        byte[] bytes = frameReply(reply);
        FaultAction action = fault.map(FaultEngine.Applied::action).orElse(null);
        if (action == null || action instanceof FaultAction.Delay) {
            writeOut(bytes, List.of()); // the delay was the caller's
        } else if (action instanceof FaultAction.Pause p) {
            writeOut(bytes, List.of(), p.by());
        } else if (action instanceof FaultAction.Edit e) {
            writeOut(frameReply(edited(reply, e)), List.of());
        } else if (action instanceof FaultAction.Emit e) {
            writeOut(bytes, List.of());
            emit(e);
        } else if (action instanceof FaultAction.Reply r) {
            writeOut(frameLines(r.lines()), List.of());
        } else if (action instanceof FaultAction.Duplicate) {
            writeOut(concat(bytes, bytes), List.of());
        } else if (action instanceof FaultAction.SwapNext s) {
            hold(bytes, List.of(), s.maxHold());
        } else if (action instanceof FaultAction.Garble g) {
            writeOut(garble(bytes, g.bytes()), List.of());
        } // Drop: nothing at all
    }

    /** A URC through the fault plan; nothing while the power is off. */
    void urc(String line) {
        if (!powered.getAsBoolean()) {
            return;
        }
        Optional<FaultEngine.Applied> fault = faults.get().onUrc(line);
        FaultAction action = fault.map(FaultEngine.Applied::action).orElse(null);
        byte[] bytes = frameLines(List.of(line));
        if (action == null) {
            writeOut(bytes, List.of(line));
        } else if (action instanceof FaultAction.Edit e) {
            String edited = FieldEdit.apply(line, e.field(), e.value()).orElse(line);
            writeOut(frameLines(List.of(edited)), List.of(edited));
        } else if (action instanceof FaultAction.Emit e) {
            writeOut(bytes, List.of(line));
            emit(e);
        } else if (action instanceof FaultAction.Delay d) {
            thread.schedule(d.by(), () -> writeOut(bytes, List.of(line)));
        } else if (action instanceof FaultAction.Pause p) {
            writeOut(bytes, List.of(line), p.by());
        } else if (action instanceof FaultAction.Reply r) {
            for (String replacement : r.lines()) {
                writeOut(frameLines(List.of(replacement)), List.of(replacement));
            }
        } else if (action instanceof FaultAction.Duplicate) {
            writeOut(bytes, List.of(line));
            writeOut(bytes, List.of(line));
        } else if (action instanceof FaultAction.SwapNext s) {
            hold(bytes, List.of(line), s.maxHold());
        } else if (action instanceof FaultAction.Garble g) {
            writeOut(garble(bytes, g.bytes()), List.of(line));
        } // Drop: nothing at all
    }

    /** The reply with its first information line's field edited; a reply without information lines as it was. */
    private static Reply edited(Reply reply, FaultAction.Edit e) {
        if (reply.info().isEmpty()) {
            return reply;
        }
        List<String> info = new java.util.ArrayList<>(reply.info());
        info.set(0, FieldEdit.apply(info.get(0), e.field(), e.value()).orElse(info.get(0)));
        return new Reply(info, reply.finalLine(), reply.after());
    }

    /**
     * An emit fault's lines: right behind what was just written, or {@code after} later (a power cycle meanwhile
     * drops them). They are URC lines (history, listener) but pass no URC fault.
     */
    private void emit(FaultAction.Emit e) {
        if (e.after().isZero() || e.after().isNegative()) {
            emitNow(e.lines());
        } else {
            thread.schedule(e.after(), () -> emitNow(e.lines()));
        }
    }

    private void emitNow(List<String> lines) {
        if (powered.getAsBoolean()) {
            writeOut(frameLines(lines), lines);
        }
    }

    private void hold(byte[] bytes, List<String> urcLines, Duration maxHold) {
        if (held != null) {
            flushHeld();
        }
        ScheduledFuture<?> flush = thread.schedule(maxHold, this::flushHeld);
        held = new Held(bytes, urcLines, flush);
    }

    private void flushHeld() {
        Held h = held;
        if (h != null) {
            held = null;
            ModuleThread.cancel(h.flush());
            writeOut(h.bytes(), h.urcLines());
        }
    }

    private void writeOut(byte[] bytes, List<String> urcLines) {
        writeOut(bytes, urcLines, Duration.ZERO);
    }

    /**
     * Hands bytes to the output: written at once unless the output is stalled (then they queue behind what waits);
     * {@code pause} positive: the output stalls that long first. A line held by swap-next goes right behind them.
     */
    private void writeOut(byte[] bytes, List<String> urcLines, Duration pause) {
        pending.addLast(new Pending(bytes, urcLines, pause));
        Held h = held;
        if (h != null) { // swap-next: the held line goes right after the next one written
            held = null;
            ModuleThread.cancel(h.flush());
            pending.addLast(new Pending(h.bytes(), h.urcLines(), Duration.ZERO));
        }
        drain();
    }

    /** Writes what waits, in order, until an entry stalls the output (its pause runs, then the rest follows). */
    private void drain() {
        while (stall == null && !pending.isEmpty()) {
            Pending p = pending.pollFirst();
            if (p.pause().isZero() || p.pause().isNegative()) {
                writeNow(p.bytes(), p.urcLines());
                continue;
            }
            pending.addFirst(new Pending(p.bytes(), p.urcLines(), Duration.ZERO));
            stall = thread.schedule(p.pause(), () -> {
                stall = null;
                drain();
            });
            if (stall == null) {
                pending.clear(); // the module is closed: nothing more goes out
            }
        }
    }

    /** Writes bytes; records URC lines with the time after their last byte. */
    private void writeNow(byte[] bytes, List<String> urcLines) {
        long nanos;
        try {
            nanos = link.write(bytes);
        } catch (IOException e) {
            traffic.problem("write to " + link.name() + " failed: " + e.getMessage());
            return;
        }
        Instant wall = Instant.now();
        traffic.sent(bytes, nanos, wall);
        for (String line : urcLines) {
            UrcEmission emission = new UrcEmission(line, nanos, wall);
            synchronized (recentUrcs) {
                recentUrcs.addLast(emission);
                while (recentUrcs.size() > urcHistory) {
                    recentUrcs.removeFirst();
                }
            }
            urcListener.accept(emission);
        }
    }

    // ---------------------------------------------------------------- framing (3.1.2)

    /** {@code \r\n<info lines joined by \r\n>\r\n} then {@code \r\n<final>\r\n}. */
    static byte[] frameReply(Reply reply) {
        StringBuilder sb = new StringBuilder();
        if (!reply.info().isEmpty()) {
            sb.append("\r\n").append(String.join("\r\n", reply.info())).append("\r\n");
        }
        sb.append("\r\n").append(reply.finalLine()).append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Each line as {@code \r\n<line>\r\n}. */
    static byte[] frameLines(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append("\r\n").append(l).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Inserts the garble bytes after the leading CR LF, before the first character of the first line. */
    static byte[] garble(byte[] framed, byte[] insert) {
        int at = framed.length >= 2 && framed[0] == '\r' && framed[1] == '\n' ? 2 : 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(framed, 0, at);
        out.write(insert, 0, insert.length);
        out.write(framed, at, framed.length - at);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
