package org.miplhil.platform.fota;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A running FOTA campaign for one device (6.1). Thread-safe. */
public interface FotaCampaign extends AutoCloseable {

    String endpoint();

    FotaSpec spec();

    /** The steps taken so far, in order. */
    List<FotaStep> steps();

    /** The outcome once the campaign ended. */
    Optional<FotaOutcome> outcome();

    /** Waits for the outcome; after the deadline returns {@link FotaOutcome.TimedOut} naming the phase it was in. */
    FotaOutcome await(Duration deadline);

    /**
     * Lets a campaign that holds once downloaded ({@link FotaSpec#holdWhenDownloaded()}) go on; idempotent, and
     * nothing for a campaign that does not hold (or a platform whose campaigns never do).
     */
    default void release() {
    }

    /** Stops the campaign (outcome {@link FotaOutcome.Cancelled} unless it had ended); idempotent. */
    @Override
    void close();
}
