package org.miplhil.sim.registrar;

import java.util.List;

/**
 * The virtual module's LwM2M side: registration with the platform and the traffic of a registered device.
 * The module calls these methods from its own thread, after the command's reply is written; none may block.
 * Progress comes back through the {@link RegistrarEvents} given to {@link #open}, from any thread.
 *
 * <p>Implementations: {@code StandInRegistrar} (no network, scripted like the note's chapter 7) and, later, a
 * real LwM2M client talking CoAP/UDP to a server.
 */
public interface Registrar {

    /**
     * AT+MIPLOPEN (3.3.7) was accepted: register. Expected events, in order: with bootstrap 1, 2 (or 3), then
     * 4 (or 5), then 6 (or 7, or 8 after {@code timeoutSeconds}); afterwards the platform's requests
     * (observe per instance and discover per object for OneNET, 7.2.1). A second {@code open} only follows a
     * {@link #close()}, a failure event (3, 5, 7, 8) or {@link #powerLost()}; each call comes with a new
     * {@code events} sink, and events sent to an old sink are ignored.
     */
    void open(OpenRequest request, RegistrarEvents events);

    /**
     * AT+MIPLUPDATE (3.3.16): registration update with the lifetime (0 already replaced by 3600) and, when
     * {@code withObjects}, the current object list. Expected event: 11, or 12 / 13.
     */
    void update(long lifetimeSeconds, boolean withObjects, List<ObjectSpec> objects, int raiMode);

    /** AT+MIPLCLOSE or AT+MIPLDELETE while registering or registered: deregister. Expected event: 15. */
    void close();

    /** AT+MIPLNOTIFY, all parts of one notification. With {@code ackId > 0}: event 26 or 25 with the ackId. */
    void notify(Notification notification);

    /** The MCU answered a request ({@link RegistrarEvents#request}) and the module accepted the answer. */
    void respond(PlatformResponse response);

    /** Power was cut: stop at once, without deregistering and without any further event. */
    void powerLost();

    /**
     * AT+MIPLCREATE made a new OneNET instance: the SDK's context is new ({@code cis_init}), so are its counters
     * (the observe number in the msgId of an observe).
     */
    default void instanceCreated() {
    }

    /**
     * The module's own firmware side (Device /3 firmware version, Firmware Update /5), given once when the module
     * is built. A registrar without LwM2M objects ignores it.
     */
    default void firmware(org.miplhil.sim.fota.FirmwarePort port) {
    }

    /** The values behind /3 and /5 changed: observers of them are notified. */
    default void firmwareChanged() {
    }

    /**
     * The module's radio receives ({@code true}) or not ({@code false}: deep sleep, PSM): a request the platform
     * sends meanwhile is lost, never answered. The module's own uplinks (a lifetime update) still go out.
     */
    default void radio(boolean on) {
    }
}
