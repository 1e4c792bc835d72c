package org.miplhil.at;

/** 5.1 {@code +MIPLDISCOVER: <ref>,<msgId>,<objId>}; answer with AT+MIPLDISCOVERRSP within 10 s. */
public record MiplDiscover(int ref, long msgId, int objId) implements MiplRequest {

    public static final String PREFIX = "+MIPLDISCOVER";

    /** The fields after the prefix, in order, as table 4 / 5.1 writes them ({@code [...]}: optional). */
    public static final String SYNTAX = "<ref>,<msgId>,<objId>";

    @Override
    public RequestType kind() {
        return RequestType.DISCOVER;
    }

    @Override
    public RequestPath path() {
        return RequestPath.object(objId);
    }

    public String prefix() {
        return PREFIX;
    }

    public String format() {
        return PREFIX + ": " + ref + "," + msgId + "," + objId;
    }

    static MiplDiscover read(Fields f) {
        f.count(3, 3, SYNTAX);
        return new MiplDiscover(f.intAt(0, "ref"), f.longAt(1, "msgId"), f.intAt(2, "objId"));
    }

    @Override
    public java.util.List<Violation> violations() {
        return new Checks().range(0, "ref", ref, MiplRanges.REF, "5.1").range(1, "msgId", msgId, MiplRanges.MSG_ID, "5.1")
                .range(2, "objId", objId, MiplRanges.OBJ_ID, "5.1").list();
    }
}
