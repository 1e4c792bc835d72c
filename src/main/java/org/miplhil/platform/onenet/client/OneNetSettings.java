package org.miplhil.platform.onenet.client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.miplhil.platform.onenet.OneNetApi;
import org.miplhil.platform.onenet.OneNetCredentials;

/**
 * How the harness reaches OneNET (or the double): which API generation at which base URL, the CoAP addresses the
 * module is configured with, where OneNET's push arrives, and the credentials. Start from {@link #defaults} and
 * change with the {@code with…} methods.
 *
 * @param api           the API generation
 * @param baseUrl       the API's base URL ({@link OneNetApi#defaultBase()} unless pointed elsewhere)
 * @param coap          the LwM2M server the module registers with directly (note 7.2.3: {@value #DEFAULT_COAP})
 * @param bootstrap     the bootstrap server (note 7.2.1: {@value #DEFAULT_BOOTSTRAP})
 * @param pushUrl       the URL OneNET pushes to, as the lab exposes it; empty: poll instead
 * @param pushBind      where the push receiver listens (default: loopback and the push URL's port)
 * @param pollInterval  how often to poll devices' status and data points when there is no push
 * @param productId     the product new devices are created in (current API); empty: the credentials' default
 * @param credentials   API key, access key, user id, push token and AES key
 * @param answerMembers the member names of the current API's answers (the legacy API always uses
 *                      {@link AnswerMembers#LEGACY}); docs/onenet.md says why this is configurable
 * @param credentialVariables the environment variable each credential was read from, by its standard name
 *                      ({@link OneNetCredentials#API_KEY} ...), where a rack renames it: plain names, never values,
 *                      so that a message about a missing credential names the variable the user must set; a standard
 *                      name not in the map is its own variable ({@link #credentialVariable})
 * @param doubleFota    opt-in for the double's own FOTA calls ({@code POST/GET /nbiot/fota}; OneNET has none): the
 *                      adapter then supports {@code FOTA_CAMPAIGN} and {@code PACKAGE_TRANSFERS} against the double
 *                      ({@link #withDoubleFota}); false by default, and against OneNET itself
 */
public record OneNetSettings(OneNetApi api, URI baseUrl, InetSocketAddress coap, Optional<InetSocketAddress> bootstrap,
                             Optional<URI> pushUrl, Optional<InetSocketAddress> pushBind, Duration pollInterval,
                             Optional<String> productId, OneNetCredentials credentials, AnswerMembers answerMembers,
                             Map<String, String> credentialVariables, boolean doubleFota) {

    /** The note's direct-registration address (7.2). */
    public static final String DEFAULT_COAP = "183.230.40.40:5683";
    /** The note's bootstrap address (7.2). */
    public static final String DEFAULT_BOOTSTRAP = "183.230.40.39:5683";
    /** How often devices are polled when there is no push. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

    public OneNetSettings {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(coap, "coap");
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(pushUrl, "pushUrl");
        Objects.requireNonNull(pushBind, "pushBind");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(credentials, "credentials");
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive: " + pollInterval);
        }
        if (answerMembers == null) {
            answerMembers = AnswerMembers.LEGACY;
        }
        credentialVariables = credentialVariables == null ? Map.of() : Map.copyOf(credentialVariables);
    }

    /** The form without the double's FOTA calls. */
    public OneNetSettings(OneNetApi api, URI baseUrl, InetSocketAddress coap, Optional<InetSocketAddress> bootstrap,
                          Optional<URI> pushUrl, Optional<InetSocketAddress> pushBind, Duration pollInterval,
                          Optional<String> productId, OneNetCredentials credentials, AnswerMembers answerMembers,
                          Map<String, String> credentialVariables) {
        this(api, baseUrl, coap, bootstrap, pushUrl, pushBind, pollInterval, productId, credentials, answerMembers,
                credentialVariables, false);
    }

    /** The form with the standard variables' names. */
    public OneNetSettings(OneNetApi api, URI baseUrl, InetSocketAddress coap, Optional<InetSocketAddress> bootstrap,
                          Optional<URI> pushUrl, Optional<InetSocketAddress> pushBind, Duration pollInterval,
                          Optional<String> productId, OneNetCredentials credentials, AnswerMembers answerMembers) {
        this(api, baseUrl, coap, bootstrap, pushUrl, pushBind, pollInterval, productId, credentials, answerMembers,
                Map.of());
    }

    /** The form without answer members (the legacy API's are used). */
    public OneNetSettings(OneNetApi api, URI baseUrl, InetSocketAddress coap, Optional<InetSocketAddress> bootstrap,
                          Optional<URI> pushUrl, Optional<InetSocketAddress> pushBind, Duration pollInterval,
                          Optional<String> productId, OneNetCredentials credentials) {
        this(api, baseUrl, coap, bootstrap, pushUrl, pushBind, pollInterval, productId, credentials,
                AnswerMembers.LEGACY, Map.of());
    }

    /**
     * The legacy API at OneNET's own address, the note's CoAP addresses ({@value #DEFAULT_COAP}, bootstrap
     * {@value #DEFAULT_BOOTSTRAP}), no push URL (so polling every 2 s), no product id.
     */
    public static OneNetSettings defaults(OneNetCredentials credentials) {
        return new OneNetSettings(OneNetApi.LEGACY, OneNetApi.LEGACY.defaultBase(), address(DEFAULT_COAP),
                Optional.of(address(DEFAULT_BOOTSTRAP)), Optional.empty(), Optional.empty(), DEFAULT_POLL_INTERVAL,
                Optional.empty(), credentials, AnswerMembers.LEGACY, Map.of());
    }

    /** {@code host:port} as an unresolved address (no DNS lookup here). */
    public static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("not host:port: " + hostPort);
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not host:port: " + hostPort);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + hostPort);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** Another API generation; the base URL follows when it was the old generation's default. */
    public OneNetSettings withApi(OneNetApi newApi) {
        URI base = baseUrl.equals(api.defaultBase()) ? newApi.defaultBase() : baseUrl;
        return new OneNetSettings(newApi, base, coap, bootstrap, pushUrl, pushBind, pollInterval, productId,
                credentials, answerMembers, credentialVariables, doubleFota);
    }

    public OneNetSettings withBaseUrl(URI v) {
        return new OneNetSettings(api, v, coap, bootstrap, pushUrl, pushBind, pollInterval, productId, credentials,
                answerMembers, credentialVariables, doubleFota);
    }

    public OneNetSettings withCoap(InetSocketAddress v) {
        return new OneNetSettings(api, baseUrl, v, bootstrap, pushUrl, pushBind, pollInterval, productId, credentials,
                answerMembers, credentialVariables, doubleFota);
    }

    public OneNetSettings withBootstrap(Optional<InetSocketAddress> v) {
        return new OneNetSettings(api, baseUrl, coap, v, pushUrl, pushBind, pollInterval, productId, credentials,
                answerMembers, credentialVariables, doubleFota);
    }

    public OneNetSettings withPushUrl(Optional<URI> v) {
        return new OneNetSettings(api, baseUrl, coap, bootstrap, v, pushBind, pollInterval, productId, credentials,
                answerMembers, credentialVariables, doubleFota);
    }

    public OneNetSettings withPushBind(Optional<InetSocketAddress> v) {
        return new OneNetSettings(api, baseUrl, coap, bootstrap, pushUrl, v, pollInterval, productId, credentials,
                answerMembers, credentialVariables, doubleFota);
    }

    public OneNetSettings withPollInterval(Duration v) {
        return new OneNetSettings(api, baseUrl, coap, bootstrap, pushUrl, pushBind, v, productId, credentials,
                answerMembers, credentialVariables, doubleFota);
    }

    public OneNetSettings withProductId(Optional<String> v) {
        return new OneNetSettings(api, baseUrl, coap, bootstrap, pushUrl, pushBind, pollInterval, v, credentials,
                answerMembers, credentialVariables, doubleFota);
    }

    public OneNetSettings withCredentials(OneNetCredentials v) {
        return new OneNetSettings(api, baseUrl, coap, bootstrap, pushUrl, pushBind, pollInterval, productId, v,
                answerMembers, credentialVariables, doubleFota);
    }

    public OneNetSettings withAnswerMembers(AnswerMembers v) {
        return new OneNetSettings(api, baseUrl, coap, bootstrap, pushUrl, pushBind, pollInterval, productId,
                credentials, v, credentialVariables, doubleFota);
    }

    /** The variables' names by standard name ({@link #credentialVariables}); the credentials stay as they are. */
    public OneNetSettings withCredentialVariables(Map<String, String> v) {
        return new OneNetSettings(api, baseUrl, coap, bootstrap, pushUrl, pushBind, pollInterval, productId,
                credentials, answerMembers, v, doubleFota);
    }

    /**
     * The environment variable the user sets for the credential whose standard name is {@code standardName}
     * ({@link OneNetCredentials#API_KEY} ...): the rack's name for it, else the standard one. For messages.
     */
    public String credentialVariable(String standardName) {
        return credentialVariables.getOrDefault(standardName, standardName);
    }

    /**
     * Where the push receiver listens: {@code pushBind}, else loopback and the push URL's port (80 or 443 when it
     * names none); empty without a push URL.
     */
    public Optional<InetSocketAddress> pushReceiverBind() {
        return pushUrl.map(url -> pushBind.orElseGet(() -> new InetSocketAddress(
                java.net.InetAddress.getLoopbackAddress(), url.getPort() > 0 ? url.getPort()
                        : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80)));
    }

    /**
     * Opts in to (or out of) the double's own FOTA calls, {@code POST/GET /nbiot/fota}: OneNET has no API to create an
     * LwM2M FOTA task, the double (platform.http) has these for the harness. With it the adapter's
     * {@code startFota} runs a campaign through them; never set it against OneNET itself.
     */
    public OneNetSettings withDoubleFota(boolean v) {
        return new OneNetSettings(api, baseUrl, coap, bootstrap, pushUrl, pushBind, pollInterval, productId, credentials,
                answerMembers, credentialVariables, v);
    }
}
