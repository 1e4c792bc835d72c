package org.miplhil.sim.fota;

/**
 * Where the module's DFOTA stands: the LwM2M Firmware Update object's State (/5/0/3, OMA LwM2M 1.0 E.6), which is
 * also the stage the module keeps in non-volatile storage (6.2).
 */
public enum FotaStage {
    IDLE(0),
    DOWNLOADING(1),
    DOWNLOADED(2),
    UPDATING(3);

    private final int lwm2mState;

    FotaStage(int lwm2mState) {
        this.lwm2mState = lwm2mState;
    }

    /** The value of /5/0/3. */
    public int lwm2mState() {
        return lwm2mState;
    }
}
