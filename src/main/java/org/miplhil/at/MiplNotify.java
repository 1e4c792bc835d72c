package org.miplhil.at;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * 3.3.15 {@code AT+MIPLNOTIFY=<ref>,<msgId>,<objId>,<insId>,<resId>,<valueType>,<len>,<value>,<index>,<flag>[,<ackId>[,<raiMode>]]}.
 * ackId 0 sends non-confirmable; 1..65535 confirmable, its outcome reported by +MIPLEVENT 26/25.
 */
public record MiplNotify(int ref, long msgId, int objId, int insId, int resId, int valueType, int len,
                         MiplValue value, int index, int flag, OptionalInt ackId, OptionalInt raiMode)
        implements MiplCommand {

    public static final MiplCommandName NAME = MiplCommandName.MIPLNOTIFY;
    static final String SYNTAX =
            "<ref>,<msgId>,<objId>,<insId>,<resId>,<valueType>,<len>,<value>,<index>,<flag>[,<ackId>[,<raiMode>]]";

    public MiplNotify {
        java.util.Objects.requireNonNull(value, "value");
        java.util.Objects.requireNonNull(ackId, "ackId");
        java.util.Objects.requireNonNull(raiMode, "raiMode");
        if (raiMode.isPresent() && ackId.isEmpty()) {
            throw new IllegalArgumentException("raiMode follows ackId (3.3.15): give an ackId (0 = non-confirmable)");
        }
    }

    /** valueType and len taken from the value, no ackId. */
    public static MiplNotify of(int ref, long msgId, int objId, int insId, int resId, MiplValue value, int index, int flag) {
        return new MiplNotify(ref, msgId, objId, insId, resId, value.typeCode(), value.naturalLen(), value, index, flag,
                OptionalInt.empty(), OptionalInt.empty());
    }

    /** The same notification with an ackId (7.8.4). */
    public MiplNotify withAckId(int ackId) {
        return new MiplNotify(ref, msgId, objId, insId, resId, valueType, len, value, index, flag, OptionalInt.of(ackId),
                raiMode);
    }

    public MiplCommandName command() {
        return NAME;
    }

    public List<Param> params() {
        return new ParamList().add(ref).add(msgId).add(objId).add(insId).add(resId).add(valueType).add(len)
                .value(value).add(index).add(flag).opt(ackId).opt(raiMode).list();
    }

    /** Whether the notification is sent confirmable (3.3.15: ackId 1..65535). */
    public boolean confirmable() {
        return ackId.isPresent() && ackId.getAsInt() != 0;
    }

    static MiplNotify read(Fields f) {
        f.count(10, 12, SYNTAX);
        int valueType = f.intAt(5, "valueType");
        return new MiplNotify(f.intAt(0, "ref"), f.longAt(1, "msgId"), f.intAt(2, "objId"), f.intAt(3, "insId"),
                f.intAt(4, "resId"), valueType, f.intAt(6, "len"), f.valueAt(7, valueType, true), f.intAt(8, "index"),
                f.intAt(9, "flag"), f.optInt(10, "ackId"), f.optInt(11, "raiMode"));
    }

    @Override
    public List<Violation> violations() {
        return violations(ValueRules.NOTE);
    }

    @Override
    public List<Violation> violations(ValueRules rules) {
        List<Violation> v = new ArrayList<>(new Checks().range(0, "ref", ref, MiplRanges.REF, "3.3.15")
                .range(1, "msgId", msgId, MiplRanges.MSG_ID, "3.3.15")
                .range(2, "objId", objId, MiplRanges.OBJ_ID, "3.3.15")
                .range(3, "insId", insId, MiplRanges.INS_ID, "3.3.15")
                .range(4, "resId", resId, MiplRanges.RES_ID, "3.3.15").list());
        v.addAll(MiplValue.check(valueType, len, value, 5, 6, 7, rules));
        v.addAll(new Checks().range(8, "index", index, MiplRanges.INDEX, "3.3.15")
                .range(9, "flag", flag, MiplRanges.FLAG, "3.3.15")
                .range(10, "ackId", ackId, MiplRanges.ACK_ID, "3.3.15")
                .range(11, "raiMode", raiMode, MiplRanges.RAI_MODE, "3.3.15").list());
        return List.copyOf(v);
    }
}
