package org.miplhil.power.rack;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rack file's {@code platform:} section beyond the embedded platform's address: which platform the rack's runs
 * use and how OneNET is reached (docs/power.md, "platform"). Text as written and checked; the run turns it into its
 * settings. Credentials are never written here, only the names of the environment variables holding them.
 *
 * @param kind                {@code embedded} or {@code onenet}
 * @param api                 {@code legacy} or {@code current}
 * @param url                 the API's base URL
 * @param coap                HOST:PORT of OneNET's LwM2M server as the module reaches it
 * @param bootstrap           HOST:PORT of OneNET's bootstrap server
 * @param pushUrl             the URL OneNET pushes to, as the lab exposes it
 * @param pushBind            HOST:PORT the harness's push receiver listens on (port 0: any free port)
 * @param product             OneNET's product id
 * @param credentialVariables the environment variable of each credential, by its key in {@code credentials:}
 *                            ({@link #CREDENTIAL_KEYS}); a key not given reads the standard variable
 */
public record PlatformSection(String kind, Optional<String> api, Optional<String> url, Optional<String> coap,
                              Optional<String> bootstrap, Optional<String> pushUrl, Optional<String> pushBind,
                              Optional<String> product, Map<String, String> credentialVariables) {

    public static final String EMBEDDED = "embedded";
    public static final String ONENET = "onenet";
    public static final List<String> KINDS = List.of(EMBEDDED, ONENET);
    public static final List<String> APIS = List.of("legacy", "current");
    /** The keys of {@code credentials:}: api-key is ONENET_API_KEY's, and so on. */
    public static final List<String> CREDENTIAL_KEYS = List.of("api-key", "access-key", "user-id", "push-token",
            "push-aes-key");

    public PlatformSection {
        credentialVariables = Map.copyOf(credentialVariables);
    }

    /** The embedded platform: nothing but the address. */
    public static PlatformSection embedded() {
        return new PlatformSection(EMBEDDED, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    public boolean isOneNet() {
        return kind.equals(ONENET);
    }
}
