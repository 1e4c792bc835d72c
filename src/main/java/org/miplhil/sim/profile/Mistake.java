package org.miplhil.sim.profile;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every mistake the virtual module distinguishes, by the stable id the firmware profile's {@code errors:} table
 * uses. The code each one gets (651..655, chapter 4) is data in the profile, never decided here.
 */
public enum Mistake {
    ANY_NO_PDN("any.no-pdn", "a MIPL set/execute command while the module has no data connection (before +IP)"),
    ANY_PARAMETER("any.parameter", "missing, extra or non-numeric parameters, or <ref> other than 0"),
    ANY_UNSUPPORTED_FORM("any.unsupported-form", "a form the command does not have (AT+MIPLVER=?, AT+MIPLCREATE?, ...)"),
    CONFIG_INSTANCE_EXISTS("config.instance-exists", "AT+MIPLCONFIG while an instance exists"),
    CONFIG_PARAMETER("config.parameter", "AT+MIPLCONFIG with a value out of its range or a bad IP address"),
    CREATE_NO_CONFIG("create.no-config", "AT+MIPLCREATE with no configuration stored"),
    CREATE_TWICE("create.twice", "a second AT+MIPLCREATE"),
    CREATE_WITH_PARAMETERS("create.with-parameters", "AT+MIPLCREATE=<anything> (the command has only the execute form)"),
    DELETE_NO_INSTANCE("delete.no-instance", "AT+MIPLDELETE with nothing created"),
    ADDOBJ_NO_INSTANCE("addobj.no-instance", "AT+MIPLADDOBJ with no instance"),
    ADDOBJ_ID_RANGE("addobj.id-range", "AT+MIPLADDOBJ with objId, attrCount or actCount above 65535"),
    ADDOBJ_INS_COUNT("addobj.ins-count", "AT+MIPLADDOBJ with insCount above the profile's limit"),
    ADDOBJ_BITMAP_LENGTH("addobj.bitmap-length", "AT+MIPLADDOBJ whose insBitmap length differs from insCount (or is not 0/1 digits)"),
    ADDOBJ_DUPLICATE("addobj.duplicate", "the same object added twice"),
    ADDOBJ_TOO_MANY("addobj.too-many", "more objects than the profile's memory limit"),
    DELOBJ_NO_INSTANCE("delobj.no-instance", "AT+MIPLDELOBJ with no instance"),
    DELOBJ_NOT_FOUND("delobj.not-found", "AT+MIPLDELOBJ of an object never added"),
    OPEN_LIFETIME_RANGE("open.lifetime-range", "AT+MIPLOPEN lifetime outside 15..268435455 and not 0"),
    OPEN_TIMEOUT_RANGE("open.timeout-range", "AT+MIPLOPEN timeout outside 1..65535"),
    OPEN_NO_INSTANCE("open.no-instance", "AT+MIPLOPEN with no instance"),
    OPEN_WHILE_REGISTERING("open.while-registering", "AT+MIPLOPEN while a registration is under way"),
    OPEN_ALREADY_REGISTERED("open.already-registered", "AT+MIPLOPEN again after registering"),
    CLOSE_NO_INSTANCE("close.no-instance", "AT+MIPLCLOSE with nothing created"),
    NOTIFY_NO_INSTANCE("notify.no-instance", "AT+MIPLNOTIFY with no instance"),
    NOTIFY_NO_OBSERVATION("notify.no-observation", "AT+MIPLNOTIFY whose msgId matches no observation (so also before registering)"),
    NOTIFY_TYPE_LENGTH("notify.type-length", "AT+MIPLNOTIFY with a bad valueType/len/value combination"),
    NOTIFY_FLAG_RANGE("notify.flag-range", "AT+MIPLNOTIFY flag above 2"),
    NOTIFY_RAI_RANGE("notify.rai-range", "AT+MIPLNOTIFY raiMode above 2"),
    NOTIFY_INDEX_RANGE("notify.index-range", "AT+MIPLNOTIFY index outside 0..10, or insId/objId/resId/ackId out of range"),
    NOTIFY_TOO_LONG("notify.too-long", "the parts of one notification add up to the profile's total limit or more"),
    RSP_NO_INSTANCE("rsp.no-instance", "any ...RSP with no instance"),
    RSP_UNKNOWN_MSGID("rsp.unknown-msgid", "any ...RSP whose msgId no pending request has"),
    RSP_EXPIRED_MSGID("rsp.expired-msgid", "any ...RSP after its request was purged"),
    RSP_WRONG_TYPE("rsp.wrong-type", "any ...RSP whose msgId belongs to another kind of request"),
    RSP_RESULT_NOT_ALLOWED("rsp.result-not-allowed", "a result code not allowed for that request"),
    RSP_RAI_RANGE("rsp.rai-range", "any ...RSP with raiMode above 2"),
    READRSP_TYPE_LENGTH("readrsp.type-length", "AT+MIPLREADRSP with a bad valueType/len/value combination, index or flag"),
    READRSP_URI_MISMATCH("readrsp.uri-mismatch", "AT+MIPLREADRSP naming an object/instance/resource outside the read request"),
    READRSP_TOO_LONG("readrsp.too-long", "the parts of one read response add up to the profile's total limit or more"),
    DISCOVERRSP_LENGTH_MISMATCH("discoverrsp.length-mismatch", "AT+MIPLDISCOVERRSP whose length differs from the string's length"),
    DISCOVERRSP_TOO_LONG("discoverrsp.too-long", "AT+MIPLDISCOVERRSP length above the profile's limit"),
    UPDATE_NO_INSTANCE("update.no-instance", "AT+MIPLUPDATE with no instance"),
    UPDATE_NOT_REGISTERED("update.not-registered", "AT+MIPLUPDATE before registering"),
    UPDATE_LIFETIME_RANGE("update.lifetime-range", "AT+MIPLUPDATE lifetime outside 15..268435455 and not 0");

    private final String id;
    private final String description;

    Mistake(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public static Optional<Mistake> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }
}
