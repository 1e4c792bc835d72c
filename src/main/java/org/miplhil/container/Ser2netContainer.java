package org.miplhil.container;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.miplhil.link.LinkSpec;
import org.miplhil.link.SerialSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;

/**
 * ser2net in a container in front of a module's serial device: the device passed in (never a privileged
 * container), a raw TCP accepter published on 127.0.0.1, so that a run reaches the module as
 * {@code tcp:127.0.0.1:PORT} (the {@code tcp:} target of {@code ./mipl-hil run}), as a lab's serial server does.
 *
 * <p>A pseudo-terminal slave (the virtual module's {@code /dev/pts/N}) is bind-mounted rather than passed with
 * {@code --device}: Docker's {@code --device} makes a new device node (mknod) on the container's /dev, and the
 * kernel opens a pty slave only through a node on a devpts file system (any other node answers EIO); the bind
 * mount keeps the devpts node, and Docker's default device rules already allow the pty slaves (c 136:* rwm).
 * Any other character device (a USB serial adapter, a UART) goes in with {@code --device}, which also adds its
 * device-cgroup rule. See docs/containers.md, "ser2net".
 */
public final class Ser2netContainer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ser2netContainer.class);
    /** ser2net's TCP port inside the container (published on a free port of 127.0.0.1). */
    static final int PORT = 2000;
    /** Where the device appears inside the container. */
    static final String DEVICE = "/dev/ttyMODULE";
    static final String CONFIG = "/etc/ser2net/ser2net.yaml";
    public static final Duration DEFAULT_READY_WITHIN = Duration.ofSeconds(30);

    private final GenericContainer<?> container;
    private final int hostPort;
    private final String config;

    private Ser2netContainer(GenericContainer<?> container, int hostPort, String config) {
        this.container = container;
        this.hostPort = hostPort;
        this.config = config;
    }

    /** ser2net in front of {@code serial.device()}, ready (listening) within {@link #DEFAULT_READY_WITHIN}. */
    public static Ser2netContainer start(SerialSettings serial) throws ContainerException {
        return start(serial, DEFAULT_READY_WITHIN);
    }

    /**
     * Builds the image if needed, starts ser2net with the device passed in and waits until it listens.
     *
     * @throws ContainerException no such device, an image that cannot be built, a container that does not start
     *                            or does not listen within {@code readyWithin} (with its output)
     */
    public static Ser2netContainer start(SerialSettings serial, Duration readyWithin) throws ContainerException {
        Path device = hostDevice(serial.device());
        String config = config(serial, PORT);
        String image = Ser2netImage.ensure().tag();
        String name = "mipl-hil-ser2net-" + UUID.randomUUID().toString().substring(0, 8);
        boolean pty = isPtySlave(device);
        @SuppressWarnings("resource") // closed by close(), or below when it does not come up
        GenericContainer<?> c = Containers.container(image) // built here, never pulled
                .withCopyToContainer(Transferable.of(config), CONFIG)
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName(name);
                    cmd.withExposedPorts(ExposedPort.tcp(PORT));
                    HostConfig host = cmd.getHostConfig() == null ? new HostConfig() : cmd.getHostConfig();
                    host.withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(PORT)));
                    if (pty) {
                        host.withBinds(new Bind(device.toString(), new Volume(DEVICE)));
                    } else {
                        host.withDevices(new Device("rwm", DEVICE, device.toString()));
                    }
                    cmd.withHostConfig(host);
                });
        try {
            c.start();
        } catch (RuntimeException e) {
            String logs = logsOf(c);
            c.stop();
            throw new ContainerException("ser2net container (" + image + ") for " + device + " did not start: "
                    + e.getMessage() + (logs.isBlank() ? "" : "; its output: " + logs.strip()), e);
        }
        try {
            int published = publishedPort(c.getContainerInfo());
            awaitListening(c, readyWithin);
            LOG.info("ser2net ({}) serves {} ({}) on tcp:127.0.0.1:{}", name, device, pty ? "pty, bind-mounted"
                    : "device", published);
            return new Ser2netContainer(c, published, config);
        } catch (ContainerException | RuntimeException e) {
            c.stop();
            throw e;
        }
    }

    /** ser2net's YAML configuration: one raw TCP accepter on {@code port} in front of {@link #DEVICE}. */
    static String config(SerialSettings serial, int port) throws ContainerException {
        return "%YAML 1.1\n---\n"
                + "connection: &module\n"
                + "  accepter: tcp," + port + "\n"
                // local: a module's UART has no modem lines to wait for (ser2net.yaml(5), serialdev)
                + "  connector: serialdev," + DEVICE + "," + serialOptions(serial) + "\n"
                + "  options:\n"
                // a harness that reconnects (a new run) takes the module over from a connection left open
                + "    kickolduser: true\n"
                + "    max-connections: 1\n";
    }

    /** gensio's serialdev options: {@code 115200n81,local} and the flow control. */
    static String serialOptions(SerialSettings s) throws ContainerException {
        String stop = switch (s.stopBits()) {
            case ONE -> "1";
            case TWO -> "2";
            case ONE_POINT_FIVE -> throw new ContainerException("ser2net's serialdev has no 1.5 stop bits: " + s);
        };
        String options = s.baud() + String.valueOf(s.parity().name().charAt(0)).toLowerCase(Locale.ROOT)
                + s.dataBits() + stop + ",local";
        return switch (s.flowControl()) {
            case NONE -> options;
            case RTS_CTS -> options + ",rtscts";
            case XON_XOFF -> options + ",xonxoff";
        };
    }

    /** The run's target: {@code tcp:127.0.0.1:PORT}. */
    public String target() {
        return "tcp:127.0.0.1:" + hostPort;
    }

    /** The same as a link spec, for {@code Links.open}. */
    public LinkSpec.Tcp link() {
        return new LinkSpec.Tcp("127.0.0.1", hostPort);
    }

    /** ser2net's port on 127.0.0.1. */
    public int port() {
        return hostPort;
    }

    /** The YAML ser2net runs with. */
    public String config() {
        return config;
    }

    /** The container's name ({@code mipl-hil-ser2net-…}). */
    public String name() {
        return container.getContainerName().replaceFirst("^/", "");
    }

    /** ser2net's output so far. */
    public String logs() {
        return logsOf(container);
    }

    /** Stops and removes the container. */
    @Override
    public void close() {
        container.stop();
    }

    private static Path hostDevice(String written) throws ContainerException {
        Path p = Path.of(written);
        if (!Files.exists(p)) {
            throw new ContainerException("no serial device " + written + " to put ser2net in front of");
        }
        try {
            return p.toRealPath(); // a rack's symlink (/dev/serial/by-id/…, sim --link) names the device itself
        } catch (IOException e) {
            throw new ContainerException("cannot resolve " + written + ": " + e.getMessage(), e);
        }
    }

    static boolean isPtySlave(Path device) {
        return device.startsWith("/dev/pts/") && !device.getFileName().toString().equals("ptmx");
    }

    private static int publishedPort(InspectContainerResponse info) throws ContainerException {
        Ports.Binding[] bindings = info.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(PORT));
        if (bindings == null || bindings.length == 0) {
            throw new ContainerException("ser2net's port " + PORT + "/tcp is not published: "
                    + info.getNetworkSettings().getPorts().getBindings());
        }
        return Integer.parseInt(bindings[0].getHostPortSpec());
    }

    /**
     * Waits until ser2net listens inside the container, read from /proc/net/tcp with busybox: connecting to the
     * published port would prove nothing (Docker's proxy accepts first) and would open the device.
     */
    private static void awaitListening(GenericContainer<?> c, Duration within) throws ContainerException {
        Instant deadline = Instant.now().plus(within);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            if (!c.isRunning()) {
                throw new ContainerException("ser2net exited before listening on " + PORT + "; its output: "
                        + logsOf(c).strip());
            }
            try {
                ExecResult r = c.execInContainer("/bin/busybox", "cat", "/proc/net/tcp", "/proc/net/tcp6");
                last = r.getStdout();
                if (listens(last, PORT)) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerException("interrupted waiting for ser2net to listen", e);
            }
            try {
                Thread.sleep(100); // poll interval of a deadline-bound wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerException("interrupted waiting for ser2net to listen", e);
            }
        }
        throw new ContainerException("ser2net did not listen on " + PORT + "/tcp within " + within
                + "; its output: " + logsOf(c).strip() + "; /proc/net/tcp: " + last.strip());
    }

    /** Whether /proc/net/tcp{,6} shows a socket in LISTEN (state 0A) on {@code port} (pure). */
    static boolean listens(String procNetTcp, int port) {
        String local = String.format(":%04X", port);
        for (String line : procNetTcp.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length > 3 && f[1].endsWith(local) && f[3].equals("0A")) {
                return true;
            }
        }
        return false;
    }

    private static String logsOf(GenericContainer<?> c) {
        try {
            return c.getContainerId() == null ? "" : c.getLogs();
        } catch (RuntimeException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
