package org.miplhil.at;

import java.util.List;

/** 3.3.8 {@code AT+MIPLCLOSE=<ref>}. */
public record MiplClose(int ref) implements MiplCommand {

    public static final MiplCommandName NAME = MiplCommandName.MIPLCLOSE;

    public MiplCommandName command() {
        return NAME;
    }

    public List<Param> params() {
        return new ParamList().add(ref).list();
    }

    static MiplClose read(Fields f) {
        f.count(1, 1, "<ref>");
        return new MiplClose(f.intAt(0, "ref"));
    }

    @Override
    public List<Violation> violations() {
        return new Checks().range(0, "ref", ref, MiplRanges.REF, "3.3.8").list();
    }
}
