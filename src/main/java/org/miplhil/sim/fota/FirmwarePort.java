package org.miplhil.sim.fota;

/**
 * The module's own firmware side as its LwM2M objects see it: Device /3 (firmware version) and Firmware Update /5
 * (OMA LwM2M 1.0 E.6). Requests to these objects are answered by the module itself, never shown to the MCU.
 * Thread-safe; nothing blocks.
 */
public interface FirmwarePort {

    /** The state now (revision, stage, result, package). */
    FotaState state();

    /** /5/0/1 written: the CoAP code of the answer ({@code 2.04}, or the profile's code when refused). */
    String writePackageUri(String uri);

    /** /5/0/2 executed: the CoAP code of the answer. */
    String executeUpdate();

    /** The last package URI written (/5/0/1 read), empty when none. */
    String packageUri();
}
