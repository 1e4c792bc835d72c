package org.miplhil.platform.onenet.client;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows each device's data point history (legacy {@code GET /devices/{id}/datapoints}, current
 * {@code GET /datapoint/history-datapoints}) so that every point OneNET stored becomes exactly one point here, however
 * many arrived between two polls and however often the same span is asked. Per device it keeps a watermark: the
 * newest {@code at} seen and how many points carry it. A round asks from the watermark's second on ({@code start}
 * has whole seconds), {@code sort=ASC}, up to 6000 points a page, following {@code cursor}; what is older than the
 * watermark, or at it and counted already, was delivered before. The first round of a device only sets the
 * watermark at its newest stored point (what OneNET held before is not news), or, when it holds none, a day back.
 */
final class HistoryFollower {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryFollower.class);
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter PARAMETER = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /** The documented maximum of {@code limit}. */
    static final int PAGE = 6000;
    /** Pages followed in one round at most (a backlog over this waits for the next round). */
    static final int MAX_PAGES = 20;

    /** One data point as the history gives it; {@code at} as written ({@code 2015-12-01 17:10:24.981}). */
    record Point(String ds, String at, JsonNode value) {
    }

    /** The newest {@code at} delivered and how many points at it were; empty {@code at}: everything since start. */
    private record Watermark(String at, int countAt, String start) {
    }

    private final OneNetClient client;
    private final Duration wait;
    private final Map<String, Watermark> marks = new HashMap<>();

    HistoryFollower(OneNetClient client, Duration wait) {
        this.client = client;
        this.wait = wait;
    }

    /**
     * The device's points not delivered before, oldest first; empty when the query fails (logged) — the next round
     * asks again from the same watermark. {@code device} names it: {@code devId} (legacy) or {@code imei} (current).
     */
    synchronized List<Point> next(String key, Map<String, String> device) {
        Watermark mark = marks.get(key);
        if (mark == null) {
            Optional<List<Point>> latest = page(device, Map.of());
            if (latest.isEmpty()) {
                return List.of();
            }
            String newest = latest.get().stream().map(Point::at).max(Comparator.naturalOrder()).orElse("");
            String start = newest.isEmpty() ? PARAMETER.format(LocalDateTime.now(BEIJING).minusDays(1))
                    : parameter(newest);
            // the points at the newest instant are counted by the first span query below
            mark = new Watermark(newest, newest.isEmpty() ? 0 : -1, start);
        }
        List<Point> span = new ArrayList<>();
        String cursor = null;
        for (int i = 0; i < MAX_PAGES; i++) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("start", mark.start());
            q.put("sort", "ASC");
            q.put("limit", Integer.toString(PAGE));
            if (cursor != null) {
                q.put("cursor", cursor);
            }
            Optional<JsonNode> data = query(device, q);
            if (data.isEmpty()) {
                return List.of();
            }
            span.addAll(points(data.get()));
            cursor = data.get().path("cursor").isTextual() ? data.get().path("cursor").textValue() : null;
            if (cursor == null || cursor.isEmpty()) {
                break;
            }
        }
        // stable: the points of one instant stay in the order the platform gave them
        span.sort(Comparator.comparing(Point::at));
        List<Point> fresh = new ArrayList<>();
        int atMark = 0;
        for (Point p : span) {
            int c = p.at().compareTo(mark.at());
            if (c > 0 || mark.at().isEmpty()) {
                fresh.add(p);
            } else if (c == 0 && ++atMark > mark.countAt() && mark.countAt() >= 0) {
                fresh.add(p);
            }
        }
        String newest = span.isEmpty() ? mark.at() : span.get(span.size() - 1).at();
        int countAt = (int) span.stream().filter(p -> p.at().equals(newest)).count();
        if (span.isEmpty()) {
            countAt = Math.max(mark.countAt(), 0);
        }
        marks.put(key, new Watermark(newest, countAt, newest.isEmpty() ? mark.start() : parameter(newest)));
        return fresh;
    }

    private Optional<List<Point>> page(Map<String, String> device, Map<String, String> q) {
        return query(device, q).map(HistoryFollower::points);
    }

    private Optional<JsonNode> query(Map<String, String> device, Map<String, String> q) {
        Map<String, String> params = new LinkedHashMap<>(device);
        params.putAll(q);
        ApiOutcome o = client.send(new ApiCall(ApiCall.Kind.HISTORY_DATAPOINTS, params, Optional.empty(), wait));
        if (o instanceof ApiOutcome.Reply r && r.ok()) {
            return Optional.of(r.data());
        }
        LOG.debug("history poll of {}: {}", device, o);
        return Optional.empty();
    }

    /** The points of an answer's {@code datastreams}, stream by stream. */
    static List<Point> points(JsonNode data) {
        List<Point> out = new ArrayList<>();
        for (JsonNode s : data.path("datastreams")) {
            String ds = s.path("id").asText();
            for (JsonNode p : s.path("datapoints")) {
                out.add(new Point(ds, p.path("at").asText(), p.path("value")));
            }
        }
        return out;
    }

    /** {@code at} to its second, as a {@code start} parameter. */
    static String parameter(String at) {
        return at.length() >= 19 ? at.substring(0, 10) + "T" + at.substring(11, 19) : at;
    }

    /** {@code at} (Beijing time) as epoch milliseconds; {@code fallback} when it does not read as one. */
    static long epochMillis(String at, long fallback) {
        try {
            String full = at.length() == 19 ? at + ".000" : at;
            return LocalDateTime.parse(full, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS"))
                    .atZone(BEIJING).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
