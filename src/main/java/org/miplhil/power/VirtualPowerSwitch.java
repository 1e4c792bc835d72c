package org.miplhil.power;

import java.time.Duration;
import java.util.Objects;

/**
 * The virtual module's power input: off makes the module silent and forget its volatile state; its
 * pseudo-terminal stays open, as a UART adapter stays when a real module's supply is cut.
 */
public final class VirtualPowerSwitch extends PowerDriver {

    private final PowerInput input;
    private final Operations operations;

    public VirtualPowerSwitch(PowerInput input, String target, Duration timeout) {
        super("virtual", target, timeout, false);
        this.input = Objects.requireNonNull(input, "input");
        this.operations = new Operations("virtual");
    }

    public VirtualPowerSwitch(PowerInput input) {
        this(input, "virtual module", PowerSpec.DEFAULT_TIMEOUT);
    }

    /** On a worker: a module that hangs in its power-off cannot hang the caller past the deadline. */
    @Override
    protected <T> T within(PowerAction action, Operations.Op<T> op) throws PowerException {
        return operations.run(driver(), target(), action, timeout(), op, () -> { });
    }

    @Override
    protected void set(boolean on, Operations.Deadline deadline) {
        if (on) {
            input.powerOn();
        } else {
            input.powerOff();
        }
    }

    @Override
    protected PowerReading get(PowerAction action, Operations.Deadline deadline) {
        return PowerReading.readBack(PowerState.of(input.isPowered()));
    }

    @Override
    public void close() {
        operations.close();
    }
}
