package org.miplhil.at;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/** 3.3.9 {@code AT+MIPLDISCOVERRSP=<ref>,<msgId>,<result>,<length>,<valuestring>[,<raiMode>]}, answering +MIPLDISCOVER. */
public record MiplDiscoverRsp(int ref, long msgId, int result, int length, String valueString, OptionalInt raiMode)
        implements MiplCommand, MiplAnswer {

    public static final MiplCommandName NAME = MiplCommandName.MIPLDISCOVERRSP;
    public static final RequestType REQUEST = RequestType.DISCOVER;
    static final String SYNTAX = "<ref>,<msgId>,<result>,<length>,<valuestring>[,<raiMode>]";

    public MiplDiscoverRsp {
        java.util.Objects.requireNonNull(valueString, "valueString");
        java.util.Objects.requireNonNull(raiMode, "raiMode");
    }

    /** A successful answer listing resource ids, {@code "5850;5851;5706;5805"} (7.2.1), with the length computed. */
    public static MiplDiscoverRsp of(int ref, long msgId, List<Integer> resIds) {
        String s = String.join(";", resIds.stream().map(String::valueOf).toList());
        return new MiplDiscoverRsp(ref, msgId, ResultCode.CONTENT.code(), s.getBytes(StandardCharsets.UTF_8).length, s,
                OptionalInt.empty());
    }

    public MiplCommandName command() {
        return NAME;
    }

    public RequestType request() {
        return REQUEST;
    }

    public List<Param> params() {
        return new ParamList().add(ref).add(msgId).add(result).add(length).quoted(valueString).opt(raiMode).list();
    }

    /** The resource ids of the value string; ids that are not numbers are skipped. */
    public List<Integer> resIds() {
        if (valueString.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(valueString.split(";")).filter(s -> s.matches("[0-9]{1,9}")).map(Integer::valueOf).toList();
    }

    /** 3.3.9: "1101;1102;1103" — resource ids of 0..65535 separated by semicolons; empty when there are none. */
    private static boolean isResIdList(String s) {
        if (s.isEmpty()) {
            return true;
        }
        for (String id : s.split(";", -1)) {
            if (!id.matches("[0-9]{1,5}") || !MiplRanges.RES_ID.contains(Integer.parseInt(id))) {
                return false;
            }
        }
        return true;
    }

    static MiplDiscoverRsp read(Fields f) {
        f.count(5, 6, SYNTAX);
        return new MiplDiscoverRsp(f.intAt(0, "ref"), f.longAt(1, "msgId"), f.intAt(2, "result"),
                f.intAt(3, "length"), f.quotedAt(4, "valuestring"), f.optInt(5, "raiMode"));
    }

    @Override
    public List<Violation> violations() {
        Checks c = new Checks().range(0, "ref", ref, MiplRanges.REF, "3.3.9")
                .range(1, "msgId", msgId, MiplRanges.MSG_ID, "3.3.9")
                .result(2, result, REQUEST, "3.3.9")
                .range(3, "length", length, MiplRanges.DISCOVER_LENGTH, "3.3.9");
        int actual = valueString.getBytes(StandardCharsets.UTF_8).length;
        if (length >= 0 && length != actual) { // also beyond 255, for a firmware that takes longer strings
            c.add(new Violation(3, "length", Violation.Rule.LENGTH_MISMATCH,
                    "is " + length + " but <valuestring> is " + actual + " bytes (3.3.9)"));
        }
        if (result == ResultCode.CONTENT.code() && !isResIdList(valueString)) {
            c.add(new Violation(4, "valuestring", Violation.Rule.INCONSISTENT,
                    "\"" + valueString + "\" is not resource ids 0..65535 separated by ';' (3.3.9)"));
        }
        return c.range(5, "raiMode", raiMode, MiplRanges.RAI_MODE, "3.3.9").list();
    }
}
