package org.miplhil.at;

import java.util.List;

/** 3.3.3 {@code AT+MIPLDELETE=<ref>}. */
public record MiplDelete(int ref) implements MiplCommand {

    public static final MiplCommandName NAME = MiplCommandName.MIPLDELETE;

    public MiplCommandName command() {
        return NAME;
    }

    public List<Param> params() {
        return new ParamList().add(ref).list();
    }

    static MiplDelete read(Fields f) {
        f.count(1, 1, "<ref>");
        return new MiplDelete(f.intAt(0, "ref"));
    }

    @Override
    public List<Violation> violations() {
        return new Checks().range(0, "ref", ref, MiplRanges.REF, "3.3.3").list();
    }
}
