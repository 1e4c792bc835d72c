package org.miplhil.platform.fota.lwm2m;

import org.miplhil.platform.fota.FotaOutcome;

/** Ends the campaign by an outcome (thrown from anywhere in the run, caught by its thread). */
final class CampaignEnd extends RuntimeException {

    final transient FotaOutcome outcome;

    CampaignEnd(FotaOutcome outcome) {
        super(null, null, false, false);
        this.outcome = outcome;
    }
}
