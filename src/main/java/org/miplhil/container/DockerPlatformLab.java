package org.miplhil.container;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.miplhil.network.NetworkConditions;
import org.miplhil.network.RelayControl;
import org.miplhil.network.RelayStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

/**
 * The lab of {@link PlatformLab}: a network {@code mipl-hil-lab-<id>}, the platform container (alias
 * {@code platform}) and the relay container. Every UDP port the module uses has the same number on 127.0.0.1, in
 * the relay and in the platform, so what the platform advertises ({@code coap://127.0.0.1:<port>} from the
 * bootstrap server, package URIs) is right for the module on the host.
 */
final class DockerPlatformLab implements PlatformLab {

    private static final Logger LOG = LoggerFactory.getLogger(DockerPlatformLab.class);
    static final String PLATFORM_ALIAS = "platform";
    static final String ADVERTISED_HOST = "127.0.0.1";

    private final String id;
    private final Network network;
    private final GenericContainer<?> platform;
    private final GenericContainer<?> relay;
    private final URI apiBase;
    private final URI relayControl;
    private final InetSocketAddress coap;
    private final InetSocketAddress bootstrap;

    private DockerPlatformLab(String id, Network network, GenericContainer<?> platform, GenericContainer<?> relay, URI apiBase,
                              URI relayControl, InetSocketAddress coap, InetSocketAddress bootstrap) {
        this.id = id;
        this.network = network;
        this.platform = platform;
        this.relay = relay;
        this.apiBase = apiBase;
        this.relayControl = relayControl;
        this.coap = coap;
        this.bootstrap = bootstrap;
    }

    static PlatformLab start(String platformImage, String relayImage, LabSettings settings)
            throws ContainerException {
        String id = UUID.randomUUID().toString().substring(0, 8);
        int coapPort = Containers.freeUdpPort();
        int bootstrapPort = settings.bootstrap() ? Containers.freeUdpPort() : 0;
        int packagePort = settings.packageDir().isPresent() ? Containers.freeUdpPort() : 0;
        int httpPort = Containers.freeTcpPort();
        int controlPort = Containers.freeTcpPort();

        List<String> platformArgs = new ArrayList<>(List.of("--bind", "0.0.0.0", "--advertise-host", ADVERTISED_HOST,
                "--coap-port", String.valueOf(coapPort), "--http-port", String.valueOf(httpPort),
                "--coap-timing", settings.coapTiming()));
        List<String> relayArgs = new ArrayList<>(List.of("--control", "0.0.0.0:" + controlPort,
                "--seed", String.valueOf(settings.relaySeed())));
        List<Integer> relayed = new ArrayList<>();
        relayed.add(coapPort);
        if (settings.bootstrap()) {
            platformArgs.addAll(List.of("--bootstrap-port", String.valueOf(bootstrapPort)));
            relayed.add(bootstrapPort);
        } else {
            platformArgs.add("--no-bootstrap");
        }
        if (packagePort != 0) {
            platformArgs.addAll(List.of("--serve-packages", "--package-dir", "/packages", "--package-port",
                    String.valueOf(packagePort), "--package-host", ADVERTISED_HOST));
            relayed.add(packagePort);
        }
        for (int p : relayed) {
            relayArgs.addAll(List.of("--listen", "0.0.0.0:" + p + "=" + PLATFORM_ALIAS + ":" + p));
        }

        Network network = Network.builder()
                .createNetworkCmdModifier(cmd -> cmd.withName(Containers.PREFIX + "-lab-" + id)).build();
        GenericContainer<?> platform = Containers.container(platformImage);
        platform.withNetwork(network).withNetworkAliases(PLATFORM_ALIAS).withCommand(platformArgs.toArray(String[]::new))
                .waitingFor(Wait.forLogMessage(".*http-port=.*", 1).withStartupTimeout(settings.startTimeout()))
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName(Containers.PREFIX + "-platform-" + id);
                    Containers.publish(cmd, List.of(), List.of(httpPort));
                });
        // copied in before start (a tar through the engine's API), not bound: a bind makes Testcontainers look for a
        // helper image on a machine with /.dockerenv, and no image can be pulled here
        settings.packageDir().ifPresent(dir ->
                platform.withCopyFileToContainer(MountableFile.forHostPath(dir), "/packages"));
        GenericContainer<?> relay = Containers.container(relayImage);
        relay.withNetwork(network).withCommand(relayArgs.toArray(String[]::new))
                .waitingFor(Wait.forLogMessage("(?s).*ready.*", 1).withStartupTimeout(settings.startTimeout()))
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName(Containers.PREFIX + "-relay-" + id);
                    Containers.publish(cmd, relayed, List.of(controlPort));
                });
        URI api = URI.create("http://127.0.0.1:" + httpPort + "/");
        URI control = URI.create("http://127.0.0.1:" + controlPort + "/");
        DockerPlatformLab lab = new DockerPlatformLab(id, network, platform, relay, api, control,
                new InetSocketAddress(ADVERTISED_HOST, coapPort),
                settings.bootstrap() ? new InetSocketAddress(ADVERTISED_HOST, bootstrapPort) : null);
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        try {
            start(platform, "platform " + platformImage);
            awaitHttp(api, false, deadline, platform);
            start(relay, "relay " + relayImage);
            awaitHttp(control.resolve("health"), true, deadline, relay);
        } catch (ContainerException e) {
            lab.close();
            throw e;
        }
        LOG.info("lab {}: API {}, CoAP {}, bootstrap {}, relay control {}", id, api, lab.coap, lab.bootstrap,
                control);
        return lab;
    }

    private static void start(GenericContainer<?> c, String what) throws ContainerException {
        try {
            c.start();
        } catch (RuntimeException e) {
            throw new ContainerException(what + " did not start: " + e.getMessage() + "\n--- its output:\n"
                    + logs(c), e);
        }
    }

    /** Waits until {@code uri} answers (any status, or 200 when {@code ok}) before the deadline. */
    private static void awaitHttp(URI uri, boolean ok, long deadline, GenericContainer<?> c)
            throws ContainerException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (!ok || r.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + r.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerException("interrupted while waiting for " + uri, e);
            }
            try {
                Thread.sleep(200); // poll interval of a deadline-bound wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerException("interrupted while waiting for " + uri, e);
            }
        }
        throw new ContainerException(uri + " did not answer" + (ok ? " 200" : "") + " before the start deadline ("
                + last + ")\n--- " + c.getDockerImageName() + " output:\n" + logs(c));
    }

    private static String logs(GenericContainer<?> c) {
        try {
            return c.getContainerId() == null ? "(not created)" : c.getLogs();
        } catch (RuntimeException e) {
            return "(logs unavailable: " + e.getMessage() + ")";
        }
    }

    @Override
    public URI apiBase() {
        return apiBase;
    }

    @Override
    public InetSocketAddress coap() {
        return coap;
    }

    @Override
    public InetSocketAddress bootstrap() {
        if (bootstrap == null) {
            throw new IllegalStateException("this lab runs no bootstrap server (LabSettings.bootstrap false)");
        }
        return bootstrap;
    }

    /** The names of the lab's containers and network, for tests and messages. */
    List<String> dockerNames() {
        return List.of(Containers.PREFIX + "-platform-" + id, Containers.PREFIX + "-relay-" + id,
                Containers.PREFIX + "-lab-" + id);
    }

    /** The relay's control base, {@code http://127.0.0.1:<port>/}. */
    URI relayControl() {
        return relayControl;
    }

    @Override
    public void apply(NetworkConditions conditions) throws ContainerException {
        try {
            new RelayControl(relayControl).apply(conditions);
        } catch (IOException e) {
            throw new ContainerException("the relay did not take " + conditions.describe() + ": " + e.getMessage()
                    + "\n--- relay output:\n" + logs(relay), e);
        }
    }

    @Override
    public RelayStats stats() throws ContainerException {
        try {
            return new RelayControl(relayControl).stats();
        } catch (IOException e) {
            throw new ContainerException("the relay's stats: " + e.getMessage(), e);
        }
    }

    @Override
    public String platformLogs() {
        return logs(platform);
    }

    @Override
    public void close() {
        // removed here, not left to GenericContainer.stop(): Testcontainers' reaper logs a failed kill or removal at
        // trace level only, and a lab left running holds its ports
        for (GenericContainer<?> c : List.of(relay, platform)) {
            String id = c.getContainerId();
            if (id != null) {
                remove(id);
            }
            try {
                c.stop();
            } catch (RuntimeException e) {
                LOG.warn("stopping {}", c.getDockerImageName(), e);
            }
        }
        try {
            network.close();
        } catch (RuntimeException e) {
            LOG.warn("removing the lab's network", e);
        }
    }

    private static void remove(String id) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Containers.client().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
                return;
            } catch (com.github.dockerjava.api.exception.NotFoundException e) {
                return;
            } catch (ContainerException e) {
                LOG.warn("cannot remove container {}: {}", id, e.getMessage());
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        LOG.warn("cannot remove container {} (docker rm -f {})", id, id, last);
    }
}
