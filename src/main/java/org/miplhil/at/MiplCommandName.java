package org.miplhil.at;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static org.miplhil.at.ParsedCommand.Form.EXEC;
import static org.miplhil.at.ParsedCommand.Form.QUERY;
import static org.miplhil.at.ParsedCommand.Form.SET;
import static org.miplhil.at.ParsedCommand.Form.TEST;

/** The 16 commands of table 1, with the forms their section lists. */
public enum MiplCommandName {
    MIPLCONFIG("3.3.1", EnumSet.of(TEST, QUERY, SET)),
    MIPLCREATE("3.3.2", EnumSet.of(EXEC)),
    MIPLDELETE("3.3.3", EnumSet.of(TEST, SET)),
    MIPLVER("3.3.4", EnumSet.of(QUERY)),
    MIPLADDOBJ("3.3.5", EnumSet.of(TEST, SET)),
    MIPLDELOBJ("3.3.6", EnumSet.of(TEST, SET)),
    MIPLOPEN("3.3.7", EnumSet.of(TEST, SET)),
    MIPLCLOSE("3.3.8", EnumSet.of(TEST, SET)),
    MIPLDISCOVERRSP("3.3.9", EnumSet.of(TEST, SET)),
    MIPLOBSERVERSP("3.3.10", EnumSet.of(TEST, SET)),
    MIPLREADRSP("3.3.11", EnumSet.of(TEST, SET)),
    MIPLWRITERSP("3.3.12", EnumSet.of(TEST, SET)),
    MIPLEXECUTERSP("3.3.13", EnumSet.of(TEST, SET)),
    MIPLPARAMETERRSP("3.3.14", EnumSet.of(TEST, SET)),
    MIPLNOTIFY("3.3.15", EnumSet.of(TEST, SET)),
    MIPLUPDATE("3.3.16", EnumSet.of(TEST, SET));

    private final String section;
    private final Set<ParsedCommand.Form> forms;

    MiplCommandName(String section, Set<ParsedCommand.Form> forms) {
        this.section = section;
        this.forms = forms;
    }

    /** The name as it follows {@code AT}: {@code "+MIPLOPEN"}. */
    public String atName() {
        return "+" + name();
    }

    public String section() {
        return section;
    }

    public Set<ParsedCommand.Form> forms() {
        return java.util.Collections.unmodifiableSet(forms);
    }

    public boolean supports(ParsedCommand.Form form) {
        return forms.contains(form);
    }

    /** The test command line, e.g. {@code AT+MIPLOPEN=?}. */
    public String testLine() {
        return "AT" + atName() + "=?";
    }

    /** The query command line, e.g. {@code AT+MIPLCONFIG?}. */
    public String queryLine() {
        return "AT" + atName() + "?";
    }

    /** By name, with or without {@code +} / {@code AT+}, any case; canonical names only (see {@link MiplNames#canonical}). */
    public static Optional<MiplCommandName> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.toUpperCase(Locale.ROOT);
        if (n.startsWith("AT")) {
            n = n.substring(2);
        }
        if (n.startsWith("+")) {
            n = n.substring(1);
        }
        for (MiplCommandName c : values()) {
            if (c.name().equals(n)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
