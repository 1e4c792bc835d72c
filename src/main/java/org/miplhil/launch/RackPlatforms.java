package org.miplhil.launch;

import java.util.HashMap;
import java.util.Map;
import org.miplhil.platform.onenet.OneNetCredentials;
import org.miplhil.power.rack.PlatformSection;
import org.miplhil.power.rack.Rack;

/** A rack file's {@code platform:} section as the platform a run starts with (options are laid over it). */
public final class RackPlatforms {

    /** The keys of the rack's {@code credentials:} by the standard variable each replaces. */
    private static final Map<String, String> STANDARD = Map.of(
            "api-key", OneNetCredentials.API_KEY,
            "access-key", OneNetCredentials.ACCESS_KEY,
            "user-id", OneNetCredentials.USER_ID,
            "push-token", OneNetCredentials.PUSH_TOKEN,
            "push-aes-key", OneNetCredentials.PUSH_AES_KEY);

    private RackPlatforms() {
    }

    public static PlatformChoice choice(Rack rack) {
        PlatformSection p = rack.platformSection();
        if (!p.isOneNet()) {
            return PlatformChoice.none();
        }
        Map<String, String> names = new HashMap<>();
        p.credentialVariables().forEach((key, variable) -> names.put(STANDARD.getOrDefault(key, key), variable));
        return new PlatformChoice(p.kind(), p.api().orElse(null), p.url().orElse(null),
                p.coap().orElse(null), p.bootstrap().orElse(null), p.pushUrl().orElse(null), p.pushBind().orElse(null),
                p.product().orElse(null), names);
    }
}
