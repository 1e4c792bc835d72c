package org.miplhil.platform.fota;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A FOTA campaign as 7.10.3–7.10.5 set one up on OneNET: the delta package (served by the platform), the
 * version it brings, when the campaign starts, and how long each of its steps may take.
 *
 * @param packageFile  the delta package, usually under {@code fixtures/firmware/packages/}
 * @param targetVersion the revision the device must report in /3/0/3 after the update
 * @param trigger      when the campaign starts (6.2: after registration and one uplink)
 * @param stepTimeout  the deadline of every request of the campaign
 * @param phaseTimeout how long the campaign waits for a phase (download, update, re-registration)
 * @param holdWhenDownloaded once the device reports 2 (DOWNLOADED), the campaign sends nothing more until
 *                     {@link FotaCampaign#release()} (at most {@code phaseTimeout}): a harness that cuts the power at
 *                     that moment (6.2) has its cut land before the update command, however slow it is scheduled
 */
public record FotaSpec(Path packageFile, String targetVersion, Trigger trigger, Duration stepTimeout,
                       Duration phaseTimeout, boolean holdWhenDownloaded) {

    /** When the platform starts the campaign for a device. */
    public enum Trigger {
        /** At once: the device is online now (7.10.6, the device online when the task is created). */
        NOW,
        /** At the device's next uplink: a registration, a registration update or a notification (6.2). */
        NEXT_UPLINK
    }

    public FotaSpec {
        Objects.requireNonNull(packageFile, "packageFile");
        Objects.requireNonNull(targetVersion, "targetVersion");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(stepTimeout, "stepTimeout");
        Objects.requireNonNull(phaseTimeout, "phaseTimeout");
    }

    /** A campaign that never holds. */
    public FotaSpec(Path packageFile, String targetVersion, Trigger trigger, Duration stepTimeout,
                    Duration phaseTimeout) {
        this(packageFile, targetVersion, trigger, stepTimeout, phaseTimeout, false);
    }

    /** This campaign, holding once downloaded until released. */
    public FotaSpec holdingWhenDownloaded() {
        return new FotaSpec(packageFile, targetVersion, trigger, stepTimeout, phaseTimeout, true);
    }

    /** Defaults short enough for tests against the virtual module. */
    public static FotaSpec of(Path packageFile, String targetVersion) {
        return new FotaSpec(packageFile, targetVersion, Trigger.NOW, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }
}
