package org.miplhil.platform.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.miplhil.platform.Device;
import org.miplhil.platform.Notification;
import org.miplhil.platform.PlatformListener;
import org.miplhil.platform.ResourceData;

/**
 * The latest data point of each data stream of each device, for the legacy {@code GET /devices/datapoints?devIds=}
 * (list/20batch-query-dev-latest-data.md: at most 500 ids, data {@code {devices:[{id, title, datastreams:[{id, at,
 * value}]}]}}, {@code at} Beijing time, {@code value} a string). A device's data streams are its resources that
 * notified, named {@code objId_insId_resId} as OneNET's push names them (httppush/develop-manual.md {@code ds_id});
 * a value of a resource instance is not a data stream of its own and is left out.
 */
final class LatestDataPoints implements PlatformListener {

    /** The documented limit of {@code devIds}. */
    static final int MAX_DEVICES = 500;

    /** One data stream's latest point. */
    record Point(String at, String value) {
    }

    private final DeviceRegistry registry;
    /** IMEI → data stream id → latest point, in order of first sight. */
    private final Map<String, Map<String, Point>> latest = new ConcurrentHashMap<>();

    LatestDataPoints(DeviceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onNotification(Notification n) {
        if (!n.code().isSuccess()) {
            return;
        }
        String at = OneNetTime.format(n.receivedAt());
        Map<String, Point> streams = latest.computeIfAbsent(Device.imeiOf(n.endpoint()),
                k -> java.util.Collections.synchronizedMap(new LinkedHashMap<>()));
        for (ResourceData d : n.values()) {
            if (d.path().isResource()) {
                String ds = d.path().objId() + "_" + d.path().insId() + "_" + d.path().resId();
                streams.put(ds, new Point(at, String.valueOf(ApiValues.toJson(d.value()))));
            }
        }
    }

    /** {@code GET /devices/datapoints?devIds=a,b}: unknown ids are left out, as {@code /devices/status} does. */
    Reply query(String devIds) {
        if (devIds == null || devIds.isEmpty()) {
            return Reply.error(ErrNo.PARAMETER_REQUIRED, "devIds required");
        }
        String[] ids = devIds.split(",");
        if (ids.length > MAX_DEVICES) {
            return Reply.error(ErrNo.SYSTEM_LOGIC_LIMIT, "at most " + MAX_DEVICES + " devIds");
        }
        List<Map<String, Object>> devices = new ArrayList<>();
        for (String id : ids) {
            registry.byId(id.trim()).ifPresent(d -> {
                List<Map<String, Object>> streams = new ArrayList<>();
                Map<String, Point> points = latest.getOrDefault(d.imei(), Map.of());
                synchronized (points) {
                    points.forEach((ds, p) -> {
                        Map<String, Object> s = new LinkedHashMap<>();
                        s.put("id", ds);
                        s.put("at", p.at());
                        s.put("value", p.value());
                        streams.add(s);
                    });
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", d.devId());
                m.put("title", d.title());
                m.put("datastreams", streams);
                devices.add(m);
            });
        }
        return Reply.ok(Map.of("devices", devices));
    }
}
