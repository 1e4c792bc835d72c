package org.miplhil.at;

import java.util.List;

/** 3.3.2 {@code AT+MIPLCREATE}; answered by {@code +MIPLCREATE: <ref>} ({@link MiplResponse.CreateInfo}). */
public record MiplCreate() implements MiplCommand {

    public static final MiplCommandName NAME = MiplCommandName.MIPLCREATE;

    public MiplCommandName command() {
        return NAME;
    }

    @Override
    public ParsedCommand.Form form() {
        return ParsedCommand.Form.EXEC;
    }

    public List<Param> params() {
        return List.of();
    }
}
