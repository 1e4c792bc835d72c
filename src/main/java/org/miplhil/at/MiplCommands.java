package org.miplhil.at;

import java.util.List;

/**
 * Builds typed {@link MiplCommand}s from generic command lines. Parsing checks syntax and types
 * (parameter count, integers, quoting, the value against its valueType); {@link #validate}
 * checks the ranges of chapter 3. The two are separate so that a module can answer each kind of
 * mistake with its own error code.
 */
public final class MiplCommands {

    private MiplCommands() {}

    /** Parses the text of a command line; a line that is not a MIPL command of table 1 is Invalid. */
    public static Parsed<MiplCommand> parse(String line) {
        return AtCommandLine.parse(line).flatMap(MiplCommands::parse);
    }

    public static Parsed<MiplCommand> parse(ParsedCommand cmd) {
        if (cmd == null) {
            return Parsed.invalid("no command");
        }
        var name = MiplCommandName.of(cmd.name());
        if (name.isEmpty() || !cmd.isExtended()) {
            return Parsed.invalid("AT" + cmd.name() + " is not a MIPL command of table 1");
        }
        MiplCommandName n = name.get();
        if (!n.supports(cmd.form())) {
            return Parsed.invalid(n.section() + " lists no " + cmd.form() + " form of AT" + n.atName()
                    + " (it has " + n.forms() + ")");
        }
        switch (cmd.form()) {
            case TEST:
                return Parsed.ok(new MiplTest(n));
            case QUERY:
                return Parsed.ok(n == MiplCommandName.MIPLVER ? new MiplVer() : new MiplQuery(n));
            case EXEC:
                return Parsed.ok(new MiplCreate()); // the only EXEC form of table 1
            default:
                break;
        }
        List<Param> p = cmd.params();
        String what = "AT" + n.atName();
        return switch (n) {
            case MIPLCONFIG -> Fields.read(p, what, MiplConfig::read);
            case MIPLDELETE -> Fields.read(p, what, MiplDelete::read);
            case MIPLADDOBJ -> Fields.read(p, what, MiplAddObj::read);
            case MIPLDELOBJ -> Fields.read(p, what, MiplDelObj::read);
            case MIPLOPEN -> Fields.read(p, what, MiplOpen::read);
            case MIPLCLOSE -> Fields.read(p, what, MiplClose::read);
            case MIPLDISCOVERRSP -> Fields.read(p, what, MiplDiscoverRsp::read);
            case MIPLOBSERVERSP -> Fields.read(p, what, MiplObserveRsp::read);
            case MIPLREADRSP -> p.size() == 3 ? Fields.read(p, what, MiplReadRspFailure::read)
                    : Fields.read(p, what, MiplReadRsp::read);
            case MIPLWRITERSP -> Fields.read(p, what, MiplWriteRsp::read);
            case MIPLEXECUTERSP -> Fields.read(p, what, MiplExecuteRsp::read);
            case MIPLPARAMETERRSP -> Fields.read(p, what, MiplParameterRsp::read);
            case MIPLNOTIFY -> Fields.read(p, what, MiplNotify::read);
            case MIPLUPDATE -> Fields.read(p, what, MiplUpdate::read);
            case MIPLCREATE, MIPLVER -> Parsed.invalid("unreachable: " + n); // forms checked above
        };
    }

    /** The command, or the first range rule of chapter 3 it breaks (with the parameter's index). */
    public static Parsed<MiplCommand> validate(MiplCommand cmd) {
        return cmd.validate();
    }

    /** Parse, then validate. */
    public static Parsed<MiplCommand> parseAndValidate(String line) {
        return parse(line).flatMap(MiplCommand::validate);
    }
}
