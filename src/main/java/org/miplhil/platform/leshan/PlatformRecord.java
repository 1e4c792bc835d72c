package org.miplhil.platform.leshan;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.Notification;
import org.miplhil.platform.PlatformListener;
import org.miplhil.platform.RequestLogEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the platform saw (events, notifications, the request log), each kept bounded, and the listeners that hear
 * of it as it happens: a thing is stored before the listeners hear it.
 */
final class PlatformRecord {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformRecord.class);
    /** Bound on each kept log, so a long run does not grow without end. */
    static final int LOG_CAPACITY = 100_000;

    private final List<PlatformListener> listeners = new CopyOnWriteArrayList<>();
    private final BoundedLog<DeviceEvent> events = new BoundedLog<>(LOG_CAPACITY);
    private final BoundedLog<Notification> notifications = new BoundedLog<>(LOG_CAPACITY);
    private final BoundedLog<RequestLogEntry> requestLog = new BoundedLog<>(LOG_CAPACITY);

    void addListener(PlatformListener listener) {
        listeners.add(listener);
    }

    void removeListener(PlatformListener listener) {
        listeners.remove(listener);
    }

    /** Calls every listener; one that throws is logged and the others still hear it. */
    void fire(Consumer<PlatformListener> call) {
        for (PlatformListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("platform listener failed", e);
            }
        }
    }

    void event(DeviceEvent event) {
        events.add(event);
        fire(l -> l.onEvent(event));
    }

    void notification(Notification n) {
        notifications.add(n);
        fire(l -> l.onNotification(n));
    }

    void request(RequestLogEntry entry) {
        requestLog.add(entry);
        fire(l -> l.onRequest(entry));
    }

    List<DeviceEvent> events() {
        return events.snapshot();
    }

    List<Notification> notifications() {
        return notifications.snapshot();
    }

    List<RequestLogEntry> requestLog() {
        return requestLog.snapshot();
    }
}
