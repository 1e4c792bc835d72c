package org.miplhil.platform.fota;

/** How a campaign ended, as the platform sees it (7.10.7, figure 17: the task's final status). */
public sealed interface FotaOutcome {

    /** The device registered again and reported update result 1 and the target version. */
    record Succeeded(String version) implements FotaOutcome {}

    /**
     * The campaign failed: {@code updateResult} is /5/0/5 when the device reported one (LwM2M 1.0 E.6: 4 connection
     * lost, 5 integrity check failure, 8 update failed, ...), -1 when it did not.
     */
    record Failed(String reason, int updateResult) implements FotaOutcome {}

    /** A phase's deadline passed without the device getting further (6.2: after a cut it reports nothing). */
    record TimedOut(String phase) implements FotaOutcome {}

    /** Stopped by the harness. */
    record Cancelled() implements FotaOutcome {}
}
