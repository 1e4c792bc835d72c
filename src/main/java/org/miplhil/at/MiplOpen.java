package org.miplhil.at;

import java.util.List;
import java.util.OptionalInt;

/** 3.3.7 {@code AT+MIPLOPEN=<ref>,<lifetime>[,<timeout>]}. */
public record MiplOpen(int ref, long lifetime, OptionalInt timeout) implements MiplCommand {

    public static final MiplCommandName NAME = MiplCommandName.MIPLOPEN;

    public MiplOpen {
        java.util.Objects.requireNonNull(timeout, "timeout");
    }

    public MiplOpen(int ref, long lifetime) {
        this(ref, lifetime, OptionalInt.empty());
    }

    public MiplOpen(int ref, long lifetime, int timeout) {
        this(ref, lifetime, OptionalInt.of(timeout));
    }

    public MiplCommandName command() {
        return NAME;
    }

    public List<Param> params() {
        return new ParamList().add(ref).add(lifetime).opt(timeout).list();
    }

    /** 3.3.7: 0 means 3600 s. */
    public long effectiveLifetime() {
        return lifetime == 0 ? MiplRanges.LIFETIME_ZERO_MEANS : lifetime;
    }

    /** 3.3.7: default 30 s. */
    public int effectiveTimeout() {
        return timeout.orElse(MiplRanges.TIMEOUT_DEFAULT);
    }

    static MiplOpen read(Fields f) {
        f.count(2, 3, "<ref>,<lifetime>[,<timeout>]");
        return new MiplOpen(f.intAt(0, "ref"), f.longAt(1, "lifetime"), f.optInt(2, "timeout"));
    }

    @Override
    public List<Violation> violations() {
        return new Checks().range(0, "ref", ref, MiplRanges.REF, "3.3.7")
                .lifetime(1, lifetime, "3.3.7")
                .range(2, "timeout", timeout, MiplRanges.TIMEOUT, "3.3.7").list();
    }
}
