package org.miplhil.platform;

/**
 * Called as things happen, on the platform's network threads: keep it short and never block.
 * An exception thrown here is logged and ignored.
 */
public interface PlatformListener {

    default void onEvent(DeviceEvent event) {
    }

    default void onNotification(Notification notification) {
    }

    default void onRequest(RequestLogEntry entry) {
    }
}
