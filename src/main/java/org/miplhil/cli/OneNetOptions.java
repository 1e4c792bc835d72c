package org.miplhil.cli;

import java.util.Map;
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
            description = "The platform the suites run against: embedded (the harness's own LwM2M server, default),"
                    + " onenet (OneNET's API, or its double, through the adapter) or container (./mipl-hil platform in"
                    + " its own Docker container for the run, behind the relay that carries the suites' network:"
                    + " conditions; needs Docker).")
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

    /** What the options say; null where they say nothing ({@link PlatformChoice#resolve} checks it). */
    PlatformChoice choice() {
        return new PlatformChoice(kind, api, url, coap, bootstrap, pushUrl, pushBind, product, Map.of());
    }
}
