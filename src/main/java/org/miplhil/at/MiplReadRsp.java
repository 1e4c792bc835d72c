package org.miplhil.at;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * 3.3.11 {@code AT+MIPLREADRSP=<ref>,<msgId>,<result>,<objId>,<insId>,<resId>,<valueType>,<len>,<value>,<index>,<flag>[,<raiMode>]},
 * answering +MIPLREAD. The note's syntax line has an unmatched {@code ]} after raiMode; the examples
 * of 7.3 omit it, so it is optional.
 */
public record MiplReadRsp(int ref, long msgId, int result, int objId, int insId, int resId, int valueType, int len,
                          MiplValue value, int index, int flag, OptionalInt raiMode) implements MiplCommand, MiplAnswer {

    public static final MiplCommandName NAME = MiplCommandName.MIPLREADRSP;
    public static final RequestType REQUEST = RequestType.READ;
    static final String SYNTAX =
            "<ref>,<msgId>,<result>,<objId>,<insId>,<resId>,<valueType>,<len>,<value>,<index>,<flag>[,<raiMode>]";

    public MiplReadRsp {
        java.util.Objects.requireNonNull(value, "value");
        java.util.Objects.requireNonNull(raiMode, "raiMode");
    }

    /** A successful answer (result 1), valueType and len taken from the value. */
    public static MiplReadRsp of(int ref, long msgId, int objId, int insId, int resId, MiplValue value, int index, int flag) {
        return new MiplReadRsp(ref, msgId, ResultCode.CONTENT.code(), objId, insId, resId, value.typeCode(),
                value.naturalLen(), value, index, flag, OptionalInt.empty());
    }

    public MiplCommandName command() {
        return NAME;
    }

    public RequestType request() {
        return REQUEST;
    }

    public List<Param> params() {
        return new ParamList().add(ref).add(msgId).add(result).add(objId).add(insId).add(resId).add(valueType).add(len)
                .value(value).add(index).add(flag).opt(raiMode).list();
    }

    static MiplReadRsp read(Fields f) {
        f.count(11, 12, SYNTAX);
        int valueType = f.intAt(6, "valueType");
        return new MiplReadRsp(f.intAt(0, "ref"), f.longAt(1, "msgId"), f.intAt(2, "result"), f.intAt(3, "objId"),
                f.intAt(4, "insId"), f.intAt(5, "resId"), valueType, f.intAt(7, "len"), f.valueAt(8, valueType, true),
                f.intAt(9, "index"), f.intAt(10, "flag"), f.optInt(11, "raiMode"));
    }

    @Override
    public List<Violation> violations() {
        return violations(ValueRules.NOTE);
    }

    @Override
    public List<Violation> violations(ValueRules rules) {
        List<Violation> v = new ArrayList<>(new Checks().range(0, "ref", ref, MiplRanges.REF, "3.3.11")
                .range(1, "msgId", msgId, MiplRanges.MSG_ID, "3.3.11")
                .result(2, result, REQUEST, "3.3.11")
                .range(3, "objId", objId, MiplRanges.OBJ_ID, "3.3.11")
                .range(4, "insId", insId, MiplRanges.INS_ID, "3.3.11")
                .range(5, "resId", resId, MiplRanges.RES_ID, "3.3.11").list());
        v.addAll(MiplValue.check(valueType, len, value, 6, 7, 8, rules));
        v.addAll(new Checks().range(9, "index", index, MiplRanges.INDEX, "3.3.11")
                .range(10, "flag", flag, MiplRanges.FLAG, "3.3.11")
                .range(11, "raiMode", raiMode, MiplRanges.RAI_MODE, "3.3.11").list());
        return List.copyOf(v);
    }
}
