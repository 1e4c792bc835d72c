package org.miplhil.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands beyond the 16 MIPL commands that the virtual module answers ({@link GeneralCommands} and
 * {@code AT+QSCLK}), as names after {@code AT}: for tools that enumerate them (the generated mutant space). The
 * MIPL commands are {@link org.miplhil.at.MiplCommandName}.
 */
public final class AnsweredCommands {

    private AnsweredCommands() {}

    /** V.250 basic commands: {@code ""} (bare {@code AT}), {@code "E"} ({@code ATE0}/{@code ATE1}), {@code "I"}. */
    public static List<String> basic() {
        return GeneralCommands.BASIC;
    }

    /** Extended commands, {@code "+CFUN"}, ..., {@code "+QSCLK"}, in a fixed order. */
    public static List<String> extended() {
        List<String> out = new ArrayList<>(GeneralCommands.EXTENDED);
        out.add(QsclkCommand.NAME);
        return List.copyOf(out);
    }
}
