package org.miplhil.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import org.miplhil.at.AtCommandLine;
import org.miplhil.at.CommandHead;
import org.miplhil.at.LineFramer;
import org.miplhil.at.RawLine;
import org.miplhil.link.Chunk;
import org.miplhil.sim.Outcome.Deferred;
import org.miplhil.sim.Outcome;
import org.miplhil.sim.Outcome.Reply;
import org.miplhil.sim.fault.FaultAction;
import org.miplhil.sim.fault.FaultEngine;
import org.miplhil.sim.fota.FotaEngine;
import org.miplhil.sim.fota.FotaStage;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.sleep.SleepController;

/**
 * The serial line's input side and the commands' turn (module thread only): bytes become lines (the UART is dead in
 * deep sleep), lines wait in a queue and are taken one at a time — echoed, handled by the {@link AtFrontEnd}, answered
 * after the profile's response delay and the fault plan's. A deferred command ({@link Deferred}: a MIPL command that
 * waits for the network) holds the queue until {@link #completeDeferred} or its timeout. While DFOTA downloads or
 * updates, the profile's {@code fota.while-*} rule decides whether a command is read at all.
 */
final class CommandRunner {

    private final FirmwareProfile profile;
    private final ModuleThread thread;
    private final SerialOutput output;
    private final AtFrontEnd frontEnd;
    private final SleepController sleep;
    private final FotaEngine fota;
    private final Supplier<FaultEngine> faults;
    private final TrafficListener traffic;
    private final LineFramer framer;
    private final ArrayDeque<RawLine> queue = new ArrayDeque<>();
    /** Whether commands are read: powered and past the first power-up line. */
    private boolean reading;
    private boolean busy;
    private DeferredCommand deferred;

    private record DeferredCommand(String commandLine, ScheduledFuture<?> timeout, List<String> before,
                                   Runnable beforeAfter) {}

    CommandRunner(FirmwareProfile profile, ModuleThread thread, SerialOutput output, AtFrontEnd frontEnd,
                  SleepController sleep, FotaEngine fota, Supplier<FaultEngine> faults, TrafficListener traffic) {
        this.profile = profile;
        this.thread = thread;
        this.output = output;
        this.frontEnd = frontEnd;
        this.sleep = sleep;
        this.fota = fota;
        this.faults = faults;
        this.traffic = traffic;
        this.framer = LineFramer.forCommands(profile.at().maxLineLength());
    }

    /** Power-on: nothing read until {@link #startReading()}; a partial line from before is gone. */
    void powerOn() {
        reading = false;
        framer.flush();
    }

    /** The first power-up line: commands are read from now on. */
    void startReading() {
        reading = true;
    }

    boolean reading() {
        return reading;
    }

    /** Power lost: queued lines, the command in progress and its deferred answer are gone. */
    void powerOff() {
        reading = false;
        queue.clear();
        busy = false;
        framer.flush();
        if (deferred != null) {
            ModuleThread.cancel(deferred.timeout());
            deferred = null;
        }
    }

    /** No command in progress, waiting or queued. */
    boolean idle() {
        return !busy && deferred == null && queue.isEmpty();
    }

    void onBytes(Chunk chunk) {
        if (!reading) {
            return; // a module without power, or still booting, reads nothing
        }
        if (!sleep.uartBytes()) {
            // deep sleep: the UART is no wake-up source (only PSM_EINT and the timers are), the bytes are lost
            traffic.problem("deep sleep: " + chunk.bytes().length + " bytes on the UART lost");
            framer.flush();
            return;
        }
        for (RawLine line : framer.feed(chunk.bytes(), chunk.nanoTime(), chunk.wallTime())) {
            traffic.received(line.text(), line.lastByteNanos(), chunk.wallTime());
            queue.add(line);
        }
        pump();
    }

    /** Takes the next command while none is in progress. */
    private void pump() {
        while (!busy && reading && !queue.isEmpty()) {
            process(queue.poll());
        }
    }

    private void process(RawLine line) {
        sleep.activity(); // a command keeps the module awake
        FotaStage stage = fota.state().stage();
        FirmwareProfile.BusyCommands rule = stage == FotaStage.UPDATING ? profile.fota().whileUpdating()
                : stage == FotaStage.DOWNLOADING && isMipl(line.text()) ? profile.fota().whileDownloading()
                : FirmwareProfile.BusyCommands.ANSWER;
        if (rule == FirmwareProfile.BusyCommands.IGNORE) {
            traffic.problem("DFOTA " + stage + ": '" + line.text() + "' not read (fota.while-"
                    + (stage == FotaStage.UPDATING ? "updating" : "downloading") + ")");
            return;
        }
        busy = true;
        if (rule == FirmwareProfile.BusyCommands.ERROR) {
            if (frontEnd.echo()) {
                output.echo(line.text());
            }
            deliver(new Reply(List.of(), profile.fota().busyReply(), () -> {}), Optional.empty(), Duration.ZERO,
                    false);
            return;
        }
        if (rule == FirmwareProfile.BusyCommands.FAIL_DOWNLOAD) {
            fota.failDownload("the MCU sent '" + line.text() + "' while downloading (6.1.1)");
        }
        if (frontEnd.echo()) {
            output.echo(line.text());
        }
        Outcome outcome = frontEnd.handle(line);
        if (outcome instanceof Outcome.Silent) {
            busy = false;
            return;
        }
        if (outcome instanceof Deferred d) {
            ScheduledFuture<?> timeout = thread.schedule(d.timeout(), () -> completeDeferred(d.onTimeout()));
            deferred = new DeferredCommand(line.text(), timeout, d.before(), d.beforeAfter());
            return;
        }
        deliver((Reply) outcome, Optional.of(line.text()), profile.responseDelays().forCommand(commandKey(line.text())),
                false);
    }

    /** The deferred command's answer (or its timeout's): the lines gathered before it come first. */
    void completeDeferred(Reply reply) {
        DeferredCommand d = deferred;
        if (d == null) {
            return;
        }
        deferred = null;
        ModuleThread.cancel(d.timeout());
        Reply whole = d.before().isEmpty() ? reply : new Reply(concatLines(d.before(), reply.info()), reply.finalLine(),
                () -> {
                    d.beforeAfter().run();
                    reply.after().run();
                });
        deliver(whole, Optional.of(d.commandLine()), Duration.ZERO, true);
    }

    private static List<String> concatLines(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Whether the line (read as V.250 reads it) holds a MIPL command. */
    private static boolean isMipl(String line) {
        return V250Line.commands(line).orElse(List.of()).stream().anyMatch(c -> AtCommandLine.head(c).toOptional()
                .map(h -> h.name().startsWith("+MIPL")).orElse(false));
    }

    /** The profile's response-delay key of the line's first command: {@code AT+MIPLOPEN}, {@code ATI}, {@code AT}. */
    private static String commandKey(String line) {
        String first = V250Line.commands(line).map(c -> c.get(0)).orElse(line);
        return "AT" + AtCommandLine.head(first).toOptional().map(CommandHead::name).orElse("");
    }

    /**
     * The fault plan decides once the reply exists (a fault may wait for a reply's final result line: reply-matches);
     * {@code commandLine} empty: no fault acts on this reply.
     */
    private void deliver(Reply reply, Optional<String> commandLine, Duration delay, boolean pumpAfter) {
        Optional<FaultEngine.Applied> fault = commandLine.flatMap(l -> faults.get().onCommand(l, reply.finalLine()));
        Duration total = delay;
        if (fault.isPresent() && fault.get().action() instanceof FaultAction.Delay d) {
            total = total.plus(d.by());
        }
        if (total.isZero() || total.isNegative()) {
            finishReply(reply, fault);
            if (pumpAfter) {
                pump();
            }
        } else {
            thread.schedule(total, () -> {
                finishReply(reply, fault);
                pump();
            });
        }
    }

    /** Writes the reply as the fault (if any) says, then lets the command's consequences happen. */
    private void finishReply(Reply reply, Optional<FaultEngine.Applied> fault) {
        output.reply(reply, fault);
        busy = false;
        try {
            reply.after().run();
        } catch (RuntimeException e) {
            traffic.problem("after " + reply.finalLine() + ": " + e);
        }
    }
}
