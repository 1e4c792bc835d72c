package org.miplhil.at;

import java.util.Set;

/**
 * Parameter ranges of chapter 3 and 5, as data. Where the note contradicts itself both readings
 * are kept and the wider one is what {@link MiplCommand#violations()} checks.
 */
public final class MiplRanges {

    private MiplRanges() {}

    /** An inclusive range of integers. */
    public record Range(long min, long max) {
        public boolean contains(long v) {
            return v >= min && v <= max;
        }

        /** V.250 test-response form: {@code (0-65535)}, or {@code (0)} for a single value. */
        public String testForm() {
            return min == max ? "(" + min + ")" : "(" + min + "-" + max + ")";
        }

        @Override
        public String toString() {
            return min + ".." + max;
        }
    }

    /** 3.3.x {@code <ref>}: 0~65535; "当前仅支持 0" — whether other values work is the firmware's business. */
    public static final Range REF = new Range(0, 65535);
    public static final int REF_SUPPORTED = 0;

    /** {@code <msgId>} written as 0~0xFFFFFFFF: the wider reading, the one checked. */
    public static final Range MSG_ID = new Range(0, 0xFFFF_FFFFL);
    /** {@code <msgId>} written as 0~268435455 in the same sentence. */
    public static final Range MSG_ID_DECIMAL = new Range(0, 268_435_455L);

    public static final Range OBJ_ID = new Range(0, 65535);
    public static final Range INS_ID = new Range(0, 65535);
    public static final Range RES_ID = new Range(0, 65535);
    /** 5.2 / 5.3 / 5.6: insId / resId -1 stand for all instances / all resources. */
    public static final Range INS_ID_OR_ALL = new Range(-1, 65535);
    public static final Range RES_ID_OR_ALL = new Range(-1, 65535);
    public static final Range INS_COUNT = new Range(0, 65535);
    public static final Range ATTR_COUNT = new Range(0, 65535);
    public static final Range ACT_COUNT = new Range(0, 65535);

    /** 3.3.1: only 0 (直吐模式) is listed. */
    public static final Range MODE = new Range(0, 0);
    public static final Range RECV_DATA_FORMAT = new Range(0, 1);
    public static final Range BS_MODE = new Range(0, 1);
    public static final Range PORT = new Range(1, 65535);
    public static final Range AUTO_UPDATE = new Range(0, 1);

    /** 3.3.7 / 3.3.16: 15~268435455, or 0 meaning {@link #LIFETIME_ZERO_MEANS} seconds. */
    public static final Range LIFETIME = new Range(15, 268_435_455L);
    public static final long LIFETIME_ZERO_MEANS = 3600;
    /** 3.3.7: 1~65535 s, default 30. */
    public static final Range TIMEOUT = new Range(1, 65535);
    public static final int TIMEOUT_DEFAULT = 30;

    /** 3.3.9 {@code <length>} of the discover value string: 0~255. */
    public static final Range DISCOVER_LENGTH = new Range(0, 255);

    public static final Range VALUE_TYPE = new Range(1, 5);
    /** 3.3.11: string value length 0~1024. */
    public static final Range STRING_LEN = new Range(0, 1024);
    /** 3.3.11: hex value length 0~512 bytes (twice as many digits). */
    public static final Range HEX_LEN = new Range(0, 512);
    public static final Set<Integer> INTEGER_LENS = Set.of(2, 4, 8);
    /** 3.3.11: "当<valueType>=4 时，该参数值为 4". */
    public static final Set<Integer> FLOAT_LENS = Set.of(4);
    public static final int BOOLEAN_LEN = 1;
    /** 3.3.15 also states {@code <len>} as 1~255 before listing the per-type ranges; not checked. */
    public static final Range NOTIFY_LEN_STATED = new Range(1, 255);
    /** 3.3.11 remark 1 / 3.3.15 remark 1: the data should stay under 1024 bytes. */
    public static final int VALUE_MAX_BYTES = 1024;

    /** 3.3.11 / 3.3.15 {@code <index>}: 0~10, counting down to 0. */
    public static final Range INDEX = new Range(0, 10);
    /** {@code <flag>}: 0~2, "当前版本仅支持<flag>=0". */
    public static final Range FLAG = new Range(0, 2);
    public static final int FLAG_SUPPORTED = 0;
    /** 3.3.15 {@code <ackId>}: 0 sends non-confirmable, 1~65535 confirmable. */
    public static final Range ACK_ID = new Range(0, 65535);
    /** 5.7 {@code <ackId>} in +MIPLEVENT: 1~65535. */
    public static final Range EVENT_ACK_ID = new Range(1, 65535);
    public static final Range RAI_MODE = new Range(0, 2);
    public static final Range WITH_OBJECT_FLAG = new Range(0, 1);
    /** 5.2 {@code <flag>} of +MIPLOBSERVE: 0 cancel, 1 observe. */
    public static final Range OBSERVE_FLAG = new Range(0, 1);
    /** 5.10: 0 success, 255 failure. */
    public static final Set<Integer> UPGRADE_ERR = Set.of(0, 255);
}
