package org.miplhil.at;

import java.util.List;

/**
 * A MIPL command of table 1 as a typed record. {@link #format()} gives the exact line the harness
 * sends; {@link #violations()} the range rules of chapter 3 it breaks (empty when it breaks none).
 * Built from a command line by {@link MiplCommands#parse(ParsedCommand)}.
 */
public sealed interface MiplCommand permits MiplConfig, MiplCreate, MiplDelete, MiplVer, MiplAddObj,
        MiplDelObj, MiplOpen, MiplClose, MiplDiscoverRsp, MiplObserveRsp, MiplReadRsp, MiplWriteRsp,
        MiplExecuteRsp, MiplParameterRsp, MiplNotify, MiplUpdate, MiplTest, MiplQuery, MiplReadRspFailure {

    /** Which command of table 1 this is. */
    MiplCommandName command();

    /** Which form of table 2. */
    default ParsedCommand.Form form() {
        return ParsedCommand.Form.SET;
    }

    /** The parameters in the order of the command line. */
    List<Param> params();

    /** The command line without terminator, e.g. {@code AT+MIPLOPEN=0,86400}. */
    default String format() {
        return AtCommandLine.format(command().atName(), form(), params());
    }

    /** The chapter 3 range rules this command breaks; empty when none. */
    default List<Violation> violations() {
        return List.of();
    }

    /** As {@link #violations()}, with other valueType/len rules than the note's (only READRSP and NOTIFY have values). */
    default List<Violation> violations(ValueRules rules) {
        return violations();
    }

    /** This command, or the first rule it breaks. */
    default Parsed<MiplCommand> validate() {
        List<Violation> v = violations();
        return v.isEmpty() ? Parsed.ok(this) : v.get(0).toInvalid();
    }
}
