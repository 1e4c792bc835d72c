package org.miplhil.platform.http;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.miplhil.platform.Device;
import org.miplhil.platform.Notification;
import org.miplhil.platform.PlatformListener;
import org.miplhil.platform.ResourceData;

/**
 * Every data point each device sent, as OneNET stores them (list/21check-datapoint.md): one point per resource of
 * each successful notification, in the data stream {@code objId_insId_resId}, stamped with the time the platform
 * received it. A duplicated notification the platform took twice is two points. Bounded: the newest
 * {@value #PER_DEVICE} points of each device are kept. Points carry a sequence number, unique and increasing over
 * the double's life, which the paging cursor names.
 */
final class DataPointHistory implements PlatformListener {

    /** How many points of each device are kept (older ones are dropped first). */
    static final int PER_DEVICE = 1000;

    /** One stored point: the JSON value as {@link ApiValues#toJson} gives it. */
    record Point(long seq, String ds, Instant at, Object value) {
    }

    private final int perDevice;
    private final Map<String, Deque<Point>> byImei = new ConcurrentHashMap<>();
    private long next = 1;

    DataPointHistory() {
        this(PER_DEVICE);
    }

    DataPointHistory(int perDevice) {
        this.perDevice = perDevice;
    }

    @Override
    public void onNotification(Notification n) {
        if (!n.code().isSuccess()) {
            return;
        }
        Deque<Point> points = byImei.computeIfAbsent(Device.imeiOf(n.endpoint()), k -> new ArrayDeque<>());
        synchronized (this) {
            for (ResourceData d : n.values()) {
                // a resource instance is not a data stream of its own (as LatestDataPoints)
                if (d.path().isResource()) {
                    String ds = d.path().objId() + "_" + d.path().insId() + "_" + d.path().resId();
                    points.addLast(new Point(next++, ds, n.receivedAt(), ApiValues.toJson(d.value())));
                    while (points.size() > perDevice) {
                        points.removeFirst();
                    }
                }
            }
        }
    }

    /** The device's points in the order received (oldest first). */
    synchronized List<Point> of(String imei) {
        Deque<Point> points = byImei.get(imei);
        return points == null ? List.of() : new ArrayList<>(points);
    }
}
