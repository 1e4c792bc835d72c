package org.miplhil.at;

import java.util.List;
import java.util.OptionalInt;

/** 3.3.14 {@code AT+MIPLPARAMETERRSP=<ref>,<msgId>,<result>[,<raiMode>]}, answering {@code +MIPLPARAMETER}. */
public record MiplParameterRsp(int ref, long msgId, int result, OptionalInt raiMode) implements MiplCommand, MiplAnswer {

    public static final MiplCommandName NAME = MiplCommandName.MIPLPARAMETERRSP;
    /** The request this answers; decides the allowed result codes. */
    public static final RequestType REQUEST = RequestType.PARAMETER;

    public MiplParameterRsp {
        java.util.Objects.requireNonNull(raiMode, "raiMode");
    }

    public MiplParameterRsp(int ref, long msgId, int result) {
        this(ref, msgId, result, OptionalInt.empty());
    }

    public MiplParameterRsp(int ref, long msgId, ResultCode result) {
        this(ref, msgId, result.code(), OptionalInt.empty());
    }

    public MiplCommandName command() {
        return NAME;
    }

    public RequestType request() {
        return REQUEST;
    }

    public List<Param> params() {
        return new ParamList().add(ref).add(msgId).add(result).opt(raiMode).list();
    }

    static MiplParameterRsp read(Fields f) {
        f.count(3, 4, "<ref>,<msgId>,<result>[,<raiMode>]");
        return new MiplParameterRsp(f.intAt(0, "ref"), f.longAt(1, "msgId"), f.intAt(2, "result"), f.optInt(3, "raiMode"));
    }

    @Override
    public List<Violation> violations() {
        return new Checks().range(0, "ref", ref, MiplRanges.REF, "3.3.14")
                .range(1, "msgId", msgId, MiplRanges.MSG_ID, "3.3.14")
                .result(2, result, REQUEST, "3.3.14")
                .range(3, "raiMode", raiMode, MiplRanges.RAI_MODE, "3.3.14").list();
    }
}
