package org.miplhil.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.miplhil.link.Chunk;
import org.miplhil.link.LinkListener;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.sim.fault.FaultPlanLoader;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;

/**
 * The MCU's side for tests: a virtual module on a real pseudo-terminal, and the slave opened with jSerialComm.
 * Lines are split on CR/LF (empty ones skipped); every wait has a deadline and its failure shows what arrived.
 */
final class SimTerminal implements AutoCloseable {

    static final Path PROFILE = Path.of("fixtures/firmware/bc260y-cn.yaml");
    static final Duration DEADLINE = Duration.ofSeconds(10);

    final PtyPair pty;
    final SerialLink serial;
    final StandInRegistrar platform;
    final VirtualModule module;
    final FirmwareProfile profile;

    private final List<String> lines = new ArrayList<>();
    private final List<Long> lineNanos = new ArrayList<>();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final StringBuilder partial = new StringBuilder();
    private int urcCursor;

    /** The shipped profile with a quick power-up (20 ms to RDY, 50 ms to +IP), edited further by {@code edit}. */
    static FirmwareProfile profile(UnaryOperator<String> edit) {
        try {
            String text = Files.readString(PROFILE)
                    .replace("{line: RDY, after: 200ms,", "{line: RDY, after: 20ms,")
                    .replace("{line: \"+IP: ${ip-address}\", after: 1s,", "{line: \"+IP: ${ip-address}\", after: 50ms,");
            return ProfileLoader.parse(PROFILE.toString(), edit.apply(text)).orElseThrow();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static FirmwareProfile profile() {
        return profile(UnaryOperator.identity());
    }

    static FaultPlan faults(String yaml) {
        return FaultPlanLoader.parse("test-faults.yaml", yaml).orElseThrow();
    }

    static Options with() {
        return new Options();
    }

    static SimTerminal start() throws IOException {
        return with().start();
    }

    /** How to start: profile, faults, echo, which boot line to wait for, the stand-in's event gap, power. */
    static final class Options {
        FirmwareProfile profile = SimTerminal.profile();
        FaultPlan plan = FaultPlan.none();
        boolean keepEcho;
        String bootLine = "^\\+IP: ";
        Duration eventGap = Duration.ofMillis(5);
        boolean powered = true;

        Options profile(FirmwareProfile p) { profile = p; return this; }
        Options profile(UnaryOperator<String> edit) { profile = SimTerminal.profile(edit); return this; }
        Options faults(String yaml) { plan = SimTerminal.faults(yaml); return this; }
        Options keepEcho() { keepEcho = true; return this; }
        Options bootLine(String regex) { bootLine = regex; return this; }
        Options eventGap(Duration gap) { eventGap = gap; return this; }
        Options unpowered() { powered = false; return this; }

        /** Starts the module; when powered, waits for the boot line and (unless keepEcho) sends ATE0. */
        SimTerminal start() throws IOException {
            SimTerminal t = new SimTerminal(this);
            if (powered) {
                t.awaitLine(bootLine);
                if (!keepEcho) {
                    t.send("ATE0");
                }
            }
            return t;
        }
    }

    private SimTerminal(Options o) throws IOException {
        this.profile = o.profile;
        this.pty = PtyPair.open();
        this.serial = SerialLink.open(pty.slavePath().toString());
        this.platform = StandInRegistrar.builder().eventGap(o.eventGap).build();
        serial.start(new LinkListener() {
            @Override
            public void onChunk(Chunk chunk) {
                received(chunk);
            }
        });
        this.module = VirtualModule.builder().link(pty.master()).profile(o.profile).faultPlan(o.plan)
                .registrar(platform).startPowered(o.powered).build().start();
    }

    private synchronized void received(Chunk chunk) {
        raw.write(chunk.bytes(), 0, chunk.bytes().length);
        for (byte b : chunk.bytes()) {
            if (b == '\r' || b == '\n') {
                if (partial.length() > 0) {
                    lines.add(partial.toString());
                    lineNanos.add(chunk.nanoTime());
                    partial.setLength(0);
                }
            } else {
                partial.append((char) (b & 0xFF));
            }
        }
        notifyAll();
    }

    /** Writes raw text (no CR added). */
    void write(String text) {
        try {
            serial.write(text.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isFinal(String line) {
        return line.equals("OK") || line.equals("ERROR") || line.startsWith("+CIS ERROR: ") || line.startsWith("+CME ERROR: ");
    }

    /** What came back for one command: every line from the write to the final result line. */
    record Response(List<String> lines) {
        String finalLine() {
            return lines.get(lines.size() - 1);
        }

        /** The lines before the final one. */
        List<String> info() {
            return lines.subList(0, lines.size() - 1);
        }
    }

    Response send(String command) {
        return send(command, DEADLINE);
    }

    synchronized Response send(String command, Duration deadline) {
        int start = lines.size();
        write(command + "\r");
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            for (int i = start; i < lines.size(); i++) {
                if (isFinal(lines.get(i))) {
                    return new Response(List.copyOf(lines.subList(start, i + 1)));
                }
            }
            waitUntil(end, "a final result for " + command + " within " + deadline, start);
        }
    }

    /** The next line (after the last one awaited) matching {@code regex}. */
    String awaitLine(String regex) {
        return awaitLine(regex, DEADLINE);
    }

    synchronized String awaitLine(String regex, Duration deadline) {
        Pattern p = Pattern.compile(regex);
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            for (int i = urcCursor; i < lines.size(); i++) {
                if (p.matcher(lines.get(i)).find()) {
                    urcCursor = i + 1;
                    return lines.get(i);
                }
            }
            waitUntil(end, "a line matching /" + regex + "/ within " + deadline, urcCursor);
        }
    }

    /** Index of the next line to arrive. */
    synchronized int mark() {
        return lines.size();
    }

    synchronized List<String> linesSince(int mark) {
        return List.copyOf(lines.subList(mark, lines.size()));
    }

    /** Arrival time (the reader's System.nanoTime) of the chunk that completed line {@code index}. */
    synchronized long arrivalNanos(int index) {
        return lineNanos.get(index);
    }

    synchronized int indexOf(String line, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).equals(line)) {
                return i;
            }
        }
        return -1;
    }

    synchronized int rawMark() {
        return raw.size();
    }

    synchronized byte[] rawSince(int mark) {
        byte[] all = raw.toByteArray();
        return java.util.Arrays.copyOfRange(all, mark, all.length);
    }

    /** Waits until {@code count} raw bytes arrived since {@code mark}. */
    synchronized byte[] awaitRaw(int mark, int count, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (raw.size() - mark < count) {
            waitUntil(end, count + " bytes within " + deadline, lines.size());
        }
        return rawSince(mark);
    }

    private void waitUntil(long endNanos, String what, int shownFrom) {
        long left = endNanos - System.nanoTime();
        if (left <= 0) {
            throw new AssertionError("no " + what + "; arrived instead: "
                    + lines.subList(Math.max(0, Math.min(shownFrom, lines.size()) - 3), lines.size())
                    + (partial.length() > 0 ? " + partial '" + partial + "'" : ""));
        }
        try {
            wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what);
        }
    }

    @Override
    public void close() {
        module.close();
        platform.shutdown();
        serial.close();
        pty.close();
    }
}
