package org.miplhil.platform.fota;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds an embedded platform's campaign between 2 DOWNLOADED and its execute of /5/0/2 until the harness says go.
 *
 * <p>A case that cuts the power "once downloaded" (6.2) means the moment after {@code +MIPLEVENT: 0,42} and before
 * the update starts. The platform answers 42 with a read of /3/0/9 and the execute (6.1.2) within milliseconds: a
 * harness thread that waits for 42 on a busy machine could cut after the update began, and the case would then test
 * another moment. The harness controls its own platform, so such a case holds the campaign there until its cut is
 * done; the module is not touched. A platform the harness does not run in-process (OneNET, a container) ignores it.
 */
public final class UpdateHold {

    private static final UpdateHold NONE = new UpdateHold(false);

    private final boolean holding;
    private final CountDownLatch released = new CountDownLatch(1);

    private UpdateHold(boolean holding) {
        this.holding = holding;
        if (!holding) {
            released.countDown();
        }
    }

    /** No hold: the campaign executes the update as soon as the package is downloaded. */
    public static UpdateHold none() {
        return NONE;
    }

    /** A hold the harness releases with {@link #release()}. */
    public static UpdateHold untilReleased() {
        return new UpdateHold(true);
    }

    public boolean holds() {
        return holding;
    }

    public void release() {
        released.countDown();
    }

    public boolean isReleased() {
        return released.getCount() == 0;
    }

    /** Waits for the release for at most {@code max}; true when released. */
    public boolean await(Duration max) throws InterruptedException {
        return released.await(Math.max(0, max.toNanos()), TimeUnit.NANOSECONDS);
    }

    @Override
    public String toString() {
        return holding ? (isReleased() ? "released" : "holding") : "none";
    }
}
