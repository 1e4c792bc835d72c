package org.miplhil.platform.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.miplhil.platform.Platform;

/**
 * Device creation, lookup and deletion. Legacy (list/1create-device.md, 2check-a-device.md, 3remove-device.md,
 * 19batch-query-dev-status.md, 20batch-query-dev-latest-data.md, 22imei-query-dev-inf.md): {@code POST /devices},
 * {@code GET /devices/{id}}, {@code DELETE /devices/{id}}, {@code GET /devices/status?devIds=},
 * {@code GET /devices/datapoints?devIds=} ({@link LatestDataPoints}), {@code GET /devices/getbyimei?imei=}.
 * Current ({@code iot-api.heclouds.com/device/…} as its clients call it; members as the OneNET Studio device pages,
 * iot_platform/book/api/common/): {@code POST /device/create}, {@code GET /device/detail}, {@code POST /device/delete}.
 */
final class DeviceCalls {

    private final DeviceRegistry registry;
    private final Platform platform;
    private final LatestDataPoints dataPoints;

    DeviceCalls(DeviceRegistry registry, Platform platform, LatestDataPoints dataPoints) {
        this.registry = registry;
        this.platform = platform;
        this.dataPoints = dataPoints;
    }

    static boolean handles(String path) {
        return path.equals("/devices") || path.startsWith("/devices/") || path.startsWith("/device/");
    }

    Reply call(String method, String path, String rawQuery, String body) {
        Optional<Map<String, String>> query = Params.query(rawQuery);
        if (query.isEmpty()) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "undecodable or repeated query parameter");
        }
        Map<String, String> q = query.get();
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        switch (p) {
            case "/devices":
                return method.equals("POST") ? createLegacy(body) : notAllowed(method, p);
            case "/devices/getbyimei":
                return method.equals("GET") ? byImei(q.get("imei")) : notAllowed(method, p);
            case "/devices/status":
                return method.equals("GET") ? status(q.get("devIds")) : notAllowed(method, p);
            case "/devices/datapoints":
                return method.equals("GET") ? dataPoints.query(q.get("devIds")) : notAllowed(method, p);
            case "/device/create":
                return method.equals("POST") ? createCurrent(body) : notAllowed(method, p);
            case "/device/detail":
                return method.equals("GET") ? detailCurrent(q.get("product_id"), q.get("device_name"))
                        : notAllowed(method, p);
            case "/device/delete":
                return method.equals("POST") ? deleteCurrent(body) : notAllowed(method, p);
            default:
                break;
        }
        if (p.startsWith("/devices/") && p.indexOf('/', "/devices/".length()) < 0) {
            String id = p.substring("/devices/".length());
            if (method.equals("GET")) {
                return registry.byId(id).map(d -> Reply.ok(legacyDetail(d)))
                        .orElseGet(() -> Reply.error(ErrNo.NOT_FOUND, "no device " + id));
            }
            if (method.equals("DELETE")) {
                return registry.delete(id) ? Reply.ok(null) : Reply.error(ErrNo.NOT_FOUND, "no device " + id);
            }
            return notAllowed(method, p);
        }
        return Reply.error(ErrNo.INVALID_PARAMETER, 404, "no such API: " + path);
    }

    private static Reply notAllowed(String method, String path) {
        return Reply.error(ErrNo.INVALID_PARAMETER, 405, "method " + method + " not allowed on " + path);
    }

    /** list/1create-device.md: title, protocol LwM2M, auth_info {imei: imsi} required; obsv default true. */
    private Reply createLegacy(String body) {
        Optional<JsonNode> o = Params.object(body);
        if (o.isEmpty()) {
            return Reply.error(ErrNo.PARAMETER_REQUIRED, "a JSON object body (at most 2 KB) required");
        }
        JsonNode b = o.get();
        String title = Params.text(b, "title");
        if (title == null || title.isBlank()) {
            return Reply.error(ErrNo.PARAMETER_REQUIRED, "title required");
        }
        String protocol = Params.text(b, "protocol");
        if (protocol == null) {
            return Reply.error(ErrNo.PARAMETER_REQUIRED, "protocol required");
        }
        if (!protocol.equalsIgnoreCase("LwM2M")) {
            // the page says "LwM2M"; the legacy SDK sends "LWM2M"
            return Reply.error(ErrNo.INVALID_PARAMETER, "protocol can only be LwM2M: " + protocol);
        }
        JsonNode auth = b.get("auth_info");
        if (auth == null) {
            return Reply.error(ErrNo.PARAMETER_REQUIRED, "auth_info required");
        }
        if (!auth.isObject() || auth.size() != 1) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "auth_info must be {\"<imei>\":\"<imsi>\"}");
        }
        String imei = auth.fieldNames().next();
        String imsi = auth.get(imei).isTextual() ? auth.get(imei).textValue() : auth.get(imei).toString();
        return create(b, title, imei, imsi, null, false, d -> Map.of("device_id", d.devId()));
    }

    /**
     * Both generations' creation once the required members are there: IMEI and IMSI checked, {@code obsv} a boolean
     * (default true), the name not taken; {@code data} is the answer's data for the created device.
     */
    private Reply create(JsonNode b, String name, String imei, String imsi, String product, boolean current,
                         java.util.function.Function<DeviceRegistry.Created, Object> data) {
        Optional<Reply> bad = checkImeiImsi(imei, imsi);
        if (bad.isPresent()) {
            return bad.get();
        }
        JsonNode obsv = b.get("obsv");
        if (obsv != null && !obsv.isBoolean()) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "obsv must be true or false");
        }
        String desc = Params.text(b, "desc");
        DeviceRegistry.Creation c = registry.create(name, desc == null ? "" : desc, imei, imsi,
                obsv == null || obsv.booleanValue(), product, current);
        if (c instanceof DeviceRegistry.Creation.Taken t) {
            return Reply.error(ErrNo.ALREADY_EXISTS, t.what() + " exists");
        }
        return Reply.ok(data.apply(((DeviceRegistry.Creation.Done) c).device()));
    }

    /** IMEI 15 digits, first not 0 (or a 4-digit test device); IMSI 1..15 digits (list/1create-device.md). */
    private static Optional<Reply> checkImeiImsi(String imei, String imsi) {
        boolean formal = Params.digits(imei, 15, 15) && imei.charAt(0) != '0';
        if (!formal && !Params.digits(imei, 4, 4)) {
            return Optional.of(Reply.error(ErrNo.INVALID_PARAMETER, "imei must be 15 digits, the first not 0: "
                    + imei));
        }
        if (!Params.digits(imsi, 1, 15)) {
            return Optional.of(Reply.error(ErrNo.INVALID_PARAMETER, "imsi must be 1..15 digits"));
        }
        return Optional.empty();
    }

    private Map<String, Object> legacyDetail(DeviceRegistry.Created d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.devId());
        m.put("title", d.title());
        m.put("desc", d.desc());
        m.put("protocol", "LwM2M");
        m.put("create_time", OneNetTime.format(d.createdAt()));
        m.put("online", registry.online(d.imei()));
        m.put("obsv", d.obsv());
        m.put("obsv_st", observing(d.imei()));
        m.put("private", true);
        m.put("tags", List.of());
        m.put("auth_info", Map.of(d.imei(), d.imsi()));
        m.put("rg_id", d.imei());
        m.put("imsi", d.imsi());
        registry.activatedAt(d.imei()).ifPresent(t -> m.put("act_time", OneNetTime.format(t)));
        registry.lastContact(d.imei()).ifPresent(t -> m.put("last_ct", OneNetTime.format(t)));
        m.put("datastreams", List.of());
        return m;
    }

    /** obsv_st: the platform observes something of the device now (its auto-observe took). */
    private boolean observing(String imei) {
        return registry.endpoint(imei).map(e -> !platform.observations(e).isEmpty()).orElse(false);
    }

    /** list/22imei-query-dev-inf.md; the example's member name {@code observe_status}. */
    private Reply byImei(String imei) {
        if (imei == null || imei.isEmpty()) {
            return Reply.error(ErrNo.PARAMETER_REQUIRED, "imei required");
        }
        Optional<DeviceRegistry.Created> d = registry.byImei(imei);
        if (d.isEmpty()) {
            return Reply.error(ErrNo.NOT_FOUND, "no device with imei " + imei);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("create_time", OneNetTime.format(d.get().createdAt()));
        m.put("id", d.get().devId());
        m.put("online", registry.online(imei));
        m.put("observe_status", observing(imei));
        m.put("title", d.get().title());
        if (!d.get().desc().isEmpty()) {
            m.put("desc", d.get().desc());
        }
        return Reply.ok(m);
    }

    /** list/19batch-query-dev-status.md: up to 1000 ids; unknown ids are left out. */
    private Reply status(String devIds) {
        if (devIds == null || devIds.isEmpty()) {
            return Reply.error(ErrNo.PARAMETER_REQUIRED, "devIds required");
        }
        String[] ids = devIds.split(",");
        if (ids.length > 1000) {
            return Reply.error(ErrNo.SYSTEM_LOGIC_LIMIT, "at most 1000 devIds");
        }
        List<Map<String, Object>> devices = new ArrayList<>();
        for (String id : ids) {
            registry.byId(id.trim()).ifPresent(d -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", d.devId());
                m.put("title", d.title());
                m.put("online", registry.online(d.imei()));
                devices.add(m);
            });
        }
        return Reply.ok(Map.of("total_count", devices.size(), "devices", devices));
    }

    /** Current: {@code {product_id, device_name, imei, imsi[, desc][, obsv]}}; imei and imsi required for LwM2M. */
    private Reply createCurrent(String body) {
        Optional<JsonNode> o = Params.object(body);
        if (o.isEmpty()) {
            return Reply.error(ErrNo.PARAMETER_REQUIRED, "a JSON object body (at most 2 KB) required");
        }
        JsonNode b = o.get();
        String product = Params.text(b, "product_id");
        String name = Params.text(b, "device_name");
        String imei = Params.text(b, "imei");
        String imsi = Params.text(b, "imsi");
        for (String[] m : new String[][] {{"product_id", product}, {"device_name", name}, {"imei", imei},
                {"imsi", imsi}}) {
            if (m[1] == null || m[1].isEmpty()) {
                return Reply.error(ErrNo.PARAMETER_REQUIRED, m[0] + " required");
            }
        }
        return create(b, name, imei, imsi, product, true, this::currentDetail);
    }

    private Reply detailCurrent(String product, String name) {
        if (name == null || name.isEmpty()) {
            return Reply.error(ErrNo.PARAMETER_REQUIRED, "device_name required");
        }
        return registry.byName(product, name).map(d -> Reply.ok(currentDetail(d)))
                .orElseGet(() -> Reply.error(ErrNo.NOT_FOUND, "no device " + name));
    }

    private Reply deleteCurrent(String body) {
        Optional<JsonNode> o = Params.object(body);
        String name = o.map(b -> Params.text(b, "device_name")).orElse(null);
        if (name == null || name.isEmpty()) {
            return Reply.error(ErrNo.PARAMETER_REQUIRED, "device_name required");
        }
        Optional<DeviceRegistry.Created> d = registry.byName(o.map(b -> Params.text(b, "product_id")).orElse(null),
                name);
        if (d.isEmpty()) {
            return Reply.error(ErrNo.NOT_FOUND, "no device " + name);
        }
        registry.delete(d.get().devId());
        return Reply.ok(null);
    }

    /** status: 1 online (as the current API's clients read it), 0 offline, 2 never online (assumed). */
    private Map<String, Object> currentDetail(DeviceRegistry.Created d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("did", d.devId());
        m.put("pid", d.productId());
        m.put("name", d.title());
        m.put("desc", d.desc());
        m.put("imei", d.imei());
        m.put("imsi", d.imsi());
        m.put("obsv", d.obsv());
        m.put("status", registry.online(d.imei()) ? 1 : registry.activatedAt(d.imei()).isPresent() ? 0 : 2);
        m.put("create_time", d.createdAt().toString());
        registry.activatedAt(d.imei()).ifPresent(t -> m.put("activate_time", t.toString()));
        registry.lastContact(d.imei()).ifPresent(t -> m.put("last_time", t.toString()));
        return m;
    }
}
