package org.miplhil.learn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.miplhil.dut.Cursor;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.dut.UrcArrival;
import org.miplhil.dut.UrcMatcher;
import org.miplhil.power.PowerException;
import org.miplhil.power.WakePin;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.yaml.Durations;

/**
 * One deep-sleep cycle gives the {@code sleep} keys: with {@code AT+QSCLK=1} and no command, the module sleeps when
 * the network's idle timers run out (the RRC release, then T3324: docs/virtual-module.md "Sleep"); the first line
 * it writes then is {@code sleep.enter-deep-line}. A pulse on PSM_EINT wakes it: the first line after the pulse is
 * {@code sleep.exit-deep-line}, its delay after the falling edge {@code sleep.wake-time}. A line that comes before
 * the sleep and is no sleep's (a wake pulse then brings no line: the module was awake) learns nothing.
 */
final class SleepProbes {

    /** The keys, as the "not run" list names them. */
    static final String KEYS = "sleep.wake-time, sleep.enter-deep-line, sleep.exit-deep-line";
    /** Beyond the current profile's idle timers, how long the sleep may take to come. */
    static final Duration MARGIN = Duration.ofSeconds(10);
    /** After the pulse, how long the wake-up line may take beyond the current wake time. */
    static final Duration WAKE_MARGIN = Duration.ofSeconds(5);

    private final ModuleSession session;
    private final Function<String, Optional<Reply>> send;

    SleepProbes(ModuleSession session, Function<String, Optional<Reply>> send) {
        this.session = session;
        this.send = send;
    }

    List<Observation> run(FirmwareProfile current, WakePin pin) {
        List<Observation> out = new ArrayList<>();
        ProbeRunner.RESET.forEach(send::apply);
        Optional<Reply> qsclk = send.apply("AT+QSCLK=1");
        if (qsclk.isEmpty() || !qsclk.get().isOk()) {
            String a = "AT+QSCLK=1 -> " + UartTextProbes.text(qsclk);
            return List.of(none("sleep.enter-deep-line", a), none("sleep.exit-deep-line", a), none("sleep.wake-time", a));
        }
        Duration within = idle(current).plus(MARGIN);
        Cursor quiet = session.now();
        UrcArrival<?> enter;
        try {
            enter = session.expectUrc(quiet, UrcMatcher.any(), within);
        } catch (DeadlineExceeded e) {
            enter = null;
        }
        Cursor beforePulse = session.now();
        long edge = System.nanoTime();
        try {
            pin.pulse();
        } catch (PowerException e) {
            String a = "the wake pin failed: " + e.getMessage();
            return List.of(none("sleep.enter-deep-line", a), none("sleep.exit-deep-line", a), none("sleep.wake-time", a));
        }
        UrcArrival<?> exit;
        try {
            exit = session.expectUrc(new Cursor(beforePulse.index(), edge), UrcMatcher.any(),
                    current.sleep().wakeTime().plus(WAKE_MARGIN));
        } catch (DeadlineExceeded e) {
            exit = null;
        }
        String idleText = Durations.format(within);
        if (exit == null) {
            // no wake-up line: either no sleep (the first line was another's) or a firmware that writes none
            String a = (enter == null ? "no line within " + idleText + " of AT+QSCLK=1" : "after AT+QSCLK=1: " + enter.text())
                    + "; a PSM_EINT pulse then brought no line within " + Durations.format(current.sleep().wakeTime()
                    .plus(WAKE_MARGIN)) + " (no deep sleep seen)";
            out.add(none("sleep.enter-deep-line", a));
            out.add(none("sleep.exit-deep-line", a));
            out.add(none("sleep.wake-time", a));
        } else {
            Duration wake = Duration.ofNanos(exit.nanoTime() - edge);
            out.add(enter == null
                    ? none("sleep.enter-deep-line", "no line within " + idleText + " of AT+QSCLK=1, yet a PSM_EINT pulse woke "
                            + "the module (" + exit.text() + "): it sleeps without a line (the profile writes '' for none)")
                    : new Observation("sleep.enter-deep-line", enter.text(), ValueType.TEXT, enter.text() + " "
                            + Duration.ofNanos(enter.nanoTime() - quiet.nanoTime()).toMillis() + " ms after AT+QSCLK=1"));
            out.add(new Observation("sleep.exit-deep-line", exit.text(), ValueType.TEXT, exit.text() + " after a PSM_EINT pulse"));
            Duration cur = current.sleep().wakeTime();
            boolean agrees = wake.minus(cur).abs().compareTo(LearnedProfile.TIMING_TOLERANCE) <= 0;
            out.add(new Observation("sleep.wake-time", agrees ? Durations.format(cur) : wake.toMillis() + "ms",
                    ValueType.DURATION, exit.text() + " " + wake.toMillis() + " ms after the PSM_EINT falling edge"));
        }
        // awake again: the probes after this one start from the reset as always
        ProbeRunner.RESET.forEach(send::apply);
        return out;
    }

    private static Observation none(String key, String answer) {
        return new Observation(key, "", key.equals("sleep.wake-time") ? ValueType.DURATION : ValueType.TEXT, answer);
    }

    /**
     * The current profile's idle time before deep sleep: the RRC release after the last command, then the T3324 of
     * its PSM setting (GPRS Timer 2, 3GPP TS 24.008 10.5.7.4: unit 000 2 s, 001 1 min, 010 6 min, 111 off).
     */
    static Duration idle(FirmwareProfile current) {
        Duration t3324 = Duration.ofSeconds(30);
        String[] f = current.network().psm().split(",", -1);
        if (f.length > 4) {
            String bits = f[4].replace("\"", "").strip();
            if (bits.matches("[01]{8}")) {
                int v = Integer.parseInt(bits, 2);
                int count = v & 0x1f;
                t3324 = switch (v >> 5) {
                    case 0 -> Duration.ofSeconds(2L * count);
                    case 2 -> Duration.ofMinutes(6L * count);
                    case 7 -> Duration.ZERO;
                    default -> Duration.ofMinutes(count);
                };
            }
        }
        return current.network().rrcReleaseAfter().plus(t3324);
    }
}
