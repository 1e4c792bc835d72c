package org.miplhil.suite.run;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.miplhil.container.ContainerException;
import org.miplhil.container.DockerStatus;
import org.miplhil.container.PlatformLab;
import org.miplhil.platform.onenet.OneNetApi;
import org.miplhil.platform.onenet.OneNetCredentials;
import org.miplhil.platform.onenet.client.OneNetSettings;

/**
 * {@code --platform container}: the platform ({@code ./mipl-hil platform}) started in its own container for the run,
 * behind the impairment relay ({@link PlatformLab}), before any case. The harness reaches it through OneNET's
 * adapter on the legacy API, polling (the container cannot reach this host, so no push), and the module registers
 * at the relay's published ports.
 */
public final class ContainerPlatform {

    /** How many lines of the platform container's output a failed start shows. */
    static final int LOG_TAIL_LINES = 40;
    /**
     * The api-key the adapter sends when the environment has none: the platform in a container is started without
     * credentials, and the double then accepts any key (OneNetCredentials). Not a secret.
     */
    static final String LAB_API_KEY = "mipl-hil-lab";

    /** What a run needs of Docker: whether it answers, and a started lab. */
    public interface Labs {
        DockerStatus docker();

        PlatformLab start() throws ContainerException;
    }

    /** How starting went. */
    public sealed interface Start {
        record Started(PlatformLab lab) implements Start {}

        /** No Docker engine: why, and what to do. */
        record Unavailable(String message) implements Start {}

        /** Docker answered but the lab did not start: what happened, with the container's output's tail. */
        record Failed(String message) implements Start {}
    }

    private ContainerPlatform() {
    }

    /** Docker checked, then the lab started; never throws. */
    public static Start start(Labs labs) {
        DockerStatus docker;
        try {
            docker = labs.docker();
        } catch (RuntimeException e) {
            docker = DockerStatus.down(String.valueOf(e.getMessage()));
        }
        if (!docker.available()) {
            return new Start.Unavailable("--platform container needs Docker, which is not available here: "
                    + docker.reason() + ". Start a Docker engine (dockerd; check with 'docker info'), or run"
                    + " without --platform container (suites with network: are then skipped)");
        }
        try {
            return new Start.Started(labs.start());
        } catch (ContainerException | RuntimeException e) {
            return new Start.Failed("cannot start " + RunOptions.CONTAINER_NAME + ": " + tail(e.getMessage()));
        }
    }

    /** The labs of this build (Docker through Testcontainers). */
    public static Labs defaults() {
        return ContainerLabs.DEFAULT;
    }

    /** The last {@value #LOG_TAIL_LINES} lines of a message that may carry a container's output. */
    static String tail(String text) {
        if (text == null) {
            return "(no message)";
        }
        List<String> lines = Arrays.asList(text.split("\n"));
        if (lines.size() <= LOG_TAIL_LINES) {
            return text;
        }
        return "(last " + LOG_TAIL_LINES + " lines)\n"
                + String.join("\n", lines.subList(lines.size() - LOG_TAIL_LINES, lines.size()));
    }

    /**
     * The adapter's settings for the lab: the legacy API at the lab's published API, polling, the module pointed at
     * the relay, FOTA campaigns through the double's own call (OneNET has none). The environment's credentials when it has them (redacted as ever), else {@link #LAB_API_KEY}.
     */
    static OneNetSettings settings(PlatformLab lab, OneNetCredentials credentials) {
        OneNetCredentials c = credentials.apiKey().isPresent() ? credentials
                : new OneNetCredentials(Optional.of(LAB_API_KEY), credentials.accessKey(), credentials.userId(),
                credentials.pushToken(), credentials.pushAesKey());
        URI api = lab.apiBase();
        return new OneNetSettings(OneNetApi.LEGACY, api, lab.coap(), Optional.of(lab.bootstrap()), Optional.empty(),
                Optional.empty(), OneNetSettings.DEFAULT_POLL_INTERVAL, Optional.empty(), c)
                // the platform in the container is the project's double: its own FOTA call starts campaigns
                .withDoubleFota(true);
    }
}
