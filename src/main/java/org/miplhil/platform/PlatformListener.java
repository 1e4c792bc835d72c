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

    /** A package download started or ended at the package server. */
    default void onPackageTransfer(org.miplhil.platform.fota.PackageTransfer transfer) {
    }

    /** A FOTA campaign took a step. */
    default void onFotaStep(org.miplhil.platform.fota.FotaCampaign campaign, org.miplhil.platform.fota.FotaStep step) {
    }

    /** A FOTA campaign ended. */
    default void onFotaOutcome(org.miplhil.platform.fota.FotaCampaign campaign,
                               org.miplhil.platform.fota.FotaOutcome outcome) {
    }
}
