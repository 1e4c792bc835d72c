package org.miplhil.platform.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One cached command ("缓存命令", list/9…, 10…, 11…) and its history (list/12…, 13…). Mutable; guarded by the
 * {@link CachedCommands} that holds it.
 */
final class CachedCommand {

    /** {@code type} of the history; {@code cmdType} of the push (READ is 0 in the push page's example 4). */
    enum Type {
        READ(0), WRITE(1), EXECUTE(2);

        final int cmdType;

        Type(int cmdType) {
            this.cmdType = cmdType;
        }
    }

    /** {@code send_status} (list/12check-spe-dev-cache-comm-list.md). */
    static final int WAIT = 1;
    static final int CANCEL = 2;
    static final int SEND = 3;
    static final int EXPIRED = 4;
    static final int SUCCESS = 5;
    static final int FAILED = 6;

    /** trigger_msg bits (list/9…: 1 REGISTER, 2 UPDATE, 4 NOTIFY; 7 all, the default). */
    static final int REGISTER = 1;
    static final int UPDATE = 2;
    static final int NOTIFY = 4;

    /** {@code confirm_status} names in their numeric order (list/12…: 0 SUCCESS … 13 ADDR_OCCUPIED). */
    static final List<String> CONFIRM = List.of("SUCCESS", "METHOD_NOT_ALLOWED", "FORBIDDEN", "NOT_FOUND",
            "INTERNAL_SERVER_ERROR", "TIME_OUT", "REQ_PARAM_ERROR", "RESP_ERROR", "UNAUTHORIZED", "BAD_REQUEST",
            "NOT_ACCEPTABLE", "UNSUPPORTED_CONTENT_FORMAT", "OFFLINE", "ADDR_OCCUPIED");

    /** A hand-off to the push: {@code feedback_msg} of the detail. */
    record Feedback(Instant at, int status) {
    }

    final String uuid;
    final String imei;
    final Type type;
    final ApiRequest request;
    /** The call's query parameters and body: {@code args} and {@code content} of the detail. */
    final Map<String, String> args;
    final JsonNode content;
    final Instant created;
    final Instant valid;
    final Instant expired;
    final int triggerMsg;
    final int retry;

    int remain;
    int sendStatus = WAIT;
    Instant sendTime;
    Instant confirmTime;
    String confirmStatus;
    Object cmdResult;
    final List<Feedback> feedback = new ArrayList<>();

    CachedCommand(String uuid, String imei, Type type, ApiRequest request, Map<String, String> args, JsonNode content,
                  Instant created, Instant valid, Instant expired, int triggerMsg, int retry) {
        this.uuid = uuid;
        this.imei = imei;
        this.type = type;
        this.request = request;
        this.args = Map.copyOf(args);
        this.content = content;
        this.created = created;
        this.valid = valid;
        this.expired = expired;
        this.triggerMsg = triggerMsg;
        this.retry = retry;
        this.remain = retry;
    }

    /** Waiting or on its way: counts against the 10 per device. */
    boolean pending() {
        return sendStatus == WAIT || sendStatus == SEND;
    }

    static int confirmCode(String name) {
        int i = CONFIRM.indexOf(name);
        return i < 0 ? CONFIRM.indexOf("RESP_ERROR") : i;
    }
}
