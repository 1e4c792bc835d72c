package org.miplhil.at;

import java.util.List;
import java.util.OptionalInt;

/** 3.3.16 {@code AT+MIPLUPDATE=<ref>,<lifetime>,<withObjectFlag>[,<raiMode>]}. */
public record MiplUpdate(int ref, long lifetime, int withObjectFlag, OptionalInt raiMode) implements MiplCommand {

    public static final MiplCommandName NAME = MiplCommandName.MIPLUPDATE;

    public MiplUpdate {
        java.util.Objects.requireNonNull(raiMode, "raiMode");
    }

    public MiplUpdate(int ref, long lifetime, int withObjectFlag) {
        this(ref, lifetime, withObjectFlag, OptionalInt.empty());
    }

    public MiplCommandName command() {
        return NAME;
    }

    public List<Param> params() {
        return new ParamList().add(ref).add(lifetime).add(withObjectFlag).opt(raiMode).list();
    }

    /** 3.3.16: 0 means 3600 s. */
    public long effectiveLifetime() {
        return lifetime == 0 ? MiplRanges.LIFETIME_ZERO_MEANS : lifetime;
    }

    static MiplUpdate read(Fields f) {
        f.count(3, 4, "<ref>,<lifetime>,<withObjectFlag>[,<raiMode>]");
        return new MiplUpdate(f.intAt(0, "ref"), f.longAt(1, "lifetime"), f.intAt(2, "withObjectFlag"),
                f.optInt(3, "raiMode"));
    }

    @Override
    public List<Violation> violations() {
        return new Checks().range(0, "ref", ref, MiplRanges.REF, "3.3.16")
                .lifetime(1, lifetime, "3.3.16")
                .range(2, "withObjectFlag", withObjectFlag, MiplRanges.WITH_OBJECT_FLAG, "3.3.16")
                .range(3, "raiMode", raiMode, MiplRanges.RAI_MODE, "3.3.16").list();
    }
}
