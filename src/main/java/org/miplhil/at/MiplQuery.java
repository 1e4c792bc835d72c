package org.miplhil.at;

import java.util.List;

/**
 * The query form {@code AT+<cmd>?} of a command that has one besides its own record
 * ({@code AT+MIPLCONFIG?}, 3.3.1; {@code AT+MIPLVER?} is {@link MiplVer}).
 */
public record MiplQuery(MiplCommandName command) implements MiplCommand {

    public MiplQuery {
        java.util.Objects.requireNonNull(command, "command");
    }

    @Override
    public ParsedCommand.Form form() {
        return ParsedCommand.Form.QUERY;
    }

    public List<Param> params() {
        return List.of();
    }
}
