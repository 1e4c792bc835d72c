package org.miplhil.platform.onenet.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.Notification;
import org.miplhil.platform.PlatformListener;
import org.miplhil.platform.onenet.push.PushMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the adapter saw of the device — events, notifications, cached-command results — each kept (bounded), and the
 * listeners that hear of it: a thing is stored before the listeners hear it, as the embedded platform does.
 */
final class AdapterRecord {

    private static final Logger LOG = LoggerFactory.getLogger(AdapterRecord.class);
    /** Bound on each kept list, so a long run does not grow without end. */
    static final int CAPACITY = 100_000;

    private final List<PlatformListener> listeners = new CopyOnWriteArrayList<>();
    private final List<DeviceEvent> events = new ArrayList<>();
    private final List<Notification> notifications = new ArrayList<>();
    private final List<PushMessage.CachedCommandResult> cachedResults = new ArrayList<>();

    void addListener(PlatformListener l) {
        listeners.add(l);
    }

    void removeListener(PlatformListener l) {
        listeners.remove(l);
    }

    void event(DeviceEvent e) {
        add(events, e);
        fire(l -> l.onEvent(e));
    }

    void notification(Notification n) {
        add(notifications, n);
        fire(l -> l.onNotification(n));
    }

    void cachedResult(PushMessage.CachedCommandResult r) {
        add(cachedResults, r);
    }

    List<DeviceEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    List<Notification> notifications() {
        synchronized (notifications) {
            return List.copyOf(notifications);
        }
    }

    List<PushMessage.CachedCommandResult> cachedResults() {
        synchronized (cachedResults) {
            return List.copyOf(cachedResults);
        }
    }

    private static <T> void add(List<T> list, T item) {
        synchronized (list) {
            if (list.size() >= CAPACITY) {
                list.remove(0);
            }
            list.add(item);
        }
    }

    private void fire(Consumer<PlatformListener> call) {
        for (PlatformListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("platform listener failed", e);
            }
        }
    }
}
