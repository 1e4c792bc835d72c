package org.miplhil.platform.onenet.client;

import java.util.Optional;

/**
 * What {@link OneNetPlatform#ensureDevice} found: the device present (or created) with OneNET's id and whether it is
 * online, or why not — a configuration problem (a credential or the product id missing) or the platform's answer.
 */
public record DeviceLookup(Status status, String imei, Optional<String> devId, boolean created,
                           Optional<Boolean> online, String message) {

    public enum Status {
        /** The device exists (it was found or created). */
        PRESENT,
        /** The call could not be made as configured. */
        CONFIGURATION,
        /** OneNET refused the credentials (errno 1). */
        CREDENTIALS_REFUSED,
        /** The API could not be reached, its answer was not the API's shape, or it failed internally (7, 5117). */
        UNREACHABLE,
        /** OneNET answered, but the device is neither there nor could it be created. */
        PLATFORM
    }

    public boolean present() {
        return status == Status.PRESENT;
    }
}
