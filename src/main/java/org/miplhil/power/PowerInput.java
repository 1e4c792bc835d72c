package org.miplhil.power;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The power input of a simulated module (the virtual BC260Y-CN): off makes it silent and loses its volatile state
 * while its serial port stays, as a UART adapter stays when the module's supply is cut.
 */
public interface PowerInput {

    void powerOff();

    void powerOn();

    boolean isPowered();

    /** A power input from three methods, e.g. {@code PowerInput.of(vm::powerOff, vm::powerOn, vm::isPowered)}. */
    static PowerInput of(Runnable powerOff, Runnable powerOn, BooleanSupplier isPowered) {
        Objects.requireNonNull(powerOff, "powerOff");
        Objects.requireNonNull(powerOn, "powerOn");
        Objects.requireNonNull(isPowered, "isPowered");
        return new PowerInput() {
            @Override
            public void powerOff() {
                powerOff.run();
            }

            @Override
            public void powerOn() {
                powerOn.run();
            }

            @Override
            public boolean isPowered() {
                return isPowered.getAsBoolean();
            }
        };
    }
}
