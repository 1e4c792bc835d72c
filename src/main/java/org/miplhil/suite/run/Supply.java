package org.miplhil.suite.run;

/** The module's power input as the executor switches it: the virtual module's, or a relay of the rack. */
interface Supply {

    void off() throws Exception;

    void on() throws Exception;

    /** What is switched, for the report: {@code virtual power input}, {@code lcus /dev/ttyUSB1 channel 1}. */
    String describe();
}
