package org.miplhil.sim.registrar;

import java.util.List;

/**
 * What AT+MIPLOPEN (3.3.7) asks the registrar to do.
 *
 * @param endpointName    the LwM2M endpoint name (profile: {@code IMEI;IMSI})
 * @param config          where to register (bootstrap or access server)
 * @param objects         the objects added so far, in the order they were added
 * @param lifetimeSeconds the lifetime (0 already replaced by the profile's value, 3600)
 * @param timeoutSeconds  the registration timeout (default 30 s)
 */
public record OpenRequest(String endpointName, AccessConfig config, List<ObjectSpec> objects, long lifetimeSeconds,
                          int timeoutSeconds) {
    public OpenRequest {
        objects = List.copyOf(objects);
    }
}
