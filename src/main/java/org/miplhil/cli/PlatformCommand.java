package org.miplhil.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import org.miplhil.platform.Device;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.LeshanPlatform;
import org.miplhil.platform.Notification;
import org.miplhil.platform.PlatformListener;
import org.miplhil.platform.RequestLogEntry;
import org.miplhil.platform.http.OneNetHttpApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./mipl-hil platform}: the LwM2M platform alone until interrupted. Prints one
 * {@code name=value} line per port first, then one line per registration, request and notification.
 */
@Command(name = "platform", mixinStandardHelpOptions = true,
        description = {"Runs the LwM2M platform alone until interrupted: an LwM2M server and a bootstrap server "
                + "(embedded Eclipse Leshan, CoAP over UDP, no DTLS) and an HTTP API shaped like OneNET's.",
                "Prints coap-port=N, bootstrap-port=N and http-port=N first (port 0 = chosen by the system), then "
                        + "registrations, requests and notifications as they happen."})
public final class PlatformCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--coap-port", defaultValue = "5683", paramLabel = "N",
            description = "UDP port of the LwM2M server (default ${DEFAULT-VALUE}; 0 = any free port).")
    int coapPort;

    @Option(names = "--bootstrap-port", defaultValue = "5684", paramLabel = "N",
            description = "UDP port of the bootstrap server (default ${DEFAULT-VALUE}; 0 = any free port).")
    int bootstrapPort;

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "N",
            description = "TCP port of the OneNET-like HTTP API (default ${DEFAULT-VALUE}; 0 = any free port).")
    int httpPort;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address all three servers bind to (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--no-onenet-behaviour",
            description = "Do not observe and discover a device's objects after it registers.")
    boolean noOneNetBehaviour;

    @Option(names = "--no-bootstrap", description = "Run no bootstrap server.")
    boolean noBootstrap;

    @Option(names = "--request-timeout", defaultValue = "25", paramLabel = "SECONDS",
            description = "Deadline of the requests the platform makes by itself (default ${DEFAULT-VALUE}).")
    int requestTimeoutSeconds;

    /** Counted down to stop; a test may count it down instead of interrupting. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            err.println("platform: unknown address " + bind);
            return 2;
        }
        if (requestTimeoutSeconds < 1) {
            err.println("platform: --request-timeout must be at least 1 s");
            return 2;
        }
        LeshanPlatform platform;
        try {
            platform = LeshanPlatform.builder().address(address).coapPort(coapPort).bootstrapPort(bootstrapPort)
                    .bootstrap(!noBootstrap).oneNetBehaviour(!noOneNetBehaviour)
                    .requestTimeout(Duration.ofSeconds(requestTimeoutSeconds)).start();
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("platform: " + e.getMessage());
            return 2;
        }
        OneNetHttpApi api;
        try {
            api = OneNetHttpApi.start(platform, new InetSocketAddress(address, httpPort));
        } catch (IOException | IllegalArgumentException e) {
            platform.close();
            err.println("platform: cannot serve HTTP on " + bind + ":" + httpPort + ": " + e.getMessage());
            return 2;
        }
        Thread hook = new Thread(() -> {
            stop.countDown();
            api.close();
            platform.close();
        }, "platform-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.println("coap-port=" + platform.coapPort());
            out.println("bootstrap-port=" + platform.bootstrapPort());
            out.println("http-port=" + api.port());
            out.flush();
            platform.addListener(new ConsoleLog(out));
            stop.await();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            api.close();
            platform.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    /** One line per thing that happens. */
    private static final class ConsoleLog implements PlatformListener {
        private final PrintWriter out;

        ConsoleLog(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void onEvent(DeviceEvent event) {
            String line;
            if (event instanceof DeviceEvent.Registered r) {
                line = "registered " + describe(r.device());
            } else if (event instanceof DeviceEvent.Updated u) {
                line = "updated " + describe(u.device());
            } else if (event instanceof DeviceEvent.Deregistered d) {
                line = "deregistered " + d.endpoint() + (d.expired() ? " (lifetime expired)" : "")
                        + (d.replaced() ? " (registered again)" : "");
            } else {
                DeviceEvent.BootstrapFinished b = (DeviceEvent.BootstrapFinished) event;
                line = "bootstrap " + b.endpoint() + (b.success() ? " done" : " failed: " + b.failure());
            }
            print(event.at() + " " + line);
        }

        @Override
        public void onRequest(RequestLogEntry entry) {
            print(entry.describe());
        }

        @Override
        public void onNotification(Notification n) {
            print(n.receivedAt() + " notification " + n.endpoint() + " " + n.path() + " " + n.values().stream()
                    .map(v -> v.path() + "=" + v.value().text()).collect(Collectors.joining(" ")));
        }

        private static String describe(Device d) {
            return d.endpoint() + " from " + d.address() + " lifetime " + d.lifetimeSeconds() + " s objects "
                    + d.objectLinks().stream().map(Object::toString).collect(Collectors.joining(" "));
        }

        private void print(String line) {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }
    }
}
