package org.miplhil.launch;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.miplhil.link.HostPort;
import org.miplhil.platform.onenet.OneNetApi;
import org.miplhil.platform.onenet.OneNetCredentials;
import org.miplhil.platform.onenet.client.OneNetSettings;

/**
 * Which platform a run uses and, for OneNET, how it is reached: as {@code ./mipl-hil run}'s options, the JUnit
 * engine's parameters and a rack file's {@code platform:} section give it (every value text, null when not given;
 * {@link #over} lays options over the rack). {@link #resolve} checks it and reads the credentials from the
 * environment.
 *
 * @param kind                {@code embedded} (default), {@code onenet}, or {@code container} (the platform, the
 *                            embedded one with its OneNET-shaped API, started in a container for the run, behind the
 *                            impairment relay that carries the suites' {@code network:})
 * @param api                 {@code legacy} (default) or {@code current}
 * @param url                 the API's base URL (default: the API's own, {@link OneNetApi#defaultBase()})
 * @param coap                HOST:PORT of the LwM2M server the module registers with directly (the note's default)
 * @param bootstrap           HOST:PORT of the bootstrap server (the note's default)
 * @param pushUrl             the URL OneNET pushes to, as the lab exposes it; null: poll
 * @param pushBind            HOST:PORT the push receiver listens on (an IP literal or a name of this host; port 0:
 *                            any free port); null: loopback and the push URL's port. Only with a push URL
 * @param product             the product devices are created in
 * @param credentialVariables the environment variable holding each credential, by its standard name
 *                            ({@link OneNetCredentials#API_KEY} ...); a name not in the map is read from itself
 */
public record PlatformChoice(String kind, String api, String url, String coap, String bootstrap, String pushUrl,
                             String pushBind, String product, Map<String, String> credentialVariables) {

    public static final String EMBEDDED = "embedded";
    public static final String ONENET = "onenet";
    /** The platform in its own container for the run, reached through OneNET's adapter (docs/running.md). */
    public static final String CONTAINER = "container";
    /** The words {@code --platform} takes. */
    public static final List<String> KINDS = List.of(EMBEDDED, ONENET, CONTAINER);
    /** Without {@code --onenet-api}: the NB-IoT API of the note's time. */
    public static final OneNetApi DEFAULT_API = OneNetApi.LEGACY;
    /**
     * How often the adapter polls when no push URL is given: the adapter's own default, so that a notification
     * awaited within the catalogue's usual 5 s is seen in time.
     */
    public static final Duration DEFAULT_POLL_INTERVAL = OneNetSettings.DEFAULT_POLL_INTERVAL;
    /** The standard names of the credentials' variables, in the order a rack file lists them. */
    public static final List<String> CREDENTIALS = List.of(OneNetCredentials.API_KEY, OneNetCredentials.ACCESS_KEY,
            OneNetCredentials.USER_ID, OneNetCredentials.PUSH_TOKEN, OneNetCredentials.PUSH_AES_KEY);

    private static final Pattern PRODUCT = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public PlatformChoice {
        credentialVariables = credentialVariables == null ? Map.of() : Map.copyOf(credentialVariables);
    }

    /** Nothing chosen: the embedded platform. */
    public static PlatformChoice none() {
        return new PlatformChoice(null, null, null, null, null, null, null, null, Map.of());
    }

    /** These values where given, {@code base}'s elsewhere: options over a rack file. */
    public PlatformChoice over(PlatformChoice base) {
        if (kind != null && !isOneNet()) {
            return this; // --platform embedded over a OneNET rack: none of the rack's OneNET settings
        }
        Map<String, String> names = new HashMap<>(base.credentialVariables);
        names.putAll(credentialVariables);
        return new PlatformChoice(or(kind, base.kind), or(api, base.api), or(url, base.url), or(coap, base.coap),
                or(bootstrap, base.bootstrap), or(pushUrl, base.pushUrl), or(pushBind, base.pushBind),
                or(product, base.product), names);
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }

    /** Whether the run's platform is OneNET. */
    public boolean isOneNet() {
        return kind != null && kind.trim().equalsIgnoreCase(ONENET);
    }

    /** Whether the run's platform is started in a container ({@code --platform container}). */
    public boolean isContainer() {
        return kind != null && kind.trim().equalsIgnoreCase(CONTAINER);
    }

    /**
     * OneNET's settings with the credentials read from {@code env}, empty for the embedded platform; every value
     * that makes no sense is added to {@code problems} as "{@code --option}: what was expected, found 'value'".
     */
    public Optional<OneNetSettings> resolve(Map<String, String> env, List<String> problems) {
        int before = problems.size();
        if (kind != null && !KINDS.contains(kind.trim().toLowerCase(java.util.Locale.ROOT))) {
            problems.add("--platform must be one of " + String.join(", ", KINDS) + ", found '" + kind + "'");
            return Optional.empty();
        }
        if (!isOneNet()) {
            Map<String, String> given = new LinkedHashMap<>();
            given.put("--onenet-api", api);
            given.put("--onenet-url", url);
            given.put("--onenet-coap", coap);
            given.put("--onenet-bootstrap", bootstrap);
            given.put("--push-url", pushUrl);
            given.put("--push-bind", pushBind);
            given.put("--onenet-product", product);
            given.forEach((option, v) -> {
                if (v != null) {
                    problems.add(option + " is for --platform onenet; the platform is "
                            + (isContainer() ? "in a container (its API and addresses are the container's)"
                            : "embedded"));
                }
            });
            return Optional.empty();
        }
        OneNetApi a = api == null ? DEFAULT_API : OneNetApi.ofWord(api);
        if (a == null) {
            problems.add("--onenet-api must be legacy or current, found '" + api + "'");
        }
        URI base = url == null ? (a == null ? null : a.defaultBase()) : httpUrl("--onenet-url", url, problems);
        InetSocketAddress c = hostPort("--onenet-coap", coap == null ? OneNetSettings.DEFAULT_COAP : coap, problems);
        InetSocketAddress b = hostPort("--onenet-bootstrap",
                bootstrap == null ? OneNetSettings.DEFAULT_BOOTSTRAP : bootstrap, problems);
        URI push = pushUrl == null ? null : httpUrl("--push-url", pushUrl, problems);
        InetSocketAddress bind = pushBind == null ? null : bindAddress(pushBind, pushUrl != null, problems);
        if (product != null && !PRODUCT.matcher(product.trim()).matches()) {
            problems.add("--onenet-product must be OneNET's product id (letters, digits, _ or -), found '" + product
                    + "'");
        }
        for (String name : credentialVariables.keySet()) {
            if (!CREDENTIALS.contains(name)) {
                problems.add("no OneNET credential is called " + name + " (known: " + String.join(", ", CREDENTIALS)
                        + ")");
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new OneNetSettings(a, base, c, Optional.of(b), Optional.ofNullable(push),
                Optional.ofNullable(bind), DEFAULT_POLL_INTERVAL, Optional.ofNullable(product).map(String::trim),
                credentials(env)).withCredentialVariables(credentialVariables));
    }

    /**
     * The push receiver's address: an IP literal or a name of this host ({@code [v6]:PORT} too), port 0..65535 (0:
     * any free port); only with a push URL, since without one nothing listens.
     */
    private static InetSocketAddress bindAddress(String text, boolean withPushUrl, List<String> problems) {
        if (!withPushUrl) {
            problems.add("--push-bind is for the push receiver: give --push-url too (or the rack's push-url)");
            return null;
        }
        HostPort hp = HostPort.split(text);
        String host = hp.host();
        if (host.isEmpty() || hp.portNumber(0, 65535) < 0) {
            problems.add("--push-bind must be HOST:PORT (e.g. 0.0.0.0:8443, 127.0.0.1:8443), found '" + text + "'");
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), hp.portNumber(0, 65535));
        } catch (UnknownHostException e) {
            problems.add("--push-bind: '" + host + "' is not an address of this host");
            return null;
        }
    }

    /** The credentials from the variables this choice names (the standard ones by default). */
    public OneNetCredentials credentials(Map<String, String> env) {
        Map<String, String> standard = new HashMap<>();
        for (String name : CREDENTIALS) {
            String v = env.get(credentialVariables.getOrDefault(name, name));
            if (v != null) {
                standard.put(name, v);
            }
        }
        return OneNetCredentials.fromEnvironment(standard);
    }

    private static URI httpUrl(String option, String text, List<String> problems) {
        try {
            URI u = new URI(text.trim());
            if (("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
                    && u.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add(option + " must be an http:// or https:// URL with a host (e.g. http://127.0.0.1:8080), found '"
                + text + "'");
        return null;
    }

    /**
     * HOST:PORT ({@code [v6]:PORT}) to a socket address: an IP literal resolved (no DNS), a name left unresolved so
     * that the module resolves it as the real one would.
     */
    static InetSocketAddress hostPort(String option, String text, List<String> problems) {
        HostPort hp = HostPort.split(text);
        String host = hp.host();
        boolean v6 = hp.bracketed() && host.matches("[0-9A-Fa-f:.]+");
        boolean hostOk = v6 || HOST.matcher(host).matches();
        boolean portOk = hp.portNumber(1, 65535) > 0;
        if (!hostOk || !portOk) {
            problems.add(option + " must be HOST:PORT (e.g. 183.230.40.40:5683, [fd00::2]:5683), found '" + text + "'");
            return null;
        }
        int p = hp.portNumber(1, 65535);
        if (v6 || IPV4.matcher(host).matches()) {
            try {
                return new InetSocketAddress(InetAddress.getByName(host), p); // a literal: no lookup
            } catch (UnknownHostException e) {
                problems.add(option + ": '" + host + "' is not an IP address");
                return null;
            }
        }
        return InetSocketAddress.createUnresolved(host, p);
    }
}
