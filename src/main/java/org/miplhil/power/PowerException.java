package org.miplhil.power;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * A power switch failed: the relay did not answer, refused, answered nonsense, or cannot be reached. Always an
 * <b>infrastructure</b> failure (the lab, not the module under test): reports file it under
 * {@link #CATEGORY}. The message names the driver, the target (port, host, chip), the action and what happened,
 * and never contains a credential.
 */
public final class PowerException extends IOException {

    /** The report category of every power failure. */
    public static final String CATEGORY = "infrastructure";

    /** What went wrong, coarsely. */
    public enum Kind {
        /** No answer before the deadline. */
        TIMEOUT,
        /** The port, host, program or file could not be reached or used. */
        UNREACHABLE,
        /** The device answered with an error (HTTP 401, a non-zero exit code). */
        REFUSED,
        /** The device answered something that is not what the protocol says. */
        BAD_REPLY,
        /** The device reports a state other than the one just set. */
        STATE_MISMATCH,
        /** The switch is set up wrongly (a missing credential variable, a driver that cannot work here). */
        CONFIGURATION,
        /** The calling thread was interrupted. */
        INTERRUPTED;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    private final String driver;
    private final String target;
    private final PowerAction action;
    private final Kind kind;
    private final String detail;

    public PowerException(String driver, String target, PowerAction action, Kind kind, String detail, Throwable cause) {
        super("power " + driver + " " + target + ": " + action + " failed (" + kind + "): " + detail, cause);
        this.driver = Objects.requireNonNull(driver, "driver");
        this.target = Objects.requireNonNull(target, "target");
        this.action = Objects.requireNonNull(action, "action");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public PowerException(String driver, String target, PowerAction action, Kind kind, String detail) {
        this(driver, target, action, kind, detail, null);
    }

    /** The driver's name as written in rack files: {@code lcus}, {@code http}, ... */
    public String driver() {
        return driver;
    }

    /** Port, host, chip and line, or command: where the switch is. */
    public String target() {
        return target;
    }

    public PowerAction action() {
        return action;
    }

    public Kind kind() {
        return kind;
    }

    /** What happened, without the driver/target/action prefix. */
    public String detail() {
        return detail;
    }

    /** Always {@link #CATEGORY}: power failures are the lab's, never the module's. */
    public String category() {
        return CATEGORY;
    }
}
