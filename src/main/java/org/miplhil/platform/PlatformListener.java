package org.miplhil.platform;

import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaOutcome;
import org.miplhil.platform.fota.FotaStep;
import org.miplhil.platform.fota.PackageTransfer;

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
    default void onPackageTransfer(PackageTransfer transfer) {
    }

    /** A FOTA campaign took a step. */
    default void onFotaStep(FotaCampaign campaign, FotaStep step) {
    }

    /** A FOTA campaign ended. */
    default void onFotaOutcome(FotaCampaign campaign, FotaOutcome outcome) {
    }
}
