package org.miplhil.power;

import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of every power driver, in labgrid's two-function shape (its power backends are a {@code power_set} and
 * a {@code power_get}): a driver says how to switch ({@link #set}) and how to read the switch ({@link #get}); this
 * class does the rest —
 * <ul>
 *   <li>{@code on()}, {@code off()} and ({@link PowerSwitch#cycle}) the cycle, each within the driver's
 *       deadline ({@link #within}: the caller's thread by default, the port's or a worker thread where a hang in
 *       I/O must be cut off);</li>
 *   <li>the state this process last set, for switches that cannot be read ({@link #tracked});</li>
 *   <li>with {@code verify}, the read back after switching, in the same deadline: a device that reports the other
 *       state fails with {@link PowerException.Kind#STATE_MISMATCH};</li>
 *   <li>failures that name the driver, the target and the action ({@link #failure}), I/O errors and interrupts
 *       turned into {@link PowerException}s;</li>
 *   <li>a {@link PowerEvent} per action, with its timing, to the log (debug).</li>
 * </ul>
 * A new driver: a {@link PowerSpec} record (what the rack file says), a subclass here, a line in
 * {@link PowerSwitches#open}, and the rack loader's keys (docs/power.md).
 */
abstract class PowerDriver implements PowerSwitch {

    private static final Logger LOG = LoggerFactory.getLogger(PowerDriver.class);

    private final String driver;
    private final String target;
    private final Duration timeout;
    private final boolean verify;
    private volatile PowerState tracked = PowerState.UNKNOWN;

    /**
     * @param driver  the name in rack files
     * @param target  where the switch is (port and channel, host, chip and line); never a credential
     * @param timeout the deadline of each operation
     * @param verify  read the state back after switching (when the device can be read) and check it
     */
    protected PowerDriver(String driver, String target, Duration timeout, boolean verify) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.target = Objects.requireNonNull(target, "target");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.verify = verify;
    }

    /**
     * Switches the supply; returns once the device took the command. May throw {@link PowerException} (from
     * {@link #failure}), {@code IOException} (unreachable) or {@code InterruptedException}.
     */
    protected abstract void set(boolean on, Operations.Deadline deadline) throws Exception;

    /**
     * The state as the device reports it ({@link PowerReading#readBack}), or {@link #tracked} when this device
     * cannot be asked.
     *
     * @param action {@code STATE}, or the {@code ON}/{@code OFF} being verified (failures name it)
     */
    protected abstract PowerReading get(PowerAction action, Operations.Deadline deadline) throws Exception;

    /**
     * Runs one operation (a set and its check, or a get) within {@link #timeout()}. Here on the caller's thread;
     * drivers whose I/O can hang run it on their port's or worker's thread ({@link Operations}).
     */
    protected <T> T within(PowerAction action, Operations.Op<T> op) throws PowerException {
        try {
            return op.run(Operations.Deadline.after(timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Operations.wrap(driver, target, action, e);
        } catch (Exception e) {
            throw Operations.wrap(driver, target, action, e);
        }
    }

    /** How a read back that disagrees is told: "the board reports off after switching on". */
    protected String mismatch(PowerState now, PowerAction action) {
        return "the device reports " + now + " after switching " + action;
    }

    @Override
    public final String driver() {
        return driver;
    }

    @Override
    public final String target() {
        return target;
    }

    protected final Duration timeout() {
        return timeout;
    }

    @Override
    public final void on() throws PowerException {
        switchTo(true);
    }

    @Override
    public final void off() throws PowerException {
        switchTo(false);
    }

    @Override
    public final PowerReading state() throws PowerException {
        return PowerEvent.record(describe(), PowerAction.STATE, () -> within(PowerAction.STATE,
                deadline -> get(PowerAction.STATE, deadline)), PowerDriver::log);
    }

    private void switchTo(boolean on) throws PowerException {
        PowerAction action = PowerAction.of(on);
        PowerEvent.record(describe(), action, () -> within(action, deadline -> {
            set(on, deadline);
            tracked = PowerState.of(on);
            if (verify) {
                PowerReading now = get(action, deadline);
                if (now.origin() == PowerReading.Origin.READ_BACK && now.state() != PowerState.of(on)) {
                    throw failure(action, PowerException.Kind.STATE_MISMATCH, mismatch(now.state(), action));
                }
            }
            return null;
        }), PowerDriver::log);
    }

    /** The state this process last set ({@code unknown} before the first switch), and why it is not read back. */
    protected final PowerReading tracked(String note) {
        return PowerReading.tracked(tracked, note);
    }

    /** A failure of this switch: driver, target, action, and {@code detail} (what was seen, what was expected). */
    protected final PowerException failure(PowerAction action, PowerException.Kind kind, String detail) {
        return new PowerException(driver, target, action, kind, detail);
    }

    private static void log(PowerEvent event) {
        LOG.debug("{}", event);
    }
}
