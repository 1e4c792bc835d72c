package org.miplhil.sim.fota;

/**
 * Told of every change of the virtual module's DFOTA state: a stage change, an update progress step, a new
 * revision after the reboot, a new update result, a power cut or return. Called on the module's thread in the
 * order of the changes; must not block.
 */
@FunctionalInterface
public interface FotaListener {

    /** {@code previous} → {@code now}; {@code why} says what happened, e.g. {@code "package checked"}. */
    void changed(FotaState previous, FotaState now, String why);
}
