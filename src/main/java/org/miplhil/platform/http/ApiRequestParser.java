package org.miplhil.platform.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.miplhil.json.Json;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.NotificationAttributes;
import org.miplhil.platform.WriteMode;
import org.miplhil.platform.http.ApiRequest.Discover;
import org.miplhil.platform.http.ApiRequest.Execute;
import org.miplhil.platform.http.ApiRequest.Observe;
import org.miplhil.platform.http.ApiRequest.Parsed;
import org.miplhil.platform.http.ApiRequest.Read;
import org.miplhil.platform.http.ApiRequest.Resources;
import org.miplhil.platform.http.ApiRequest.Write;
import org.miplhil.platform.http.ApiRequest.WriteItem;

/** The parsing behind {@link ApiRequest#parse}. */
final class ApiRequestParser {
    private static final Set<String> PATHS =
            Set.of("/nbiot", "/nbiot/execute", "/nbiot/observe", "/nbiot/discover", "/nbiot/resources", "/nbiot/fota");

    private ApiRequestParser() {
    }

    /** Signals a rejection from deep inside the parser; never escapes {@link #parse}. */
    private static final class Reject extends Exception {
        final ErrNo errno;
        final int status;

        Reject(ErrNo errno, String message) {
            this(errno, errno.httpStatus(), message);
        }

        Reject(ErrNo errno, int status, String message) {
            super(message, null, false, false);
            this.errno = errno;
            this.status = status;
        }
    }

    static Parsed parse(String method, String path, String rawQuery, String body) {
        try {
            return new Parsed.Ok(call(method == null ? "" : method, path == null ? "" : path, rawQuery,
                    body == null ? "" : body));
        } catch (Reject r) {
            return new Parsed.Rejected(r.errno, r.status, r.getMessage());
        }
    }

    private static ApiRequest call(String method, String path, String rawQuery, String body) throws Reject {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (!PATHS.contains(p)) {
            throw new Reject(ErrNo.INVALID_PARAMETER, 404, "no such API: " + path);
        }
        String expected = p.equals("/nbiot") || p.equals("/nbiot/fota") ? null
                : p.equals("/nbiot/discover") || p.equals("/nbiot/resources") ? "GET" : "POST";
        if (expected != null && !expected.equals(method) || expected == null && !method.equals("GET")
                && !method.equals("POST")) {
            throw new Reject(ErrNo.INVALID_PARAMETER, 405, "method " + method + " not allowed on " + p);
        }
        Map<String, String> q = query(rawQuery);
        String imei = imei(q);
        switch (p) {
            case "/nbiot":
                return method.equals("GET") ? read(imei, q) : write(imei, q, body);
            case "/nbiot/execute":
                return execute(imei, q, body);
            case "/nbiot/observe":
                return observe(imei, q);
            case "/nbiot/discover":
                return new Discover(imei, path(q, false, false), timeout(q));
            case "/nbiot/fota":
                return method.equals("GET") ? new ApiRequest.FotaStatus(imei) : fota(imei, q);
            default:
                return new Resources(imei, optionalId(q, "obj_id"));
        }
    }

    private static ApiRequest.FotaStart fota(String imei, Map<String, String> q) throws Reject {
        String file = q.get("file");
        if (file == null || file.isEmpty()) {
            throw new Reject(ErrNo.PARAMETER_REQUIRED, "file required");
        }
        if (file.length() > 255 || file.equals(".") || file.equals("..") || file.contains("/") || file.contains("\\")
                || file.chars().anyMatch(c -> c < 0x20)) {
            throw new Reject(ErrNo.INVALID_PARAMETER, "file must be the name of a file of the package directory: "
                    + file);
        }
        String version = q.get("version");
        if (version == null || version.isEmpty()) {
            throw new Reject(ErrNo.PARAMETER_REQUIRED, "version required");
        }
        String trigger = q.getOrDefault("trigger", "now");
        if (!trigger.equals("now") && !trigger.equals("next_uplink")) {
            throw new Reject(ErrNo.INVALID_PARAMETER, "trigger must be now or next_uplink: " + trigger);
        }
        int step = q.containsKey("step_timeout") ? requiredInt(q, "step_timeout", 1, 3600) : 25;
        int phase = q.containsKey("phase_timeout") ? requiredInt(q, "phase_timeout", 1, 86400) : 600;
        return new ApiRequest.FotaStart(imei, file, version, trigger.equals("next_uplink"), Duration.ofSeconds(step),
                Duration.ofSeconds(phase));
    }

    private static Read read(String imei, Map<String, String> q) throws Reject {
        return new Read(imei, path(q, false, true), timeout(q));
    }

    private static Write write(String imei, Map<String, String> q, String body) throws Reject {
        NodePath instance = path(q, true, false);
        int mode = requiredInt(q, "mode", 1, 2);
        Duration timeout = timeout(q);
        if (body.isBlank()) {
            throw new Reject(ErrNo.PARAMETER_REQUIRED, "body with \"data\" required");
        }
        JsonNode data = jsonObject(body).get("data");
        if (data == null) {
            throw new Reject(ErrNo.PARAMETER_REQUIRED, "\"data\" required");
        }
        if (!data.isArray() || data.isEmpty()) {
            throw new Reject(ErrNo.INVALID_PARAMETER, "\"data\" must be a non-empty array");
        }
        List<WriteItem> items = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < data.size(); i++) {
            JsonNode m = data.get(i);
            if (!m.isObject()) {
                throw new Reject(ErrNo.INVALID_PARAMETER, "data[" + i + "] must be an object");
            }
            JsonNode resId = m.get("res_id");
            if (resId == null) {
                throw new Reject(ErrNo.PARAMETER_REQUIRED, "data[" + i + "].res_id required");
            }
            if (!resId.isIntegralNumber() || !resId.canConvertToInt() || resId.intValue() < 0
                    || resId.intValue() > 65535) {
                throw new Reject(ErrNo.INVALID_PARAMETER, "data[" + i + "].res_id must be an integer 0..65535");
            }
            int id = resId.intValue();
            if (!seen.add(id)) {
                throw new Reject(ErrNo.INVALID_PARAMETER, "data[" + i + "].res_id " + id + " given twice");
            }
            JsonNode val = m.get("val");
            if (val == null || val.isNull()) {
                throw new Reject(ErrNo.PARAMETER_REQUIRED, "data[" + i + "].val required");
            }
            int type = 0;
            JsonNode t = m.get("type");
            if (t != null) {
                if (!t.isIntegralNumber() || !t.canConvertToInt() || t.intValue() < 1 || t.intValue() > 2) {
                    throw new Reject(ErrNo.INVALID_PARAMETER,
                            "data[" + i + "].type must be 1 (opaque) or 2 (time)");
                }
                type = t.intValue();
            }
            items.add(new WriteItem(id, val, type));
        }
        return new Write(imei, instance, mode == 1 ? WriteMode.REPLACE : WriteMode.PARTIAL_UPDATE, items, timeout);
    }

    private static Execute execute(String imei, Map<String, String> q, String body) throws Reject {
        NodePath resource = path(q, true, true);
        if (!resource.isResource()) {
            throw new Reject(ErrNo.PARAMETER_REQUIRED, "res_id required");
        }
        Duration timeout = timeout(q);
        String args = "";
        if (!body.isBlank()) {
            JsonNode a = jsonObject(body).get("args");
            if (a != null && !a.isNull()) {
                if (!a.isTextual()) {
                    throw new Reject(ErrNo.INVALID_PARAMETER, "\"args\" must be a string");
                }
                args = a.textValue();
            }
        }
        return new Execute(imei, resource, args, timeout);
    }

    private static Observe observe(String imei, Map<String, String> q) throws Reject {
        NodePath path = path(q, false, true);
        // OneNET: "If cancel is non true|false, it will be false by default."
        boolean cancel = "true".equals(q.get("cancel"));
        OptionalLong pmin = optionalLong(q, "pmin");
        OptionalLong pmax = optionalLong(q, "pmax");
        OptionalDouble gt = optionalDouble(q, "gt");
        OptionalDouble lt = optionalDouble(q, "lt");
        OptionalDouble st = optionalDouble(q, "st");
        // OneNET's rules for the observe API
        if (pmin.isPresent() && pmax.isPresent()
                && (pmin.getAsLong() <= 0 || pmax.getAsLong() < pmin.getAsLong())) {
            throw new Reject(ErrNo.INVALID_PARAMETER, "with pmin and pmax, both must be > 0 and pmax >= pmin");
        }
        if ((gt.isPresent() || lt.isPresent() || st.isPresent()) && !path.isResource()) {
            throw new Reject(ErrNo.INVALID_PARAMETER, "gt, lt and st need res_id");
        }
        if (lt.isPresent() && gt.isPresent()) {
            double l = lt.getAsDouble();
            double g = gt.getAsDouble();
            if (!(l < g) || st.isPresent() && !(l + 2 * st.getAsDouble() < g)) {
                throw new Reject(ErrNo.INVALID_PARAMETER, "need lt < gt and lt + 2*st < gt");
            }
        }
        if (st.isPresent() && st.getAsDouble() < 0) {
            throw new Reject(ErrNo.INVALID_PARAMETER, "st must be >= 0");
        }
        return new Observe(imei, path, cancel, new NotificationAttributes(pmin, pmax, gt, lt, st), timeout(q));
    }

    private static JsonNode jsonObject(String body) throws Reject {
        if (body.getBytes(StandardCharsets.UTF_8).length > ApiRequest.MAX_BODY_BYTES) {
            throw new Reject(ErrNo.INVALID_PARAMETER, "body over " + ApiRequest.MAX_BODY_BYTES + " bytes");
        }
        Json.Parsed parsed = Json.parse(body);
        if (parsed instanceof Json.Parsed.Error e) {
            throw new Reject(ErrNo.INVALID_PARAMETER, "body is not JSON: " + e);
        }
        JsonNode v = ((Json.Parsed.Ok) parsed).value();
        if (!v.isObject()) {
            throw new Reject(ErrNo.INVALID_PARAMETER, "body must be a JSON object");
        }
        return v;
    }

    /** obj_id required; obj_inst_id required if {@code needInstance}; res_id allowed if {@code allowResource}. */
    private static NodePath path(Map<String, String> q, boolean needInstance, boolean allowResource)
            throws Reject {
        int objId = requiredInt(q, "obj_id", 0, 65535);
        OptionalInt insId = optionalId(q, "obj_inst_id");
        OptionalInt resId = allowResource ? optionalId(q, "res_id") : OptionalInt.empty();
        if (needInstance && insId.isEmpty()) {
            throw new Reject(ErrNo.PARAMETER_REQUIRED, "obj_inst_id required");
        }
        if (resId.isPresent() && insId.isEmpty()) {
            // OneNET: "When obj_inst_id does not exist, resource_id must not exist."
            throw new Reject(ErrNo.INVALID_PARAMETER, "res_id given without obj_inst_id");
        }
        if (insId.isEmpty()) {
            return NodePath.object(objId);
        }
        return resId.isEmpty() ? NodePath.instance(objId, insId.getAsInt())
                : NodePath.resource(objId, insId.getAsInt(), resId.getAsInt());
    }

    private static String imei(Map<String, String> q) throws Reject {
        String imei = q.get("imei");
        if (imei == null || imei.isEmpty()) {
            throw new Reject(ErrNo.PARAMETER_REQUIRED, "imei required");
        }
        if (imei.length() > ApiRequest.MAX_IMEI_CHARS || imei.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new Reject(ErrNo.INVALID_PARAMETER, "imei must be 1.." + ApiRequest.MAX_IMEI_CHARS + " printable characters");
        }
        return imei;
    }

    private static Duration timeout(Map<String, String> q) throws Reject {
        if (!q.containsKey("timeout")) {
            return Duration.ofSeconds(ApiRequest.DEFAULT_TIMEOUT_S);
        }
        return Duration.ofSeconds(requiredInt(q, "timeout", ApiRequest.MIN_TIMEOUT_S, ApiRequest.MAX_TIMEOUT_S));
    }

    private static int requiredInt(Map<String, String> q, String name, int min, int max) throws Reject {
        String v = q.get(name);
        if (v == null || v.isEmpty()) {
            throw new Reject(ErrNo.PARAMETER_REQUIRED, name + " required");
        }
        return intIn(name, v, min, max);
    }

    private static OptionalInt optionalId(Map<String, String> q, String name) throws Reject {
        String v = q.get(name);
        return v == null ? OptionalInt.empty() : OptionalInt.of(intIn(name, v, 0, 65535));
    }

    private static int intIn(String name, String v, int min, int max) throws Reject {
        if (v.isEmpty() || v.length() > 10 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Reject(ErrNo.INVALID_PARAMETER, name + " must be an integer " + min + ".." + max + ": " + v);
        }
        long n = Long.parseLong(v);
        if (n < min || n > max) {
            throw new Reject(ErrNo.INVALID_PARAMETER, name + " must be an integer " + min + ".." + max + ": " + v);
        }
        return (int) n;
    }

    private static OptionalLong optionalLong(Map<String, String> q, String name) throws Reject {
        String v = q.get(name);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (v.isEmpty() || v.length() > 10 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Reject(ErrNo.INVALID_PARAMETER, name + " must be a non-negative integer: " + v);
        }
        return OptionalLong.of(Long.parseLong(v));
    }

    private static OptionalDouble optionalDouble(Map<String, String> q, String name) throws Reject {
        String v = q.get(name);
        if (v == null) {
            return OptionalDouble.empty();
        }
        Json.Parsed parsed = Json.parse(v);
        if (parsed instanceof Json.Parsed.Ok ok && ok.value().isNumber()) {
            double d = ok.value().doubleValue();
            if (Double.isFinite(d)) {
                return OptionalDouble.of(d);
            }
        }
        throw new Reject(ErrNo.INVALID_PARAMETER, name + " must be a number: " + v);
    }

    /** Decoded query parameters; a parameter given twice or undecodable is rejected. */
    static Map<String, String> query(String rawQuery) throws Reject {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k;
            String v;
            try {
                k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Reject(ErrNo.INVALID_PARAMETER, "undecodable query parameter: " + pair);
            }
            if (out.containsKey(k)) {
                throw new Reject(ErrNo.INVALID_PARAMETER, "parameter " + k + " given twice");
            }
            out.put(k, v);
        }
        return out;
    }
}
