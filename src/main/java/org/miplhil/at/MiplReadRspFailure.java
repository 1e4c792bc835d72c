package org.miplhil.at;

import java.util.List;
import java.util.OptionalInt;

/**
 * {@code AT+MIPLREADRSP=<ref>,<msgId>,<result>}: a read answered with a failure result alone. 3.3.11
 * lists only the full form; the AT layer of the SDK the module is built on (docs/evidence.md) answers a
 * failure this way, without the value parameters. Result 1 needs the value, so it is a violation here.
 */
public record MiplReadRspFailure(int ref, long msgId, int result) implements MiplCommand, MiplAnswer {

    public static final MiplCommandName NAME = MiplCommandName.MIPLREADRSP;
    public static final RequestType REQUEST = RequestType.READ;

    public MiplReadRspFailure(int ref, long msgId, ResultCode result) {
        this(ref, msgId, result.code());
    }

    public MiplCommandName command() {
        return NAME;
    }

    public RequestType request() {
        return REQUEST;
    }

    public OptionalInt raiMode() {
        return OptionalInt.empty();
    }

    public List<Param> params() {
        return new ParamList().add(ref).add(msgId).add(result).list();
    }

    static MiplReadRspFailure read(Fields f) {
        f.count(3, 3, "<ref>,<msgId>,<result>");
        return new MiplReadRspFailure(f.intAt(0, "ref"), f.longAt(1, "msgId"), f.intAt(2, "result"));
    }

    @Override
    public List<Violation> violations() {
        Checks c = new Checks().range(0, "ref", ref, MiplRanges.REF, "3.3.11")
                .range(1, "msgId", msgId, MiplRanges.MSG_ID, "3.3.11")
                .result(2, result, REQUEST, "3.3.11");
        if (result == ResultCode.CONTENT.code()) {
            c.add(new Violation(2, "result", Violation.Rule.INCONSISTENT,
                    "is 1 (2.05 Content) but no <objId>..<flag> with the value follow (3.3.11)"));
        }
        return c.list();
    }
}
