package org.miplhil.platform.fota.lwm2m;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.Notification;
import org.miplhil.platform.PlatformListener;
import org.miplhil.platform.fota.FotaOutcome;
import org.miplhil.platform.fota.PackageTransfer;

/**
 * What the campaign waits on, queued in order of arrival from the platform's threads: the device's events and
 * notifications, and the downloads of the campaign's package.
 */
final class CampaignSignals implements PlatformListener {

    private final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
    private final Predicate<String> concerns;
    private final Predicate<PackageTransfer> ourTransfer;

    /**
     * {@code concerns}: whether an endpoint is the campaign's device; {@code ourTransfer}: whether a download is of
     * the package as offered to that device.
     */
    CampaignSignals(Predicate<String> concerns, Predicate<PackageTransfer> ourTransfer) {
        this.concerns = concerns;
        this.ourTransfer = ourTransfer;
    }

    /** The next signal before {@code deadlineNanos}, or null when it passed. */
    Object next(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return signals.poll();
        }
        try {
            return signals.poll(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CampaignEnd(new FotaOutcome.Cancelled());
        }
    }

    @Override
    public void onEvent(DeviceEvent event) {
        if (concerns.test(event.endpoint())) {
            signals.add(event);
        }
    }

    @Override
    public void onNotification(Notification n) {
        if (concerns.test(n.endpoint())) {
            signals.add(n);
        }
    }

    /** The platform's package server reports the downloads of the campaign's package (6.1.1). */
    @Override
    public void onPackageTransfer(PackageTransfer t) {
        if (ourTransfer.test(t)) {
            signals.add(t);
        }
    }
}
