package org.miplhil.suite.run;

import org.miplhil.power.PowerSwitch;

/** The module's power input as the executor switches it: the virtual module's, or a relay of the rack. */
interface Supply {

    void off() throws Exception;

    void on() throws Exception;

    /** What is switched, for the report: {@code virtual virtual module}, {@code lcus /dev/ttyUSB1 channel 1}. */
    String describe();

    /** A switch of the power package; its failures are {@code PowerException}s (infrastructure). */
    static Supply of(PowerSwitch power) {
        return new Supply() {
            @Override
            public void off() throws Exception {
                power.off();
            }

            @Override
            public void on() throws Exception {
                power.on();
            }

            @Override
            public String describe() {
                return power.describe();
            }
        };
    }
}
