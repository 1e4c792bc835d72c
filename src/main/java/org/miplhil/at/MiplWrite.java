package org.miplhil.at;

/**
 * 5.4 {@code +MIPLWRITE: <ref>,<msgId>,<objId>,<insId>,<resId>,<valueType>,<len>,<value>,<flag>,<index>}.
 * Note the order: {@code <flag>,<index>} here, {@code <index>,<flag>} in AT+MIPLNOTIFY/AT+MIPLREADRSP.
 * The module shows values as hex (valueType 2) "当前仅显示十六进制类型".
 */
public record MiplWrite(int ref, long msgId, int objId, int insId, int resId, int valueType, int len, MiplValue value,
                        int flag, int index) implements MiplRequest {

    public static final String PREFIX = "+MIPLWRITE";

    /** The fields after the prefix, in order, as table 4 / 5.4 writes them ({@code [...]}: optional). */
    public static final String SYNTAX = "<ref>,<msgId>,<objId>,<insId>,<resId>,<valueType>,<len>,<value>,<flag>,<index>";

    @Override
    public RequestType kind() {
        return RequestType.WRITE;
    }

    @Override
    public RequestPath path() {
        return new RequestPath(objId, insId, resId);
    }

    /** 3.3.15: the parts of a write count index down to 0; the answer follows the last. */
    @Override
    public boolean completes() {
        return index == 0;
    }

    public MiplWrite {
        java.util.Objects.requireNonNull(value, "value");
    }

    /** A write of raw bytes, shown as hex (valueType 2) the way the module prints it. */
    public static MiplWrite ofBytes(int ref, long msgId, int objId, int insId, int resId, byte[] bytes, int flag, int index) {
        MiplValue.HexValue hex = MiplValue.HexValue.of(bytes);
        return new MiplWrite(ref, msgId, objId, insId, resId, ValueType.HEX.code(), bytes.length, hex, flag, index);
    }

    /**
     * A write of text, shown as a string (valueType 1) the way the BC260Y build of the SDK prints it with
     * recv_data_format 1: the bytes as text, without quotes, {@code <len>} their count.
     */
    public static MiplWrite ofText(int ref, long msgId, int objId, int insId, int resId, byte[] bytes, int flag, int index) {
        String decoded = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        MiplValue.StringValue text = new MiplValue.StringValue(decoded, false);
        return new MiplWrite(ref, msgId, objId, insId, resId, ValueType.STRING.code(), bytes.length, text, flag, index);
    }

    public String prefix() {
        return PREFIX;
    }

    public String format() {
        return PREFIX + ": " + ParamList.join(new ParamList().add(ref).add(msgId).add(objId).add(insId).add(resId)
                .add(valueType).add(len).value(value).add(flag).add(index).list());
    }

    static MiplWrite read(Fields f) {
        f.count(10, 10, SYNTAX);
        int valueType = f.intAt(5, "valueType");
        return new MiplWrite(f.intAt(0, "ref"), f.longAt(1, "msgId"), f.intAt(2, "objId"), f.intAt(3, "insId"),
                f.intAt(4, "resId"), valueType, f.intAt(6, "len"), f.valueAt(7, valueType, false), f.intAt(8, "flag"),
                f.intAt(9, "index"));
    }

    /** 5.4 remark 1: the value stays under 1024 bytes, so up to 1023 bytes of hex. */
    static final ValueRules WRITE_RULES = ValueRules.NOTE.withHexLen(new MiplRanges.Range(0, MiplRanges.VALUE_MAX_BYTES - 1))
            .withStringLen(new MiplRanges.Range(0, MiplRanges.VALUE_MAX_BYTES - 1));

    @Override
    public java.util.List<Violation> violations() {
        java.util.List<Violation> v = new java.util.ArrayList<>(new Checks()
                .range(0, "ref", ref, MiplRanges.REF, "5.4").range(1, "msgId", msgId, MiplRanges.MSG_ID, "5.4")
                .range(2, "objId", objId, MiplRanges.OBJ_ID, "5.4").range(3, "insId", insId, MiplRanges.INS_ID, "5.4")
                .range(4, "resId", resId, MiplRanges.RES_ID, "5.4").list());
        v.addAll(MiplValue.check(valueType, len, value, 5, 6, 7, WRITE_RULES));
        v.addAll(new Checks().range(8, "flag", flag, MiplRanges.FLAG, "5.4")
                .range(9, "index", index, MiplRanges.INDEX, "5.4").list());
        return java.util.List.copyOf(v);
    }
}
