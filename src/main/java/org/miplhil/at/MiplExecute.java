package org.miplhil.at;

import java.util.Optional;
import java.util.OptionalInt;

/** 5.5 {@code +MIPLEXECUTE: <ref>,<msgId>,<objId>,<insId>,<resId>[,<len>,<arguments>]}; 7.5 prints {@code 5,"reset"}. */
public record MiplExecute(int ref, long msgId, int objId, int insId, int resId, OptionalInt len,
                          Optional<String> arguments) implements MiplRequest {

    public static final String PREFIX = "+MIPLEXECUTE";

    /** The fields after the prefix, in order, as table 4 / 5.5 writes them ({@code [...]}: optional). */
    public static final String SYNTAX = "<ref>,<msgId>,<objId>,<insId>,<resId>[,<len>,<arguments>]";

    @Override
    public RequestType kind() {
        return RequestType.EXECUTE;
    }

    @Override
    public RequestPath path() {
        return new RequestPath(objId, insId, resId);
    }

    public MiplExecute {
        java.util.Objects.requireNonNull(len, "len");
        java.util.Objects.requireNonNull(arguments, "arguments");
        if (len.isPresent() != arguments.isPresent()) {
            throw new IllegalArgumentException("<len> and <arguments> go together (5.5)");
        }
    }

    public MiplExecute(int ref, long msgId, int objId, int insId, int resId) {
        this(ref, msgId, objId, insId, resId, OptionalInt.empty(), Optional.empty());
    }

    /** With arguments, len computed as their byte length. */
    public MiplExecute(int ref, long msgId, int objId, int insId, int resId, String arguments) {
        this(ref, msgId, objId, insId, resId,
                OptionalInt.of(arguments.getBytes(java.nio.charset.StandardCharsets.UTF_8).length), Optional.of(arguments));
    }

    public String prefix() {
        return PREFIX;
    }

    public String format() {
        return PREFIX + ": " + ParamList.join(new ParamList().add(ref).add(msgId).add(objId).add(insId).add(resId)
                .opt(len).optQuoted(arguments).list());
    }

    static MiplExecute read(Fields f) {
        f.countOneOf(SYNTAX, 5, 7);
        return new MiplExecute(f.intAt(0, "ref"), f.longAt(1, "msgId"), f.intAt(2, "objId"), f.intAt(3, "insId"),
                f.intAt(4, "resId"), f.optInt(5, "len"), f.optString(6, "arguments"));
    }

    @Override
    public java.util.List<Violation> violations() {
        Checks c = new Checks().range(0, "ref", ref, MiplRanges.REF, "5.5").range(1, "msgId", msgId, MiplRanges.MSG_ID, "5.5")
                .range(2, "objId", objId, MiplRanges.OBJ_ID, "5.5").range(3, "insId", insId, MiplRanges.INS_ID, "5.5")
                .range(4, "resId", resId, MiplRanges.RES_ID, "5.5");
        if (len.isPresent() && arguments.isPresent()) {
            int actual = arguments.get().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (len.getAsInt() != actual) {
                c.add(new Violation(5, "len", Violation.Rule.LENGTH_MISMATCH,
                        "is " + len.getAsInt() + " but <arguments> is " + actual + " bytes (5.5)"));
            }
        }
        return c.list();
    }
}
