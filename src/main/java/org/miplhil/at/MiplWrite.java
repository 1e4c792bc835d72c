package org.miplhil.at;

/**
 * 5.4 {@code +MIPLWRITE: <ref>,<msgId>,<objId>,<insId>,<resId>,<valueType>,<len>,<value>,<flag>,<index>}.
 * Note the order: {@code <flag>,<index>} here, {@code <index>,<flag>} in AT+MIPLNOTIFY/AT+MIPLREADRSP.
 * The module shows values as hex (valueType 2) "当前仅显示十六进制类型".
 */
public record MiplWrite(int ref, long msgId, int objId, int insId, int resId, int valueType, int len, MiplValue value,
                        int flag, int index) implements MiplUrc {

    public static final String PREFIX = "+MIPLWRITE";

    public MiplWrite {
        java.util.Objects.requireNonNull(value, "value");
    }

    /** A write of raw bytes, shown as hex (valueType 2) the way the module prints it. */
    public static MiplWrite ofBytes(int ref, long msgId, int objId, int insId, int resId, byte[] bytes, int flag, int index) {
        MiplValue.HexValue hex = MiplValue.HexValue.of(bytes);
        return new MiplWrite(ref, msgId, objId, insId, resId, ValueType.HEX.code(), bytes.length, hex, flag, index);
    }

    public String prefix() {
        return PREFIX;
    }

    public String format() {
        return PREFIX + ": " + ParamList.join(new ParamList().add(ref).add(msgId).add(objId).add(insId).add(resId)
                .add(valueType).add(len).value(value).add(flag).add(index).list());
    }

    static MiplWrite read(Fields f) {
        f.count(10, 10, "<ref>,<msgId>,<objId>,<insId>,<resId>,<valueType>,<len>,<value>,<flag>,<index>");
        int valueType = f.intAt(5, "valueType");
        return new MiplWrite(f.intAt(0, "ref"), f.longAt(1, "msgId"), f.intAt(2, "objId"), f.intAt(3, "insId"),
                f.intAt(4, "resId"), valueType, f.intAt(6, "len"), f.valueAt(7, valueType, false), f.intAt(8, "flag"),
                f.intAt(9, "index"));
    }
}
