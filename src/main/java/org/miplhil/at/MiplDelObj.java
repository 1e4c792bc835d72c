package org.miplhil.at;

import java.util.List;

/** 3.3.6 {@code AT+MIPLDELOBJ=<ref>,<objId>}. */
public record MiplDelObj(int ref, int objId) implements MiplCommand {

    public static final MiplCommandName NAME = MiplCommandName.MIPLDELOBJ;

    public MiplCommandName command() {
        return NAME;
    }

    public List<Param> params() {
        return new ParamList().add(ref).add(objId).list();
    }

    static MiplDelObj read(Fields f) {
        f.count(2, 2, "<ref>,<objId>");
        return new MiplDelObj(f.intAt(0, "ref"), f.intAt(1, "objId"));
    }

    @Override
    public List<Violation> violations() {
        return new Checks().range(0, "ref", ref, MiplRanges.REF, "3.3.6")
                .range(1, "objId", objId, MiplRanges.OBJ_ID, "3.3.6").list();
    }
}
