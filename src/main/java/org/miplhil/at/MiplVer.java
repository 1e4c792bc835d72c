package org.miplhil.at;

import java.util.List;

/** 3.3.4 {@code AT+MIPLVER?}; answered by {@code +MIPLVER: <version>} ({@link MiplResponse.VerInfo}). */
public record MiplVer() implements MiplCommand {

    public static final MiplCommandName NAME = MiplCommandName.MIPLVER;

    public MiplCommandName command() {
        return NAME;
    }

    @Override
    public ParsedCommand.Form form() {
        return ParsedCommand.Form.QUERY;
    }

    public List<Param> params() {
        return List.of();
    }
}
