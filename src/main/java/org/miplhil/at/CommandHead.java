package org.miplhil.at;

/**
 * The name and form of a command line (3.1.2, table 2), read without its parameters: what a module
 * needs to pick the command before it looks at the parameters. From {@link AtCommandLine#head}.
 *
 * @param name upper-cased command name as in {@link ParsedCommand#name()}
 * @param form which of the four command types of table 2
 * @param text the line as received (without terminator)
 */
public record CommandHead(String name, ParsedCommand.Form form, String text) {

    public CommandHead {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(form, "form");
        java.util.Objects.requireNonNull(text, "text");
    }

    /** True for extended commands such as {@code +MIPLOPEN}; false for basic ones and bare {@code AT}. */
    public boolean isExtended() {
        return name.startsWith("+");
    }
}
