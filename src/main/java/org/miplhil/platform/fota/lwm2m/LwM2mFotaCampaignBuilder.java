package org.miplhil.platform.fota.lwm2m;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiConsumer;

import org.miplhil.platform.Platform;
import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaOutcome;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.platform.fota.FotaStep;

/** Settings of a campaign beyond its {@link FotaSpec}. */
public final class LwM2mFotaCampaignBuilder {
    final Platform platform;
    final String endpoint;
    final FotaSpec spec;
    final URI packageUri;
    Duration pollInterval = Duration.ofSeconds(5);
    BiConsumer<FotaCampaign, FotaStep> onStep;
    BiConsumer<FotaCampaign, FotaOutcome> onOutcome;

    LwM2mFotaCampaignBuilder(Platform platform, String endpoint, FotaSpec spec, URI packageUri) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.packageUri = Objects.requireNonNull(packageUri, "packageUri");
    }

    /** How long without news of the state before it is read (default 5 s). */
    public LwM2mFotaCampaignBuilder pollInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive: " + interval);
        }
        this.pollInterval = interval;
        return this;
    }

    /** Called on the campaign's thread after each step; keep it short. */
    public LwM2mFotaCampaignBuilder onStep(BiConsumer<FotaCampaign, FotaStep> listener) {
        this.onStep = listener;
        return this;
    }

    /** Called once with the outcome (on the campaign's thread, or the one that closed it). */
    public LwM2mFotaCampaignBuilder onOutcome(BiConsumer<FotaCampaign, FotaOutcome> listener) {
        this.onOutcome = listener;
        return this;
    }

    /** Starts the campaign on its own thread. */
    public LwM2mFotaCampaign start() {
        LwM2mFotaCampaign c = new LwM2mFotaCampaign(this);
        c.start();
        return c;
    }
}
