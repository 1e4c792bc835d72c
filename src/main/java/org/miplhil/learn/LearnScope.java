package org.miplhil.learn;

import java.util.Objects;

/**
 * What {@code profile learn} runs beyond the probes every learn runs: the slow CoAP probes ({@code --slow}: the
 * retransmissions until the module gives up, about 62 s, and a lifetime running out, about 14 s) and the DFOTA
 * campaigns ({@link FotaProbes.Plan}: on a real module a campaign really updates the firmware).
 */
public record LearnScope(boolean slow, FotaProbes.Plan fota) {

    /** No slow probe, no campaign. */
    public static final LearnScope DEFAULT = new LearnScope(false, new FotaProbes.Off());

    public LearnScope {
        Objects.requireNonNull(fota, "fota");
    }
}
