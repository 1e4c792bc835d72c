package org.miplhil.power;

import java.time.Duration;
import java.util.Objects;

/**
 * The virtual module's power input: off makes the module silent and forget its volatile state; its
 * pseudo-terminal stays open, as a UART adapter stays when a real module's supply is cut.
 */
public final class VirtualPowerSwitch implements PowerSwitch {

    private final PowerInput input;
    private final String target;
    private final Duration timeout;
    private final Operations operations;

    public VirtualPowerSwitch(PowerInput input, String target, Duration timeout) {
        this.input = Objects.requireNonNull(input, "input");
        this.target = Objects.requireNonNull(target, "target");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.operations = new Operations("virtual");
    }

    public VirtualPowerSwitch(PowerInput input) {
        this(input, "virtual module", PowerSpec.DEFAULT_TIMEOUT);
    }

    @Override
    public String driver() {
        return "virtual";
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public void on() throws PowerException {
        operations.run(driver(), target, PowerAction.ON, timeout, deadline -> {
            input.powerOn();
            return null;
        }, () -> { });
    }

    @Override
    public void off() throws PowerException {
        operations.run(driver(), target, PowerAction.OFF, timeout, deadline -> {
            input.powerOff();
            return null;
        }, () -> { });
    }

    @Override
    public PowerReading state() throws PowerException {
        return operations.run(driver(), target, PowerAction.STATE, timeout,
                deadline -> PowerReading.readBack(PowerState.of(input.isPowered())), () -> { });
    }

    @Override
    public void close() {
        operations.close();
    }
}
