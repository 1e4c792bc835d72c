package org.miplhil.at;

import java.util.List;

/** The test form {@code AT+<cmd>=?} of any command whose section lists one. */
public record MiplTest(MiplCommandName command) implements MiplCommand {

    public MiplTest {
        java.util.Objects.requireNonNull(command, "command");
    }

    @Override
    public ParsedCommand.Form form() {
        return ParsedCommand.Form.TEST;
    }

    public List<Param> params() {
        return List.of();
    }
}
