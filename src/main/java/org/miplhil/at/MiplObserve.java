package org.miplhil.at;

/**
 * 5.2 {@code +MIPLOBSERVE: <ref>,<msgId>,<flag>,<objId>,<insId>,<resId>}; flag 1 observe, 0 cancel;
 * insId/resId -1 mean all instances / all resources.
 */
public record MiplObserve(int ref, long msgId, int flag, int objId, int insId, int resId) implements MiplRequest {

    public static final String PREFIX = "+MIPLOBSERVE";

    /** The fields after the prefix, in order, as table 4 / 5.2 writes them ({@code [...]}: optional). */
    public static final String SYNTAX = "<ref>,<msgId>,<flag>,<objId>,<insId>,<resId>";

    @Override
    public RequestType kind() {
        return RequestType.OBSERVE;
    }

    @Override
    public RequestPath path() {
        return new RequestPath(objId, insId, resId);
    }

    public String prefix() {
        return PREFIX;
    }

    public boolean observe() {
        return flag == 1;
    }

    public String format() {
        return PREFIX + ": " + ref + "," + msgId + "," + flag + "," + objId + "," + insId + "," + resId;
    }

    static MiplObserve read(Fields f) {
        f.count(6, 6, SYNTAX);
        return new MiplObserve(f.intAt(0, "ref"), f.longAt(1, "msgId"), f.intAt(2, "flag"), f.intAt(3, "objId"),
                f.intAt(4, "insId"), f.intAt(5, "resId"));
    }

    @Override
    public java.util.List<Violation> violations() {
        return new Checks().range(0, "ref", ref, MiplRanges.REF, "5.2").range(1, "msgId", msgId, MiplRanges.MSG_ID, "5.2")
                .range(2, "flag", flag, MiplRanges.OBSERVE_FLAG, "5.2").range(3, "objId", objId, MiplRanges.OBJ_ID, "5.2")
                .range(4, "insId", insId, MiplRanges.INS_ID_OR_ALL, "5.2")
                .range(5, "resId", resId, MiplRanges.RES_ID_OR_ALL, "5.2").list();
    }
}
