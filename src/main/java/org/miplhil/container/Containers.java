package org.miplhil.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The project's way to Docker: whether an engine answers ({@link #docker()}, in seconds), containers from images
 * built here and never pulled ({@link #container}), UDP and TCP published on 127.0.0.1 only, with the same port
 * number inside and outside, and the containerised platform lab ({@link #startPlatformLab}).
 */
public final class Containers {

    /** Prefix of every container, network and image the project makes. */
    public static final String PREFIX = "mipl-hil";

    private Containers() {
    }

    /**
     * Whether Docker can be used from here, and if not why: no engine at DOCKER_HOST or the unix socket,
     * permission, or Testcontainers' settings missing. Answers within a few seconds, never hangs.
     */
    public static DockerStatus docker() {
        return docker(System.getenv());
    }

    static DockerStatus docker(Map<String, String> env) {
        DockerStatus engine = DockerProbe.probe(env);
        if (!engine.available()) {
            return engine;
        }
        String missing = missingSettings(env);
        return missing == null ? engine : DockerStatus.down(missing);
    }

    /**
     * Testcontainers reads these from the environment only (./mipl-hil and the build set them): without them it
     * starts Ryuk, whose image cannot be pulled here, and looks for the gateway with an alpine container.
     */
    static String missingSettings(Map<String, String> env) {
        if (!"true".equalsIgnoreCase(env.getOrDefault("TESTCONTAINERS_RYUK_DISABLED", ""))
                || env.getOrDefault("TESTCONTAINERS_HOST_OVERRIDE", "").isBlank()) {
            return "Testcontainers needs TESTCONTAINERS_RYUK_DISABLED=true and TESTCONTAINERS_HOST_OVERRIDE=localhost"
                    + " in the environment (no registry for Ryuk's image; ./mipl-hil and the Maven build set them)";
        }
        return null;
    }

    /** The docker-java client Testcontainers carries; fails with {@link #docker()}'s reason when it cannot. */
    static DockerClient client() throws ContainerException {
        DockerStatus status = docker();
        if (!status.available()) {
            throw new ContainerException("Docker is not usable: " + status.reason());
        }
        try {
            return DockerClientFactory.instance().client();
        } catch (RuntimeException e) {
            throw new ContainerException("Testcontainers cannot reach Docker: " + e.getMessage(), e);
        }
    }

    /**
     * A builder of images for other parts of the project (ser2net's): {@link ScratchImage}s staged under
     * {@code workDir} (e.g. {@code target/docker}), content-hash tags, nothing pulled.
     */
    public static ImageBuilder imageBuilder(java.nio.file.Path workDir) throws ContainerException {
        return new ImageBuilder(client(), workDir);
    }

    /**
     * A container of {@code image}, which must be here already: a missing image fails at once, naming it and how
     * to build it, and the container's pull policy never pulls.
     */
    public static GenericContainer<?> container(String image) throws ContainerException {
        requireImage(image);
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image));
        c.withImagePullPolicy(NeverPull.INSTANCE);
        return c;
    }

    /** Fails unless the image is here; never pulls it. */
    public static void requireImage(String image) throws ContainerException {
        if (!new ImageBuilder(client(), null).exists(image)) {
            throw new ContainerException("image " + image + " is not on this machine and is never pulled (no "
                    + "registry): build the project's images with ./mipl-hil images (ser2net's with its own "
                    + "builder)");
        }
    }

    /** Publishes these ports on 127.0.0.1 with the same number inside and outside, UDP or TCP. */
    public static void publish(GenericContainer<?> container, List<Integer> udp, List<Integer> tcp) {
        container.withCreateContainerCmdModifier(cmd -> publish(cmd, udp, tcp));
    }

    static void publish(CreateContainerCmd cmd, List<Integer> udp, List<Integer> tcp) {
        List<ExposedPort> exposed = new ArrayList<>();
        List<PortBinding> bindings = new ArrayList<>();
        for (int p : udp) {
            exposed.add(ExposedPort.udp(p));
            bindings.add(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", p), ExposedPort.udp(p)));
        }
        for (int p : tcp) {
            exposed.add(ExposedPort.tcp(p));
            bindings.add(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", p), ExposedPort.tcp(p)));
        }
        cmd.withExposedPorts(exposed);
        cmd.getHostConfig().withPortBindings(bindings);
    }

    /** A UDP port free on 127.0.0.1 now (the lab uses the same number inside its containers). */
    static int freeUdpPort() throws ContainerException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new ContainerException("no free UDP port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** A TCP port free on 127.0.0.1 now. */
    static int freeTcpPort() throws ContainerException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new ContainerException("no free TCP port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /**
     * The platform in its container behind the relay in another, on a network of their own, ports on 127.0.0.1
     * (see {@link PlatformLab}). Builds missing images first (from the running jar).
     */
    public static PlatformLab startPlatformLab(LabSettings settings) throws ContainerException {
        ProjectImages images = ProjectImages.ofRunningJar();
        return DockerPlatformLab.start(images.platform(), images.relay(), settings);
    }
}
