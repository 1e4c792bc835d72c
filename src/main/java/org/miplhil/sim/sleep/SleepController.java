package org.miplhil.sim.sleep;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.miplhil.sim.profile.FirmwareProfile;

/**
 * When the virtual module sleeps and what wakes it (AT+QSCLK; docs/virtual-module.md "Sleep"). Runs on the module's
 * thread: every method is called there, and the host's timers run there.
 *
 * <p>The controller runs no idle timer of its own: the radio's idle timing does (the module's {@code NetworkState},
 * docs/virtual-module.md "Network state"). Activity (a command, a request or event of the LwM2M side, a wake-up)
 * restarts it through {@link Host#restartIdleTime()}; when the RRC connection is released ({@link #rrcReleased()})
 * the module goes to light sleep with {@code AT+QSCLK} 1 or 2; when the radio reaches PSM, the T3324 active time
 * later ({@link #psmReached()}), it goes on to deep sleep with 1, writing {@code enter-deep-line}. With 0 it never
 * sleeps (7.1 remark 1). Nothing of the module's settings is touched: what the note calls "valid after deep-sleep
 * wake-up" stays, because deep sleep is not a power loss.
 *
 * <p>Deep sleep ends with the PSM_EINT falling edge ({@link #wakePin()}: the wake-up line after {@code wake-time})
 * or the module's own timer ({@link #wakeByTimer()}: at once, e.g. the lifetime update of auto_update=1, 3.3.1
 * remark 2). Light sleep ends with UART bytes or a downlink.
 */
public final class SleepController {

    /** What the controller needs from the module. */
    public interface Host {
        /** Runs {@code task} later on the module thread; dropped when the power is cycled meanwhile. */
        Cancellable schedule(Duration delay, Runnable task);

        /** Writes a URC. */
        void urc(String line);

        /** The radio's idle time starts again (the RRC release and PSM move later); light sleep ends. */
        void restartIdleTime();

        /** The LwM2M client receives from the network ({@code true}) or not (deep sleep: PSM). */
        void radio(boolean on);

        /** Nothing in progress holds the module awake (a command, a registration, a DFOTA). */
        boolean mayRest();

        /** Something worth a line in the module's log. */
        void note(String message);
    }

    /** A scheduled task. */
    public interface Cancellable {
        void cancel();
    }

    private static final Cancellable NONE = () -> { };

    private final FirmwareProfile.Sleep settings;
    private final Host host;
    private final List<Consumer<SleepState>> listeners = new CopyOnWriteArrayList<>();

    private boolean powered;
    private int qsclk;
    private SleepState state = SleepState.AWAKE;
    /** Between the PSM_EINT edge and the wake-up line: still deaf. */
    private boolean waking;
    private Cancellable wakeTimer = NONE;
    private volatile SleepState view = SleepState.AWAKE;
    private volatile int qsclkView;

    public SleepController(FirmwareProfile.Sleep settings, Host host) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.host = Objects.requireNonNull(host, "host");
    }

    /** Told of every state change, on the module thread. */
    public void addListener(Consumer<SleepState> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Consumer<SleepState> listener) {
        listeners.remove(listener);
    }

    /** The state now (any thread). */
    public SleepState state() {
        return view;
    }

    // ---------------------------------------------------------------- power

    /** Power-on: awake, AT+QSCLK back to its power-up value (the SDK sets sleep_mode 1 at every power-on). */
    public void powerOn(int qsclkAtPowerUp) {
        cancelAll();
        powered = true;
        qsclk = qsclkAtPowerUp;
        qsclkView = qsclk;
        waking = false;
        host.radio(true);
        set(SleepState.AWAKE);
    }

    /** The module is ready (its first power-up line): the idle time starts. */
    public void ready() {
        activity();
    }

    /** Power-off: nothing runs, nothing sleeps. */
    public void powerOff() {
        cancelAll();
        powered = false;
        waking = false;
        host.radio(true); // the next power-on starts with a fresh client anyway
        set(SleepState.AWAKE);
    }

    // ---------------------------------------------------------------- AT+QSCLK

    public int qsclk() {
        return qsclkView;
    }

    /** {@code AT+QSCLK=<n>} (0..2): the idle time restarts under the new mode. */
    public void qsclk(int n) {
        qsclk = n;
        qsclkView = n;
        activity();
    }

    // ---------------------------------------------------------------- what the module reports

    /** Data or a command: the module stays up; the radio's idle time starts again. */
    public void activity() {
        if (!powered || state == SleepState.DEEP_SLEEP || waking) {
            return;
        }
        host.restartIdleTime();
    }

    /** The radio's idle time (re)started: light sleep ends. */
    public void idleTimeRestarted() {
        if (powered && state == SleepState.LIGHT_SLEEP) {
            set(SleepState.AWAKE);
        }
    }

    /**
     * Bytes arrived on the main UART. Returns whether the module reads them: not in deep sleep nor while waking up
     * from it (the UART is no wake-up source of deep sleep: they are lost); light sleep wakes up and reads them.
     */
    public boolean uartBytes() {
        if (!powered) {
            return false;
        }
        if (state == SleepState.DEEP_SLEEP || waking) {
            return false;
        }
        if (state == SleepState.LIGHT_SLEEP) {
            host.note("light sleep: woken by the main UART");
            activity();
        }
        return true;
    }

    /** A request from the network. Returns whether it is received: not in deep sleep (PSM); idle mode is paged. */
    public boolean downlink() {
        if (!powered || state == SleepState.DEEP_SLEEP || waking) {
            return false;
        }
        activity();
        return true;
    }

    // ---------------------------------------------------------------- wake-ups

    /**
     * A falling edge on PSM_EINT. Deep sleep: the wake-up line follows after {@code wake-time}, commands are read
     * from then on. Light sleep: awake at once. Returns whether the module was asleep.
     */
    public boolean wakePin() {
        if (!powered) {
            return false;
        }
        if (state == SleepState.DEEP_SLEEP) {
            if (!waking) {
                waking = true;
                host.radio(true);
                wakeTimer = host.schedule(settings.wakeTime(), () -> finishWake(WakeCause.PSM_EINT));
            }
            return true;
        }
        if (state == SleepState.LIGHT_SLEEP) {
            host.note("light sleep: woken by PSM_EINT");
            activity();
            return true;
        }
        return false;
    }

    /**
     * The module's own timer fired (the lifetime update of auto_update=1, 3.3.1 remark 2): out of deep sleep at once,
     * the wake-up line first, so the MCU sees it before what the timer brings.
     */
    public void wakeByTimer() {
        if (powered && state == SleepState.DEEP_SLEEP) {
            finishWake(WakeCause.TIMER);
        } else {
            activity();
        }
    }

    private void finishWake(WakeCause cause) {
        if (!powered || state != SleepState.DEEP_SLEEP) {
            return;
        }
        wakeTimer.cancel();
        wakeTimer = NONE;
        waking = false;
        host.radio(true);
        host.note("deep sleep: woken by " + cause);
        set(SleepState.AWAKE);
        if (!settings.exitDeepLine().isEmpty()) {
            host.urc(settings.exitDeepLine());
        }
        activity();
    }

    // ---------------------------------------------------------------- going to sleep

    /** The RRC connection is released (idle mode): light sleep with AT+QSCLK 1 or 2, unless something still runs. */
    public void rrcReleased() {
        if (!powered || qsclk == 0 || state != SleepState.AWAKE || waking) {
            return; // 7.1 remark 1: AT+QSCLK=0 keeps the module working
        }
        if (!host.mayRest()) {
            host.restartIdleTime(); // something still runs: try again a full idle time later
            return;
        }
        set(SleepState.LIGHT_SLEEP);
    }

    /** The radio is in PSM (T3324 after the release): deep sleep with AT+QSCLK=1, unless something still runs. */
    public void psmReached() {
        if (!powered || qsclk != 1 || state != SleepState.LIGHT_SLEEP) {
            return;
        }
        if (!host.mayRest()) {
            host.restartIdleTime();
            return;
        }
        if (!settings.enterDeepLine().isEmpty()) {
            host.urc(settings.enterDeepLine());
        }
        host.radio(false);
        set(SleepState.DEEP_SLEEP);
    }

    private void cancelAll() {
        wakeTimer.cancel();
        wakeTimer = NONE;
    }

    private void set(SleepState next) {
        if (state == next && view == next) {
            return;
        }
        state = next;
        view = next;
        for (Consumer<SleepState> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                host.note("sleep listener failed: " + e);
            }
        }
    }
}
