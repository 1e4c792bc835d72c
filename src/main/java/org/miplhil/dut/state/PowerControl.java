package org.miplhil.dut.state;

/**
 * The module's supply as a {@link ModuleStrategy} switches it: labgrid's two functions. A relay of the rack
 * ({@code org.miplhil.power.PowerSwitch}: {@code PowerControl.of(sw::on, sw::off, sw.describe())}) or the virtual
 * module's power input. Each call returns once the switch did it, or throws.
 */
public interface PowerControl {

    void on() throws Exception;

    void off() throws Exception;

    /** What is switched, for messages: {@code lcus /dev/ttyUSB1 channel 1}. */
    default String describe() {
        return "power control";
    }

    /** A switch action. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    static PowerControl of(Action on, Action off, String description) {
        return new PowerControl() {
            @Override
            public void on() throws Exception {
                on.run();
            }

            @Override
            public void off() throws Exception {
                off.run();
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }
}
