package org.miplhil.suite.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.miplhil.at.EventId;
import org.miplhil.at.FotaEnd;
import org.miplhil.at.FotaStart;
import org.miplhil.at.FotaUpdating;
import org.miplhil.at.MiplEvent;
import org.miplhil.at.MiplUrc;
import org.miplhil.at.Rdy;
import org.miplhil.platform.fota.FotaOutcome;
import org.miplhil.platform.fota.FotaStep;
import org.miplhil.yaml.Durations;

/**
 * The module's side of a DFOTA task started in OneNET's console (OneNET has no public API that creates an LwM2M FOTA
 * task): read from the URCs alone, in the order of 6.1 and the transcript of 7.10.6 — {@code +MIPLEVENT: 0,40}, 42,
 * 43, {@code +QIND: "FOTA","START"}, {@code "UPDATING"} ... 100%, the restart ({@code RDY}),
 * {@code +QIND: "FOTA","END",0}, the MCU's registration again (event 6), 48 (the package erased, 6.1.3) and the
 * registration update that reports the result (11, 7.10.6). Pure: no I/O, no clock.
 *
 * <p>Each phase has a deadline: the first ({@code start}, the task reaching the module) the step's {@code within},
 * every other {@code phaseTimeout} from the latest URC that moved the update on. The outcome is a
 * {@link FotaOutcome} as the platform's campaign gives one, so {@code expect-fota} and the report read both alike:
 * {@code Succeeded} after 11, {@code Failed} on 41, an {@code END} other than 0 or 49 (update result -1: the module's
 * side does not see /5/0/5), {@code TimedOut(phase)} when a deadline passed.
 */
final class ModuleSideFota {

    /** What the URCs say so far: the outcome once there is one, else the phase, what it awaits and until when. */
    record Reading(Optional<FotaOutcome> outcome, String phase, String awaited, long deadlineNanos, List<FotaStep> steps) {}

    private final long startNanos;
    private final Duration within;
    private final Duration phaseTimeout;
    private final LongFunction<Instant> wall;

    /**
     * @param startNanos   the {@code fota} step, on the links' clock
     * @param within       how long the task may take to reach the module (event 40)
     * @param phaseTimeout how long every later phase may take
     * @param wall         a time on the links' clock as a wall time, for the report's rows
     */
    ModuleSideFota(long startNanos, Duration within, Duration phaseTimeout, LongFunction<Instant> wall) {
        this.startNanos = startNanos;
        this.within = within;
        this.phaseTimeout = phaseTimeout;
        this.wall = wall;
    }

    /** What is awaited in each phase, for the steps and the failures. */
    static String awaited(String phase) {
        return switch (phase) {
            case "start" -> "+MIPLEVENT: 0,40 (the console's task reaches the module: the download starts, 6.1.1)";
            case "download" -> "+MIPLEVENT: 0,42 (downloaded) or 41 (the download failed), 6.1.1";
            case "downloaded" -> "+MIPLEVENT: 0,43 (the platform executes the update, 6.1.2)";
            case "update" -> "+QIND: \"FOTA\",\"UPDATING\" up to 100%, then the restart (RDY), 7.10.6";
            case "restart" -> "+QIND: \"FOTA\",\"END\",<upgrade_err> after the restart (6.1.3)";
            case "re-register" -> "+MIPLEVENT: 0,6: the MCU registers again so that the module reports the result"
                    + " (6.1.3, 6.2)";
            case "erase" -> "+MIPLEVENT: 0,48 (the package erased) or 49 (6.3)";
            default -> "+MIPLEVENT: 0,11: the registration update that reports the result (7.10.6)";
        };
    }

    /** Reads the FOTA URCs (in arrival order, those before the step are ignored) as of {@code nowNanos}. */
    Reading read(List<FotaTrace.Seen> urcs, long nowNanos) {
        List<FotaStep> steps = new ArrayList<>();
        String phase = "start";
        long deadline = startNanos + within.toNanos();
        long last = startNanos;
        for (FotaTrace.Seen seen : urcs) {
            long t = seen.nanos();
            if (t - startNanos < 0) {
                continue;
            }
            if (t - deadline > 0) {
                break; // arrived after its phase ran out: the timeout below has it
            }
            MiplUrc u = seen.urc();
            String next = next(phase, u);
            if (next == null) {
                continue; // says nothing about this phase (an update's 11, a registration before the END, ...)
            }
            String text = u.format();
            if (next.startsWith("!")) {
                steps.add(step(t, last, "out of order", text + " while awaiting " + awaited(phase), false));
                return ended(new FotaOutcome.Failed(text + " out of order: the update was in phase " + phase
                        + " (6.1)", -1), phase, steps);
            }
            if (next.startsWith("=")) {
                steps.add(step(t, last, next.substring(1), text, false));
                return ended(new FotaOutcome.Failed(next.substring(1) + ": " + text, -1), phase, steps);
            }
            if (!(u instanceof FotaUpdating p) || p.percent() == 100 || !phase.equals("update")) {
                steps.add(step(t, last, label(next, u), text, true));
            }
            if (next.equals("done")) {
                return ended(new FotaOutcome.Succeeded(""), phase, steps);
            }
            phase = next;
            last = t;
            deadline = t + phaseTimeout.toNanos();
        }
        if (nowNanos - deadline > 0) {
            Duration limit = phase.equals("start") ? within : phaseTimeout;
            steps.add(step(deadline, last, "timed out", phase + ": awaited " + awaited(phase) + " within "
                    + Durations.format(limit), false));
            return ended(new FotaOutcome.TimedOut(phase), phase, steps);
        }
        return new Reading(Optional.empty(), phase, awaited(phase), deadline, List.copyOf(steps));
    }

    /**
     * The phase a URC moves {@code phase} to: null when it says nothing about it, {@code !} when it is out of
     * order, {@code =reason} when it ends the update in failure, {@code done} when the result was reported.
     */
    private static String next(String phase, MiplUrc u) {
        if (u instanceof MiplEvent e) {
            int id = e.evtId();
            if (id == EventId.FIRMWARE_DOWNLOADING.id()) {
                return phase.equals("start") ? "download" : "!";
            }
            if (id == EventId.FIRMWARE_DOWNLOAD_FAILED.id()) {
                return phase.equals("download") ? "=the download failed (6.1.1)" : "!";
            }
            if (id == EventId.FIRMWARE_DOWNLOADED.id()) {
                return phase.equals("download") ? "downloaded" : "!";
            }
            if (id == EventId.FIRMWARE_UPDATING.id()) {
                return phase.equals("downloaded") ? "update" : "!";
            }
            if (id == EventId.REG_SUCCESS.id()) {
                return phase.equals("re-register") ? "erase" : null;
            }
            if (id == EventId.FIRMWARE_ERASE_SUCCESS.id()) {
                return phase.equals("erase") ? "report" : "!";
            }
            if (id == EventId.FIRMWARE_ERASE_FAIL.id()) {
                return phase.equals("erase") ? "=erasing the package failed (6.3)" : "!";
            }
            if (id == EventId.UPDATE_SUCCESS.id()) {
                return phase.equals("report") ? "done" : null;
            }
            return null;
        }
        if (u instanceof FotaStart) {
            return phase.equals("downloaded") || phase.equals("update") ? "update" : "!";
        }
        if (u instanceof FotaUpdating) {
            // after a cut while updating the module goes on at power-up (6.2): progress after a restart continues it
            return phase.equals("update") || phase.equals("restart") || phase.equals("downloaded") ? "update" : "!";
        }
        if (u instanceof Rdy) {
            return phase.equals("update") ? "restart" : null;
        }
        if (u instanceof FotaEnd end) {
            if (!phase.equals("update") && !phase.equals("restart")) {
                return "!";
            }
            return end.success() ? "re-register" : "=the update failed (5.10: upgrade_err " + end.upgradeErr() + ")";
        }
        return null;
    }

    private static String label(String next, MiplUrc u) {
        return switch (next) {
            case "download" -> "download started";
            case "downloaded" -> "downloaded";
            case "update" -> u instanceof FotaUpdating ? "update progress" : "update started";
            case "restart" -> "restarted";
            case "re-register" -> "update ended";
            case "erase" -> "registered again";
            case "report" -> "package erased";
            default -> "result reported";
        };
    }

    private FotaStep step(long at, long previous, String name, String detail, boolean ok) {
        return new FotaStep(wall.apply(at), name, detail, Duration.ofNanos(Math.max(0, at - previous)), ok);
    }

    private static Reading ended(FotaOutcome outcome, String phase, List<FotaStep> steps) {
        return new Reading(Optional.of(outcome), phase, awaited(phase), Long.MAX_VALUE, List.copyOf(steps));
    }
}
