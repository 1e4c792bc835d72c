package org.miplhil.platform.http;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The history of data points, both generations: legacy {@code GET /devices/{device_id}/datapoints}
 * (nb-iot list/21check-datapoint.md; multiprotocol "查询设备历史数据" for {@code duration} and {@code sort}) and the
 * current {@code GET /datapoint/history-datapoints?product_id&device_name…} with the same parameters (as its public
 * clients call it). Parameters: {@code datastream_id} (comma separated), {@code start} and {@code end}
 * ({@code 2015-01-10T08:00:35}, Beijing), {@code duration} (seconds), {@code limit} (1..6000, default 100),
 * {@code cursor}, {@code sort} ({@code ASC} default, {@code DESC}). Without {@code start}, {@code duration} or
 * {@code cursor} it answers each data stream's latest point, or its latest {@code limit} points (the page's rules 1
 * and 2; {@code end} alone is ignored, rule 3); else the points in the span in order, {@code limit} of them, and a
 * {@code cursor} when more remain (rule 4). Data: {@code {cursor?, count, datastreams:[{id, datapoints:[{at,
 * value}]}]}}, {@code count} the points returned, {@code at} to the millisecond, {@code value} a string as the
 * LwM2M page's example gives it.
 */
final class HistoryCalls {

    static final String CURRENT_PATH = "/datapoint/history-datapoints";
    static final int MAX_LIMIT = 6000;
    static final int DEFAULT_LIMIT = 100;

    private final DeviceRegistry registry;
    private final DataPointHistory history;
    private final Clock clock;

    HistoryCalls(DeviceRegistry registry, DataPointHistory history, Clock clock) {
        this.registry = registry;
        this.history = history;
        this.clock = clock;
    }

    static boolean handles(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.equals(CURRENT_PATH) || p.startsWith("/devices/") && p.endsWith("/datapoints")
                && p.indexOf('/', "/devices/".length()) == p.length() - "/datapoints".length();
    }

    Reply call(String method, String path, String rawQuery) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (!method.equals("GET")) {
            return Reply.error(ErrNo.INVALID_PARAMETER, 405, "method " + method + " not allowed on " + p);
        }
        Optional<Map<String, String>> query = Params.query(rawQuery);
        if (query.isEmpty()) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "undecodable or repeated query parameter");
        }
        Map<String, String> q = query.get();
        Optional<DeviceRegistry.Created> device;
        if (p.equals(CURRENT_PATH)) {
            String product = q.get("product_id");
            String name = q.get("device_name");
            if (product == null || product.isEmpty() || name == null || name.isEmpty()) {
                return Reply.error(ErrNo.PARAMETER_REQUIRED, "product_id and device_name required");
            }
            device = registry.byName(product, name);
        } else {
            device = registry.byId(p.substring("/devices/".length(), p.length() - "/datapoints".length()));
        }
        if (device.isEmpty()) {
            return Reply.error(ErrNo.NOT_FOUND, "no such device");
        }
        return answer(device.get(), q);
    }

    private Reply answer(DeviceRegistry.Created device, Map<String, String> q) {
        Integer limit = Params.intIn(q, "limit", 1, MAX_LIMIT, -1);
        if (limit == null) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "limit must be 1.." + MAX_LIMIT);
        }
        Integer duration = Params.intIn(q, "duration", 1, Integer.MAX_VALUE - 1, -1);
        if (duration == null) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "duration must be a positive number of seconds");
        }
        String sortText = q.getOrDefault("sort", "ASC").toUpperCase(Locale.ROOT);
        if (!sortText.equals("ASC") && !sortText.equals("DESC")) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "sort must be ASC or DESC");
        }
        boolean desc = sortText.equals("DESC");
        Optional<Instant> start = Optional.empty();
        Optional<Instant> end = Optional.empty();
        for (String name : new String[] {"start", "end"}) {
            if (q.containsKey(name)) {
                Optional<Instant> t = OneNetTime.parse(q.get(name));
                if (t.isEmpty()) {
                    return Reply.error(ErrNo.INVALID_PARAMETER, name + " must be like 2015-01-10T08:00:35");
                }
                if (name.equals("start")) {
                    start = t;
                } else {
                    end = t.map(e -> e.plusMillis(999)); // the whole second named
                }
            }
        }
        long cursor = -1;
        if (q.containsKey("cursor")) {
            String[] parts = q.get("cursor").split("_", -1);
            if (parts.length != 3 || !Params.digits(parts[0], 1, 18)) {
                return Reply.error(ErrNo.INVALID_PARAMETER, "cursor is not one this API gave");
            }
            cursor = Long.parseLong(parts[0]);
        }
        if (duration > 0) {
            if (start.isPresent() && end.isEmpty()) {
                end = Optional.of(start.get().plusSeconds(duration));
            } else if (start.isEmpty()) {
                Instant to = end.orElse(clock.instant());
                start = Optional.of(to.minusSeconds(duration));
            }
        }
        Set<String> streams = q.containsKey("datastream_id") ? Set.of(q.get("datastream_id").split(",")) : null;
        List<DataPointHistory.Point> all = new ArrayList<>();
        for (DataPointHistory.Point pt : history.of(device.imei())) {
            if (streams == null || streams.contains(pt.ds())) {
                all.add(pt);
            }
        }
        if (start.isEmpty() && cursor < 0) {
            return Reply.ok(data(latest(all, limit < 0 ? 1 : limit, desc), Optional.empty()));
        }
        if (desc) {
            java.util.Collections.reverse(all);
        }
        List<DataPointHistory.Point> span = new ArrayList<>();
        for (DataPointHistory.Point pt : all) {
            boolean inTime = (start.isEmpty() || !pt.at().isBefore(start.get()))
                    && (end.isEmpty() || !pt.at().isAfter(end.get()));
            boolean afterCursor = cursor < 0 || (desc ? pt.seq() <= cursor : pt.seq() >= cursor);
            if (inTime && afterCursor) {
                span.add(pt);
            }
        }
        int n = Math.min(span.size(), limit < 0 ? DEFAULT_LIMIT : limit);
        Optional<String> next = Optional.empty();
        if (span.size() > n) {
            DataPointHistory.Point p = span.get(n);
            // the documented example's shape: 25971_564280_1448961152173
            next = Optional.of(p.seq() + "_" + device.devId() + "_" + p.at().toEpochMilli());
        }
        return Reply.ok(data(span.subList(0, n), next));
    }

    /** Each data stream's latest {@code limit} points of {@code oldestFirst}, then in the order asked. */
    private static List<DataPointHistory.Point> latest(List<DataPointHistory.Point> oldestFirst, int limit,
                                                       boolean desc) {
        Map<String, Integer> kept = new LinkedHashMap<>();
        List<DataPointHistory.Point> newestFirst = new ArrayList<>();
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            DataPointHistory.Point p = oldestFirst.get(i);
            if (kept.merge(p.ds(), 1, Integer::sum) <= limit) {
                newestFirst.add(p);
            }
        }
        if (!desc) {
            java.util.Collections.reverse(newestFirst);
        }
        return newestFirst;
    }

    private static Map<String, Object> data(List<DataPointHistory.Point> points, Optional<String> cursor) {
        Map<String, List<Map<String, Object>>> byStream = new LinkedHashMap<>();
        for (DataPointHistory.Point p : points) {
            Map<String, Object> dp = new LinkedHashMap<>();
            dp.put("at", OneNetTime.point(p.at()));
            dp.put("value", String.valueOf(p.value()));
            byStream.computeIfAbsent(p.ds(), k -> new ArrayList<>()).add(dp);
        }
        List<Map<String, Object>> streams = new ArrayList<>();
        byStream.forEach((id, dps) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("datapoints", dps);
            s.put("id", id);
            streams.add(s);
        });
        Map<String, Object> data = new LinkedHashMap<>();
        cursor.ifPresent(c -> data.put("cursor", c));
        data.put("count", points.size());
        data.put("datastreams", streams);
        return data;
    }
}
