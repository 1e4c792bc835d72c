package org.miplhil.at;

import java.util.EnumMap;
import java.util.Map;

import static org.miplhil.at.MiplRanges.*;

/**
 * Default bodies for the answers to {@code AT+<cmd>=?}, built from {@link MiplRanges} in the usual
 * V.250 notation. The note shows only placeholders ("(支持的<ref>范围)"), so these are an assumption
 * a firmware profile may override.
 */
public final class MiplTestResponses {

    private static final String RESULT_CONTENT = "(1,11-15)";
    private static final String RESULT_CHANGED = "(2,11-14)";
    private static final String LIFETIME_FORM = "(0," + LIFETIME.min() + "-" + LIFETIME.max() + ")";
    private static final Map<MiplCommandName, String> BODIES = new EnumMap<>(MiplCommandName.class);

    static {
        BODIES.put(MiplCommandName.MIPLCONFIG, join(MODE.testForm(), "(0,1)", "(0,1)", "\"\"", PORT.testForm(), "(0,1)"));
        BODIES.put(MiplCommandName.MIPLDELETE, REF.testForm());
        BODIES.put(MiplCommandName.MIPLADDOBJ, join(REF.testForm(), OBJ_ID.testForm(), INS_COUNT.testForm(), "\"\"",
                ATTR_COUNT.testForm(), ACT_COUNT.testForm()));
        BODIES.put(MiplCommandName.MIPLDELOBJ, join(REF.testForm(), OBJ_ID.testForm()));
        BODIES.put(MiplCommandName.MIPLOPEN, join(REF.testForm(), LIFETIME_FORM, TIMEOUT.testForm()));
        BODIES.put(MiplCommandName.MIPLCLOSE, REF.testForm());
        BODIES.put(MiplCommandName.MIPLDISCOVERRSP, join(REF.testForm(), MSG_ID.testForm(), RESULT_CONTENT,
                DISCOVER_LENGTH.testForm(), "\"\"", RAI_MODE.testForm()));
        BODIES.put(MiplCommandName.MIPLOBSERVERSP, join(REF.testForm(), MSG_ID.testForm(), RESULT_CONTENT,
                RAI_MODE.testForm()));
        BODIES.put(MiplCommandName.MIPLREADRSP, join(REF.testForm(), MSG_ID.testForm(), RESULT_CONTENT,
                OBJ_ID.testForm(), INS_ID.testForm(), RES_ID.testForm(), VALUE_TYPE.testForm(), STRING_LEN.testForm(),
                "\"\"", INDEX.testForm(), FLAG.testForm(), RAI_MODE.testForm()));
        for (MiplCommandName n : new MiplCommandName[] {MiplCommandName.MIPLWRITERSP, MiplCommandName.MIPLEXECUTERSP,
                MiplCommandName.MIPLPARAMETERRSP}) {
            BODIES.put(n, join(REF.testForm(), MSG_ID.testForm(), RESULT_CHANGED, RAI_MODE.testForm()));
        }
        BODIES.put(MiplCommandName.MIPLNOTIFY, join(REF.testForm(), MSG_ID.testForm(), OBJ_ID.testForm(),
                INS_ID.testForm(), RES_ID.testForm(), VALUE_TYPE.testForm(), STRING_LEN.testForm(), "\"\"",
                INDEX.testForm(), FLAG.testForm(), ACK_ID.testForm(), RAI_MODE.testForm()));
        BODIES.put(MiplCommandName.MIPLUPDATE, join(REF.testForm(), LIFETIME_FORM, WITH_OBJECT_FLAG.testForm().replace("-", ","),
                RAI_MODE.testForm()));
    }

    private MiplTestResponses() {}

    /** The default answer line to {@code AT+<cmd>=?}; empty for commands without a test form (3.3.2, 3.3.4). */
    public static java.util.Optional<MiplResponse.TestInfo> defaultFor(MiplCommandName command) {
        String body = BODIES.get(command);
        return body == null ? java.util.Optional.empty() : java.util.Optional.of(new MiplResponse.TestInfo(command, body));
    }

    private static String join(String... parts) {
        return String.join(",", parts);
    }
}
