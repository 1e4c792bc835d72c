package org.miplhil.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.miplhil.network.ImpairmentRelay;
import org.miplhil.network.NetworkConditions;
import org.miplhil.network.NetworkProblem;
import org.miplhil.network.NetworkSpecs;
import org.miplhil.network.RelayControlServer;
import org.miplhil.network.Route;
import org.miplhil.yaml.YamlDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./mipl-hil network-relay --listen 0.0.0.0:5683=platform:5683 --control 0.0.0.0:8181 --seed 7}: the UDP
 * impairment relay between module and platform until interrupted; its conditions are set through the control API.
 * Prints one {@code listen} line per route, the {@code control} line, the conditions, then {@code ready}.
 */
@Command(name = "network-relay", mixinStandardHelpOptions = true,
        description = {"Relays UDP between module and platform with NB-IoT-like delay, jitter, loss, duplication, "
                + "reordering and a rate limit per direction, until interrupted (docs/network.md).",
                "Prints 'listen ADDRESS -> TARGET' per route, 'control http://ADDRESS' and the conditions, then "
                        + "'ready'. Control API: PUT /conditions (JSON), GET /stats, GET /health.",
                "Exit status 0 when interrupted, 2 for a usage error or an address that cannot be bound."})
public final class NetworkRelayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", required = true, paramLabel = "HOST:PORT=HOST:PORT",
            description = "Listen on the first address (port 0: any free port) and relay to the second; "
                    + "repeatable, one per relayed port (e.g. CoAP and bootstrap).")
    List<String> listen = new ArrayList<>();

    @Option(names = "--control", paramLabel = "HOST:PORT",
            description = "Serve the control API (HTTP) here (port 0: any free port); none when left out.")
    String control;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of the relay's decisions: one seed, one sequence of decisions (default "
                    + "${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--network", paramLabel = "PROFILE|{…}",
            description = "Conditions to start with: a profile name (nbiot-good, nbiot-edge, nbiot-lossy, none) or "
                    + "an inline map such as '{delay: 2s, loss: 15%}' (default: none).")
    String network;

    @Option(names = "--network-dir", defaultValue = "fixtures/network", paramLabel = "DIR",
            description = "Where profiles are (default ${DEFAULT-VALUE}).")
    Path networkDir;

    /** Counted down to stop; a test may count it down instead of interrupting. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Route> routes = new ArrayList<>();
        for (String l : listen) {
            StringBuilder problem = new StringBuilder();
            Optional<Route> r = Route.parse(l, problem);
            if (r.isEmpty()) {
                err.println("network-relay: --listen: " + problem);
                return 2;
            }
            routes.add(r.get());
        }
        Optional<InetSocketAddress> controlAddress = Optional.empty();
        if (control != null) {
            StringBuilder problem = new StringBuilder();
            controlAddress = Route.address(control, 0, "control", problem);
            if (controlAddress.isEmpty()) {
                err.println("network-relay: --control: " + problem);
                return 2;
            }
        }
        NetworkConditions start = NetworkConditions.none();
        if (network != null) {
            YamlDocument doc = YamlDocument.compose("--network", network);
            if (doc.root().isEmpty()) {
                err.println("network-relay: --network is not a profile name or a map: " + doc.problems());
                return 2;
            }
            NetworkSpecs.Result read = NetworkSpecs.read(doc.root().get(), networkDir, "--network");
            if (read instanceof NetworkSpecs.Result.Invalid invalid) {
                for (NetworkProblem p : invalid.problems()) {
                    err.println("network-relay: " + p);
                }
                return 2;
            }
            start = read.value().orElseThrow();
        }
        ImpairmentRelay relay;
        try {
            relay = ImpairmentRelay.start(routes, seed, start);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            err.println("network-relay: " + e.getMessage());
            return 2;
        }
        RelayControlServer server = null;
        try {
            if (controlAddress.isPresent()) {
                InetSocketAddress a = controlAddress.get();
                server = RelayControlServer.start(relay, new InetSocketAddress(a.getHostString(), a.getPort()));
            }
        } catch (IOException | RuntimeException e) {
            relay.close();
            err.println("network-relay: cannot serve the control API on " + control + ": " + e.getMessage());
            return 2;
        }
        RelayControlServer controlServer = server;
        Thread hook = new Thread(() -> {
            stop.countDown();
            close(relay, controlServer);
        }, "network-relay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            List<InetSocketAddress> bound = relay.listenAddresses();
            for (int i = 0; i < routes.size(); i++) {
                out.println("listen " + show(bound.get(i)) + " -> " + show(routes.get(i).target()));
            }
            if (controlServer != null) {
                out.println("control http://" + show(controlServer.address()));
            }
            out.println("conditions " + start.describe() + ", seed " + seed);
            out.println("ready");
            out.flush();
            stop.await();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            close(relay, controlServer);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    private static void close(ImpairmentRelay relay, RelayControlServer server) {
        if (server != null) {
            server.close();
        }
        relay.close();
    }

    private static String show(InetSocketAddress a) {
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
