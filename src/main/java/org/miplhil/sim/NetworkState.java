package org.miplhil.sim;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.miplhil.sim.profile.FirmwareProfile;

/**
 * The radio side of the virtual module: functionality (AT+CFUN), the attach and its data connection (AT+CGATT,
 * {@code +IP:}), EPS registration (AT+CEREG) and the RRC connection (AT+CSCON), with the URCs each change prints.
 * Runs on the module's thread; timers go through {@link Host#schedule}, which drops them on a power cycle.
 *
 * <p>What the module does on a change (docs/virtual-module.md "Network state"): detaching (AT+CFUN=0, AT+CGATT=0)
 * takes the data connection away at once, prints {@code +CEREG: 0} when AT+CEREG=1/2 asked for it and
 * {@code +CSCON: 0} when connected and AT+CSCON=1 asked for it; attaching (AT+CFUN=1, AT+CGATT=1) takes
 * {@code network.attach-time}, then prints {@code +CEREG: 1} (when asked for) and {@code +IP: <address>}.
 *
 * <p>The module's idle timing lives here, one chain of timers (docs/virtual-module.md "Network state"): data
 * (LwM2M traffic, a MIPL command that sends) brings the RRC connection up ({@code +CSCON: 1}); data and the MCU's
 * commands restart the idle time; {@code network.rrc-release-after} after the last of them the connection is
 * released ({@code +CSCON: 0}, idle mode: {@link Host#idle}, where light sleep may begin); the T3324 active time of
 * the PSM setting later the radio is in PSM ({@link Host#psm}, where deep sleep may begin) — never with PSM off
 * (AT+CPSMS=0) or T3324 deactivated. The sleep model ({@code sleep/SleepController}) only reacts to these.
 */
final class NetworkState {

    /** What the network state needs from the module. */
    interface Host {
        void urc(String line);

        void schedule(Duration delay, Runnable task);

        /** The data connection is up (MIPL commands work from now on). */
        void dataConnectionUp();

        /** The data connection is gone (AT+CFUN=0, AT+CGATT=0): the LwM2M registration is lost with it. */
        void dataConnectionLost();

        /** The idle time (re)started: data or a command keeps the module up. */
        default void active() {}

        /** The idle time ran out: the RRC connection is released, the radio is in idle mode. */
        default void idle() {}

        /** The T3324 active time ran out after the release: the radio is in PSM. */
        default void psm() {}
    }

    private final FirmwareProfile.Network profile;
    private final Host host;

    private int cfun;
    private boolean attached;
    /** Attach wanted (AT+CGATT=1, the default): the radio attaches whenever it is on. */
    private boolean attachWanted;
    private int ceregMode;
    private int csconMode;
    private boolean rrcConnected;
    private long generation;
    /** Counts restarts of the idle time: a T3324 timer of an older one is void. */
    private long idleGeneration;
    /**
     * The idle time's end ({@link System#nanoTime()}). One timer per module, not one per activity: an activity only
     * moves this deadline; the timer, when it fires before it, waits again for the rest (at one request every few
     * seconds a timer per activity kept {@code rrc-release-after / interval} void timers queued per module).
     */
    private long idleDeadline;
    /** The one idle timer is queued (for {@link #idleEpoch}). */
    private boolean idleTimerQueued;
    /** Bumped at power-up: the idle timer of an earlier power-on is void (the module thread drops it too). */
    private long idleEpoch;
    private int psmMode;
    private String psmTau;
    private String psmActive;
    private int edrxMode;
    private String edrxValue;

    NetworkState(FirmwareProfile profile, Host host) {
        this.profile = profile.network();
        this.host = host;
        powerUp(profile.at().cfun());
    }

    /** Every setting back to its power-up value; radio on as {@code cfun} says, not yet attached. */
    void powerUp(int cfunAtPowerUp) {
        cfun = cfunAtPowerUp;
        attached = false;
        attachWanted = true;
        ceregMode = profile.ceregMode();
        csconMode = 0;
        rrcConnected = false;
        generation++;
        idleGeneration++;
        idleEpoch++;
        idleTimerQueued = false;
        List<String> psm = splitPsm(profile.psm());
        psmMode = Integer.parseInt(psm.get(0));
        psmTau = psm.get(1);
        psmActive = psm.get(2);
        edrxMode = 0;
        edrxValue = profile.edrxValue();
    }

    /** {@code <mode>,,,"<tau>","<active>"} into mode, tau, active. */
    private static List<String> splitPsm(String text) {
        String[] f = text.split(",", -1);
        return List.of(f[0], f[3].replace("\"", ""), f[4].replace("\"", ""));
    }

    // ---------------------------------------------------------------- state

    int cfun() {
        return cfun;
    }

    boolean attached() {
        return attached;
    }

    /** {@code <stat>} of AT+CEREG: registered once attached, searching while the radio is on, else 0. */
    int ceregStat() {
        if (attached) {
            return profile.ceregAttached();
        }
        return cfun == 1 && attachWanted ? profile.ceregDetached() : 0;
    }

    int ceregMode() {
        return ceregMode;
    }

    int csconMode() {
        return csconMode;
    }

    boolean rrcConnected() {
        return rrcConnected;
    }

    FirmwareProfile.Network profile() {
        return profile;
    }

    // ---------------------------------------------------------------- changes

    /** The power-up step marked attach, or the end of an attach after AT+CFUN=1 / AT+CGATT=1. */
    void attachNow(boolean printIp) {
        if (attached) {
            return;
        }
        attached = true;
        ceregUrc();
        host.dataConnectionUp();
        if (printIp) {
            later("+IP: " + profile.ipAddress());
        }
    }

    /** AT+CFUN=0/1 (4 is "0 without saving", handled as 0). */
    void setCfun(int fun) {
        int now = fun == 1 ? 1 : 0;
        if (now == cfun) {
            return;
        }
        cfun = now;
        if (now == 0) {
            detach();
        } else if (attachWanted) {
            scheduleAttach();
        }
    }

    /** AT+CGATT=0/1. Attaching needs the radio on; the caller checks. */
    void setAttach(boolean attach) {
        attachWanted = attach;
        if (!attach) {
            detach();
        } else if (!attached) {
            scheduleAttach();
        }
    }

    void setCeregMode(int n) {
        ceregMode = n;
    }

    void setCsconMode(int n) {
        csconMode = n;
    }

    void setPsm(int mode, String tau, String active) {
        psmMode = mode == 2 ? 0 : mode; // 27.007 10.1.23: 2 disables and discards the parameters
        if (mode == 2) {
            List<String> psm = splitPsm(profile.psm());
            psmTau = psm.get(1);
            psmActive = psm.get(2);
        } else {
            psmTau = tau != null ? tau : psmTau;
            psmActive = active != null ? active : psmActive;
        }
    }

    /** {@code <mode>,,,"<T3412>","<T3324>"} as AT+CPSMS? prints it. */
    String psm() {
        return psmMode + ",,,\"" + psmTau + "\",\"" + psmActive + "\"";
    }

    void setEdrx(int mode, String value) {
        edrxMode = mode == 3 ? 0 : mode; // 27.007 7.40: 3 disables and resets to the default
        edrxValue = mode == 3 || value == null ? (mode == 3 ? profile.edrxValue() : edrxValue) : value;
    }

    int edrxMode() {
        return edrxMode;
    }

    String edrxValue() {
        return edrxValue;
    }

    /** LwM2M data went out or came in: the RRC connection is (or stays) up; the idle time starts again. */
    void dataActivity() {
        if (attached && !rrcConnected) {
            rrcConnected = true;
            csconUrc();
        }
        restartIdleTime();
    }

    /** A command of the MCU or a wake-up: the idle time starts again; the radio's state is unchanged. */
    void activity() {
        restartIdleTime();
    }

    private void restartIdleTime() {
        ++idleGeneration;
        host.active();
        idleDeadline = System.nanoTime() + profile.rrcReleaseAfter().toNanos();
        if (!idleTimerQueued) {
            idleTimerQueued = true;
            armIdleTimer(profile.rrcReleaseAfter());
        }
    }

    /** The one idle timer: at the deadline the connection is released; an activity since moved it further on. */
    private void armIdleTimer(Duration delay) {
        long epoch = idleEpoch;
        host.schedule(delay, () -> {
            if (epoch != idleEpoch) {
                return;
            }
            long left = idleDeadline - System.nanoTime();
            if (left > 0) {
                armIdleTimer(Duration.ofNanos(left));
                return;
            }
            idleTimerQueued = false;
            released(idleGeneration);
        });
    }

    /** Idle timers queued (0 or 1): what a module holds for its idle time, however often it is active. */
    int idleTimersQueued() {
        return idleTimerQueued ? 1 : 0;
    }

    private void released(long g) {
        if (rrcConnected) {
            rrcConnected = false;
            csconUrc();
        }
        host.idle();
        activeTime().ifPresent(t3324 -> host.schedule(t3324, () -> {
            if (g == idleGeneration && activeTime().isPresent()) {
                host.psm();
            }
        }));
    }

    /**
     * The T3324 active time from the RRC release to PSM, as the PSM setting has it now (the network is taken to grant
     * what the module requests); empty when there is no PSM: detached, AT+CPSMS=0, or T3324 deactivated.
     */
    Optional<Duration> activeTime() {
        return attached && psmMode == 1 ? gprsTimer2(psmActive) : Optional.empty();
    }

    /**
     * A GPRS Timer 2 value as AT+CPSMS writes it (8 bits, 3GPP TS 24.008 10.5.7.4): bits 8-6 the unit (000: 2 s,
     * 001: 1 min, 010: 6 min, 111: deactivated; other units are read as 1 min), bits 5-1 the count.
     */
    static Optional<Duration> gprsTimer2(String bits) {
        int v = Integer.parseInt(bits, 2);
        int count = v & 0x1f;
        return switch (v >> 5) {
            case 0 -> Optional.of(Duration.ofSeconds(2L * count));
            case 2 -> Optional.of(Duration.ofMinutes(6L * count));
            case 7 -> Optional.empty();
            default -> Optional.of(Duration.ofMinutes(count));
        };
    }

    private void detach() {
        generation++; // an attach under way is abandoned
        boolean was = attached;
        attached = false;
        if (rrcConnected) {
            rrcConnected = false; // the idle time runs on: the module still goes to sleep after it
            csconUrc();
        }
        if (was) {
            host.dataConnectionLost();
        }
        ceregUrc();
    }

    private void scheduleAttach() {
        long g = ++generation;
        ceregUrc(); // searching
        host.schedule(profile.attachTime(), () -> {
            if (g == generation && cfun == 1 && attachWanted) {
                attachNow(true);
            }
        });
    }

    // ---------------------------------------------------------------- URCs (XY1100 atc_cmd_proc.c)

    /** A URC goes out after the reply of the command that caused it (the state changed at once). */
    private void later(String line) {
        host.schedule(Duration.ZERO, () -> host.urc(line));
    }

    /** {@code +CEREG: <stat>} (n=1) or {@code +CEREG: <stat>,"<tac>","<ci>",<AcT>} (n>=2; empty fields when not registered). */
    private void ceregUrc() {
        if (ceregMode >= 1) {
            later("+CEREG: " + ceregFields());
        }
    }

    /** The fields after {@code +CEREG: } of the URC; the query puts {@code <n>,} in front. */
    String ceregFields() {
        int stat = ceregStat();
        if (ceregMode < 2) {
            return Integer.toString(stat);
        }
        boolean registered = stat == 1 || stat == 5;
        return registered ? stat + ",\"" + profile.tac() + "\",\"" + profile.cellId() + "\"," + profile.act()
                : stat + ",,,";
    }

    private void csconUrc() {
        if (csconMode >= 1) {
            later("+CSCON: " + (rrcConnected ? 1 : 0));
        }
    }
}
