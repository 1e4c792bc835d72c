package org.miplhil.platform.http;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The HTTP side of the cached commands (legacy paths; the current API's {@code /nb-iot/…} arrive here rewritten):
 * {@code GET|POST /nbiot/offline} (read, write), {@code POST /nbiot/execute/offline}, {@code GET
 * /nbiot/offline/history[/{uuid}]}, {@code PUT /nbiot/offline/cancel/{uuid}} and {@code …/cancel/all}.
 */
final class CachedCommandCalls {

    private final CachedCommands commands;
    private final Clock clock;

    CachedCommandCalls(CachedCommands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    static boolean handles(String path) {
        return path.startsWith("/nbiot/offline") || path.startsWith("/nbiot/execute/offline");
    }

    Reply call(String method, String path, String rawQuery, String body) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Optional<Map<String, String>> query = Params.query(rawQuery);
        if (query.isEmpty()) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "undecodable or repeated query parameter");
        }
        Map<String, String> q = query.get();
        if (p.equals("/nbiot/offline") && (method.equals("GET") || method.equals("POST"))) {
            return add(method, "/nbiot", rawQuery, q, body,
                    method.equals("GET") ? CachedCommand.Type.READ : CachedCommand.Type.WRITE);
        }
        if (p.equals("/nbiot/execute/offline") && method.equals("POST")) {
            return add(method, "/nbiot/execute", rawQuery, q, body, CachedCommand.Type.EXECUTE);
        }
        String imei = q.get("imei");
        boolean known = p.equals("/nbiot/offline/history") || p.startsWith("/nbiot/offline/history/")
                || p.startsWith("/nbiot/offline/cancel/");
        if (!known) {
            return Reply.error(ErrNo.INVALID_PARAMETER, p.equals("/nbiot/offline")
                    || p.equals("/nbiot/execute/offline") ? 405 : 404, "no such API: " + method + " " + path);
        }
        if (imei == null || imei.isEmpty()) {
            return Reply.error(ErrNo.PARAMETER_REQUIRED, "imei required");
        }
        if (p.startsWith("/nbiot/offline/cancel/")) {
            if (!method.equals("PUT")) {
                return Reply.error(ErrNo.INVALID_PARAMETER, 405, "method " + method + " not allowed on " + p);
            }
            String uuid = p.substring("/nbiot/offline/cancel/".length());
            return uuid.equals("all") ? Reply.ok(commands.cancelAll(imei)) : commands.cancel(imei, uuid);
        }
        if (!method.equals("GET")) {
            return Reply.error(ErrNo.INVALID_PARAMETER, 405, "method " + method + " not allowed on " + p);
        }
        if (p.equals("/nbiot/offline/history")) {
            return list(imei, q);
        }
        String uuid = p.substring("/nbiot/offline/history/".length());
        return commands.find(imei, uuid).map(c -> Reply.ok(detail(c)))
                .orElseGet(() -> Reply.error(ErrNo.INVALID_PARAMETER, "no cached command " + uuid + " for imei "
                        + imei));
    }

    /** list/9…, 10…, 11…: the instant call's parameters plus valid_time, expired_time, retry, trigger_msg. */
    private Reply add(String method, String instantPath, String rawQuery, Map<String, String> q, String body,
                      CachedCommand.Type type) {
        String expiredText = q.get("expired_time");
        if (expiredText == null || expiredText.isEmpty()) {
            return Reply.error(ErrNo.PARAMETER_REQUIRED, "expired_time required");
        }
        Optional<Instant> expired = OneNetTime.parse(expiredText);
        if (expired.isEmpty()) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "expired_time must be like 2018-03-08T17:30:00: "
                    + expiredText);
        }
        Instant now = clock.instant();
        Optional<Instant> valid = Optional.empty();
        if (q.containsKey("valid_time")) {
            valid = OneNetTime.parse(q.get("valid_time"));
            if (valid.isEmpty()) {
                return Reply.error(ErrNo.INVALID_PARAMETER, "valid_time must be like 2018-03-08T17:30:00: "
                        + q.get("valid_time"));
            }
            if (!valid.get().isAfter(now)) {
                // "填写必须大于OneNET服务器的当前时间"
                return Reply.error(ErrNo.INVALID_PARAMETER, "valid_time must be after the platform's time "
                        + OneNetTime.format(now));
            }
        }
        if (!expired.get().isAfter(valid.orElse(now))) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "expired_time must be after valid_time");
        }
        Integer retry = Params.intIn(q, "retry", 0, 10, 3);
        if (retry == null) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "retry must be an integer 0..10: " + q.get("retry"));
        }
        Integer trigger = Params.intIn(q, "trigger_msg", 1, 7, 7);
        if (trigger == null) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "trigger_msg must be an integer 1..7: "
                    + q.get("trigger_msg"));
        }
        String bin2hex = q.get("bin2hex");
        if (bin2hex != null && !bin2hex.equals("true") && !bin2hex.equals("false")) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "bin2hex must be true or false: " + bin2hex);
        }
        ApiRequest.Parsed parsed = ApiRequest.parse(method, instantPath, rawQuery, body);
        if (parsed instanceof ApiRequest.Parsed.Rejected r) {
            return Reply.error(r.errno(), r.httpStatus(), r.message());
        }
        ApiRequest request = ((ApiRequest.Parsed.Ok) parsed).request();
        JsonNode content = Params.object(body).orElse(null);
        return commands.add(request.imei(), type, request, q, content, valid, expired.get(), trigger, retry);
    }

    /** list/12check-spe-dev-cache-comm-list.md: start required; end, page, per_page, sort (DESC default). */
    private Reply list(String imei, Map<String, String> q) {
        String startText = q.get("start");
        if (startText == null || startText.isEmpty()) {
            return Reply.error(ErrNo.PARAMETER_REQUIRED, "start required");
        }
        Optional<Instant> start = OneNetTime.parse(startText);
        Optional<Instant> end = q.containsKey("end") ? OneNetTime.parse(q.get("end")) : Optional.empty();
        if (start.isEmpty() || q.containsKey("end") && end.isEmpty()) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "start and end must be like 2018-03-08T17:30:00");
        }
        Integer page = Params.intIn(q, "page", 1, 1_000_000, 1);
        Integer perPage = Params.intIn(q, "per_page", 1, 1000, 10);
        String sort = q.getOrDefault("sort", "DESC");
        if (page == null || perPage == null || !sort.equals("DESC") && !sort.equals("ASC")) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "page and per_page must be positive integers, sort DESC|ASC");
        }
        List<CachedCommand> all = new ArrayList<>(commands.history(imei, start.get(), end));
        Comparator<CachedCommand> byCreation = Comparator.comparing(c -> c.created);
        all.sort(sort.equals("ASC") ? byCreation : byCreation.reversed());
        List<Map<String, Object>> items = new ArrayList<>();
        int from = Math.min(all.size(), (page - 1) * perPage);
        synchronized (commands) {
            for (CachedCommand c : all.subList(from, Math.min(all.size(), from + perPage))) {
                items.add(item(c, false));
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("total_count", all.size());
        data.put("items", items);
        return Reply.ok(data);
    }

    private Map<String, Object> detail(CachedCommand c) {
        synchronized (commands) {
            return item(c, true);
        }
    }

    /** An item of the list (list/12…) or the detail (list/13…); absent times are left out ("可能不存在"). */
    private static Map<String, Object> item(CachedCommand c, boolean detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!detail) {
            m.put("cmd_uuid", c.uuid);
        }
        m.put("type", c.type.name());
        if (detail) {
            m.put("args", c.args);
            m.put("content", c.content == null ? Map.of() : c.content);
        }
        m.put("create_time", OneNetTime.format(c.created));
        m.put("valid_time", OneNetTime.format(c.valid));
        m.put("expired_time", OneNetTime.format(c.expired));
        if (c.sendTime != null) {
            m.put("send_time", OneNetTime.format(c.sendTime));
        }
        m.put("trigger_msg", c.triggerMsg);
        m.put("send_status", c.sendStatus);
        if (c.confirmTime != null) {
            m.put("confirm_time", OneNetTime.format(c.confirmTime));
            m.put("confirm_status", c.confirmStatus);
        }
        if (detail) {
            if (c.sendStatus == CachedCommand.SUCCESS && c.cmdResult != null) {
                m.put("cmd_result", c.cmdResult);
            }
            List<Map<String, Object>> feedback = new ArrayList<>();
            for (CachedCommand.Feedback f : c.feedback) {
                feedback.add(Map.of("feedback_time", OneNetTime.format(f.at()), "feedback_status", f.status()));
            }
            m.put("feedback_msg", feedback);
        } else if (!c.feedback.isEmpty()) {
            m.put("feedback_time", OneNetTime.format(c.feedback.get(c.feedback.size() - 1).at()));
        }
        m.put("imei", c.imei);
        m.put("remain", c.remain);
        return m;
    }
}
