package org.miplhil.at;

/** 5.3 {@code +MIPLREAD: <ref>,<msgId>,<objId>,<insId>,<resId>}; insId/resId -1 read a whole object / instance. */
public record MiplRead(int ref, long msgId, int objId, int insId, int resId) implements MiplRequest {

    public static final String PREFIX = "+MIPLREAD";

    /** The fields after the prefix, in order, as table 4 / 5.3 writes them ({@code [...]}: optional). */
    public static final String SYNTAX = "<ref>,<msgId>,<objId>,<insId>,<resId>";

    @Override
    public RequestType kind() {
        return RequestType.READ;
    }

    @Override
    public RequestPath path() {
        return new RequestPath(objId, insId, resId);
    }

    public String prefix() {
        return PREFIX;
    }

    public String format() {
        return PREFIX + ": " + ref + "," + msgId + "," + objId + "," + insId + "," + resId;
    }

    static MiplRead read(Fields f) {
        f.count(5, 5, SYNTAX);
        return new MiplRead(f.intAt(0, "ref"), f.longAt(1, "msgId"), f.intAt(2, "objId"), f.intAt(3, "insId"),
                f.intAt(4, "resId"));
    }

    @Override
    public java.util.List<Violation> violations() {
        return new Checks().range(0, "ref", ref, MiplRanges.REF, "5.3").range(1, "msgId", msgId, MiplRanges.MSG_ID, "5.3")
                .range(2, "objId", objId, MiplRanges.OBJ_ID, "5.3")
                .range(3, "insId", insId, MiplRanges.INS_ID_OR_ALL, "5.3")
                .range(4, "resId", resId, MiplRanges.RES_ID_OR_ALL, "5.3").list();
    }
}
