package org.miplhil.dut.mcu;

import java.util.List;

/** What {@link McuApplication#teardown()} did, one line per step ({@code AT+MIPLCLOSE=0 -> OK}, ...). */
public record TeardownReport(List<String> steps) {

    public TeardownReport {
        steps = List.copyOf(steps);
    }

    @Override
    public String toString() {
        return String.join("\n", steps);
    }
}
