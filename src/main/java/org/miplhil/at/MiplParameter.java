package org.miplhil.at;

/** 5.6 {@code +MIPLPARAMETER: <ref>,<msgId>,<objId>,<insId>,<resId>,<len>,<parameter>}; 7.6 quotes the parameter. */
public record MiplParameter(int ref, long msgId, int objId, int insId, int resId, int len, String parameter)
        implements MiplRequest {

    public static final String PREFIX = "+MIPLPARAMETER";

    /** The fields after the prefix, in order, as table 4 / 5.6 writes them ({@code [...]}: optional). */
    public static final String SYNTAX = "<ref>,<msgId>,<objId>,<insId>,<resId>,<len>,<parameter>";

    @Override
    public RequestType kind() {
        return RequestType.PARAMETER;
    }

    @Override
    public RequestPath path() {
        return new RequestPath(objId, insId, resId);
    }

    public MiplParameter {
        java.util.Objects.requireNonNull(parameter, "parameter");
    }

    /** len computed as the parameter's byte length. */
    public MiplParameter(int ref, long msgId, int objId, int insId, int resId, String parameter) {
        this(ref, msgId, objId, insId, resId, parameter.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                parameter);
    }

    public String prefix() {
        return PREFIX;
    }

    public String format() {
        return PREFIX + ": " + ParamList.join(new ParamList().add(ref).add(msgId).add(objId).add(insId).add(resId)
                .add(len).quoted(parameter).list());
    }

    /** The attributes, e.g. {@code pmin=2;pmax=190} → {pmin=2, pmax=190}, in order. */
    public java.util.Map<String, String> attributes() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String part : parameter.split(";")) {
            int eq = part.indexOf('=');
            if (!part.isEmpty()) {
                out.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? "" : part.substring(eq + 1));
            }
        }
        return out;
    }

    static MiplParameter read(Fields f) {
        f.count(7, 7, SYNTAX);
        return new MiplParameter(f.intAt(0, "ref"), f.longAt(1, "msgId"), f.intAt(2, "objId"), f.intAt(3, "insId"),
                f.intAt(4, "resId"), f.intAt(5, "len"), f.stringAt(6, "parameter"));
    }

    @Override
    public java.util.List<Violation> violations() {
        Checks c = new Checks().range(0, "ref", ref, MiplRanges.REF, "5.6").range(1, "msgId", msgId, MiplRanges.MSG_ID, "5.6")
                .range(2, "objId", objId, MiplRanges.OBJ_ID, "5.6")
                .range(3, "insId", insId, MiplRanges.INS_ID_OR_ALL, "5.6")
                .range(4, "resId", resId, MiplRanges.RES_ID_OR_ALL, "5.6");
        int actual = parameter.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (len != actual) {
            c.add(new Violation(5, "len", Violation.Rule.LENGTH_MISMATCH,
                    "is " + len + " but <parameter> is " + actual + " bytes (5.6)"));
        }
        return c.list();
    }
}
