package org.miplhil.sim.fota;

import java.util.Objects;
import java.util.Optional;

/**
 * The virtual module's DFOTA state at one moment.
 *
 * @param stage         where the update stands (/5/0/3)
 * @param progress      percent of the update written (0..100; meaningful in {@link FotaStage#UPDATING})
 * @param revision      the firmware revision running now (ATI, /3/0/3)
 * @param result        the last update result (/5/0/5)
 * @param packageTarget the revision the downloaded package brings, while one is held
 * @param powered       whether the module has power (a cut stops every stage; 6.2 says what survives)
 */
public record FotaState(FotaStage stage, int progress, String revision, UpdateResult result,
                        Optional<String> packageTarget, boolean powered) {

    public FotaState {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(packageTarget, "packageTarget");
        if (progress < 0 || progress > 100) {
            throw new IllegalArgumentException("progress out of 0..100: " + progress);
        }
    }
}
