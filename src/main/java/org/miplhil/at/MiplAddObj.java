package org.miplhil.at;

import java.util.List;

/** 3.3.5 {@code AT+MIPLADDOBJ=<ref>,<objId>,<insCount>,<insBitmap>,<attrCount>,<actCount>}. */
public record MiplAddObj(int ref, int objId, int insCount, String insBitmap, int attrCount, int actCount)
        implements MiplCommand {

    public static final MiplCommandName NAME = MiplCommandName.MIPLADDOBJ;
    static final String SYNTAX = "<ref>,<objId>,<insCount>,<insBitmap>,<attrCount>,<actCount>";

    public MiplAddObj {
        java.util.Objects.requireNonNull(insBitmap, "insBitmap");
    }

    public MiplCommandName command() {
        return NAME;
    }

    public List<Param> params() {
        return new ParamList().add(ref).add(objId).add(insCount).quoted(insBitmap).add(attrCount).add(actCount).list();
    }

    static MiplAddObj read(Fields f) {
        f.count(6, 6, SYNTAX);
        return new MiplAddObj(f.intAt(0, "ref"), f.intAt(1, "objId"), f.intAt(2, "insCount"),
                f.quotedAt(3, "insBitmap"), f.intAt(4, "attrCount"), f.intAt(5, "actCount"));
    }

    /** Instance ids the bitmap registers: position i (from 0) is instance i, "1101" → 0, 1, 3 (3.3.5). */
    public List<Integer> registeredInstances() {
        java.util.List<Integer> ids = new java.util.ArrayList<>();
        for (int i = 0; i < insBitmap.length(); i++) {
            if (insBitmap.charAt(i) == '1') {
                ids.add(i);
            }
        }
        return List.copyOf(ids);
    }

    @Override
    public List<Violation> violations() {
        Checks c = new Checks()
                .range(0, "ref", ref, MiplRanges.REF, "3.3.5")
                .range(1, "objId", objId, MiplRanges.OBJ_ID, "3.3.5")
                .range(2, "insCount", insCount, MiplRanges.INS_COUNT, "3.3.5")
                .range(4, "attrCount", attrCount, MiplRanges.ATTR_COUNT, "3.3.5")
                .range(5, "actCount", actCount, MiplRanges.ACT_COUNT, "3.3.5");
        if (!insBitmap.matches("[01]*")) {
            c.add(new Violation(3, "insBitmap", Violation.Rule.INCONSISTENT,
                    "\"" + insBitmap + "\" must be made of 0 and 1 (3.3.5)"));
        } else if (insBitmap.length() != insCount) {
            c.add(new Violation(3, "insBitmap", Violation.Rule.LENGTH_MISMATCH, "\"" + insBitmap + "\" has "
                    + insBitmap.length() + " digits but <insCount> is " + insCount + " (3.3.5 remark: lengths agree)"));
        }
        return c.list();
    }
}
