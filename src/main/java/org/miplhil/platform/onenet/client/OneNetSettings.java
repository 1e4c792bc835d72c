package org.miplhil.platform.onenet.client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.miplhil.platform.onenet.OneNetApi;
import org.miplhil.platform.onenet.OneNetCredentials;

/**
 * How the harness reaches OneNET (or the double): which API generation at which base URL, the CoAP addresses the
 * module is configured with, where OneNET's push arrives, and the credentials.
 *
 * @param api          the API generation
 * @param baseUrl      the API's base URL ({@link OneNetApi#defaultBase()} unless pointed elsewhere)
 * @param coap         the LwM2M server the module registers with directly (note 7.2.3: {@value #DEFAULT_COAP})
 * @param bootstrap    the bootstrap server (note 7.2.1: {@value #DEFAULT_BOOTSTRAP})
 * @param pushUrl      the URL OneNET pushes to, as the lab exposes it; empty: poll instead
 * @param pushBind     where the push receiver listens (default: loopback and the push URL's port)
 * @param pollInterval how often to poll devices' status and data points when there is no push
 * @param productId    the product new devices are created in (current API); empty: the credentials' default
 * @param credentials  API key, access key, user id, push token and AES key
 */
public record OneNetSettings(OneNetApi api, URI baseUrl, InetSocketAddress coap, Optional<InetSocketAddress> bootstrap,
                             Optional<URI> pushUrl, Optional<InetSocketAddress> pushBind, Duration pollInterval,
                             Optional<String> productId, OneNetCredentials credentials) {

    /** The note's direct-registration address (7.2). */
    public static final String DEFAULT_COAP = "183.230.40.40:5683";
    /** The note's bootstrap address (7.2). */
    public static final String DEFAULT_BOOTSTRAP = "183.230.40.39:5683";
}
