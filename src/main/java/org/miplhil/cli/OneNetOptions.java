package org.miplhil.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miplhil.launch.PlatformChoice;
import org.miplhil.platform.onenet.OneNetCredentials;
import org.miplhil.platform.onenet.client.OneNetSettings;
import picocli.CommandLine.Option;

/**
 * {@code --platform} and OneNET's options of the commands that run suites; each overrides the rack file's
 * {@code platform:} section. The credentials are never options: they come from the environment
 * ({@value OneNetCredentials#API_KEY}, {@value OneNetCredentials#ACCESS_KEY}, {@value OneNetCredentials#USER_ID},
 * {@value OneNetCredentials#PUSH_TOKEN}, {@value OneNetCredentials#PUSH_AES_KEY}, or the variables the rack names).
 */
final class OneNetOptions {

    @Option(names = "--platform", paramLabel = "KIND",
            description = "The platform the suites run against: embedded (the harness's own LwM2M server, default)"
                    + " or onenet (OneNET's API, or its double, through the adapter).")
    String kind;

    @Option(names = "--onenet-api", paramLabel = "legacy|current",
            description = "OneNET's API generation (default: legacy, api.heclouds.com).")
    String api;

    @Option(names = "--onenet-url", paramLabel = "BASE",
            description = "The API's base URL (default: OneNET's own for the chosen API; the double's"
                    + " http://127.0.0.1:PORT to run against ./mipl-hil platform).")
    String url;

    @Option(names = "--onenet-coap", paramLabel = "HOST:PORT",
            description = "The LwM2M server the module registers with directly (default: "
                    + OneNetSettings.DEFAULT_COAP + ", the note's).")
    String coap;

    @Option(names = "--onenet-bootstrap", paramLabel = "HOST:PORT",
            description = "The bootstrap server (default: " + OneNetSettings.DEFAULT_BOOTSTRAP + ", the note's).")
    String bootstrap;

    @Option(names = "--push-url", paramLabel = "URL",
            description = "The URL OneNET's push reaches the harness at, as the lab exposes it (default: none, poll).")
    String pushUrl;

    @Option(names = "--push-bind", paramLabel = "HOST:PORT",
            description = "Where the push receiver listens (default: loopback and the push URL's port; 0.0.0.0:PORT"
                    + " for a reverse proxy or tunnel on another host).")
    String pushBind;

    @Option(names = "--onenet-product", paramLabel = "ID",
            description = "The OneNET product devices are found or created in.")
    String product;

    /** What the options say; null where they say nothing. */
    PlatformChoice choice() {
        return new PlatformChoice(kind, api, url, coap, bootstrap, pushUrl, product, Map.of());
    }

    /**
     * {@code --push-bind} as an address to listen on (an IP literal or a local name; port 0 = any free port), empty
     * when not given; a value that makes no sense, or one given without a push URL, is added to {@code problems}.
     */
    Optional<InetSocketAddress> pushBind(boolean pushUrl, List<String> problems) {
        if (pushBind == null) {
            return Optional.empty();
        }
        if (!pushUrl) {
            problems.add("--push-bind is for the push receiver: give --push-url too (or the rack's push-url)");
            return Optional.empty();
        }
        String s = pushBind.trim();
        int colon = s.lastIndexOf(':');
        String host = colon <= 0 ? "" : s.substring(0, colon);
        String port = colon < 0 ? "" : s.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || !port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            problems.add("--push-bind must be HOST:PORT (e.g. 0.0.0.0:8443, 127.0.0.1:8443), found '" + pushBind
                    + "'");
            return Optional.empty();
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(port)));
        } catch (UnknownHostException e) {
            problems.add("--push-bind: '" + host + "' is not an address of this host");
            return Optional.empty();
        }
    }
}
