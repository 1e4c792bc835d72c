package org.miplhil.at;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A command line split by the generic syntax of 3.1.2 / table 2.
 *
 * @param name   upper-cased command name after the {@code AT} prefix: {@code "+MIPLOPEN"},
 *               {@code "I"}, {@code "E0"}, {@code "&F"}; empty for a bare {@code AT}
 * @param form   which of the four command types of table 2
 * @param params the parameters of a SET form (empty parameters kept as empty); empty otherwise
 * @param text   the line as received (without terminator)
 */
public record ParsedCommand(String name, Form form, List<Param> params, String text) {

    /** Table 2: test {@code AT+<cmd>=?}, query {@code AT+<cmd>?}, set {@code AT+<cmd>=<p1>[,...]}, execute {@code AT+<cmd>}. */
    public enum Form { TEST, QUERY, SET, EXEC }

    public ParsedCommand {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(form, "form");
        params = List.copyOf(params);
        text = text == null ? "" : text;
    }

    public ParsedCommand(String name, Form form, List<Param> params) {
        this(name, form, params, null);
    }

    /** True for extended commands such as {@code +MIPLOPEN}; false for basic ones ({@code I}, {@code E0}) and bare {@code AT}. */
    public boolean isExtended() {
        return name.startsWith("+");
    }

    /** The name and form alone. */
    public CommandHead head() {
        return new CommandHead(name, form, text);
    }

    public Param param(int index) {
        return params.get(index);
    }

    /** The canonical text: {@code AT} + name + form suffix + parameters, quoted ones re-quoted. */
    public String format() {
        return AtCommandLine.format(name, form, params);
    }

    @Override
    public String toString() {
        return format();
    }

    static String joinParams(List<Param> params) {
        return params.stream().map(Param::format).collect(Collectors.joining(","));
    }
}
