package org.miplhil.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.miplhil.platform.Device;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.Notification;
import org.miplhil.platform.Platform;
import org.miplhil.platform.PlatformListener;
import org.miplhil.platform.RequestLogEntry;
import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaOutcome;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.platform.fota.FotaStep;
import org.miplhil.platform.fota.PackageTransfer;
import org.miplhil.platform.http.OneNetDouble;
import org.miplhil.platform.http.OneNetHttpApi;
import org.miplhil.platform.leshan.CoapSettings;
import org.miplhil.platform.onenet.OneNetCredentials;
import org.miplhil.platform.onenet.push.PushSender;
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
                "Prints coap-port=N, bootstrap-port=N and http-port=N first (port 0 = chosen by the system; "
                        + "package-port=N too when packages are served), then registrations, requests, "
                        + "notifications, package downloads and FOTA campaign steps as they happen.",
                "With --fota-package, runs the FOTA campaign of 6.1 for the first device that registers "
                        + "(or --fota-endpoint)."})
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

    @Option(names = "--no-onenet-discover",
            description = "Do not discover after a registration: OneNET's default for a new product (the note's "
                    + "7.2.1 shows the discovers, the default here).")
    boolean noOneNetDiscover;

    @Option(names = "--no-bootstrap", description = "Run no bootstrap server.")
    boolean noBootstrap;

    @Option(names = "--request-timeout", defaultValue = "25", paramLabel = "SECONDS",
            description = "Deadline of the requests the platform makes by itself (default ${DEFAULT-VALUE}).")
    int requestTimeoutSeconds;

    @Option(names = "--coap-timing", defaultValue = "onenet", paramLabel = "onenet|rfc7252",
            description = "CoAP retransmission of the platform's requests: onenet (default; ACK_TIMEOUT 5 s, factor "
                    + "1.5, MAX_RETRANSMIT 2: OneNET's three sends within its timeout) or rfc7252 (2 s, 1.5, 4).")
    String coapTiming;

    @Option(names = "--serve-packages",
            description = "Serve the package directory over CoAP (block-wise) even without a campaign.")
    boolean servePackages;

    @Option(names = "--package-dir", defaultValue = "fixtures/firmware/packages", paramLabel = "DIR",
            description = "Directory the package server serves at coap://HOST:PORT/fota/<file> "
                    + "(default ${DEFAULT-VALUE}).")
    Path packageDir;

    @Option(names = "--package-port", defaultValue = "0", paramLabel = "N",
            description = "UDP port of the package server (default ${DEFAULT-VALUE} = any free port).")
    int packagePort;

    @Option(names = "--package-host", paramLabel = "HOST",
            description = "Host written into package URIs: the platform's address as the module sees it "
                    + "(default the --bind address).")
    String packageHost;

    @Option(names = "--advertise-host", paramLabel = "HOST",
            description = "Host the bootstrap server hands out in the LwM2M server's URI: the platform's address as "
                    + "the module sees it, e.g. 127.0.0.1 when it binds 0.0.0.0 in a container (default the --bind "
                    + "address).")
    String advertiseHost;

    @Option(names = "--fota-package", paramLabel = "FILE",
            description = "Run a FOTA campaign with this delta package (6.1).")
    Path fotaPackage;

    @Option(names = "--fota-version", paramLabel = "REV",
            description = "Firmware version (/3/0/3) the device must report after the update; needed with "
                    + "--fota-package.")
    String fotaVersion;

    @Option(names = "--fota-trigger", defaultValue = "now", paramLabel = "now|next-uplink",
            description = "Start the campaign at once (now, default) or at the device's next uplink: a "
                    + "registration update or a notification (next-uplink, 6.2).")
    String fotaTrigger;

    @Option(names = "--fota-endpoint", paramLabel = "ENDPOINT",
            description = "Run the campaign for this endpoint name or IMEI (default: the first device that "
                    + "registers).")
    String fotaEndpoint;

    @Option(names = "--fota-step-timeout", defaultValue = "25", paramLabel = "SECONDS",
            description = "Deadline of each request of the campaign (default ${DEFAULT-VALUE}).")
    int fotaStepTimeoutSeconds;

    @Option(names = "--fota-phase-timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "Deadline of each phase of the campaign: trigger, download, update, "
                    + "re-registration (default ${DEFAULT-VALUE}).")
    int fotaPhaseTimeoutSeconds;

    @Option(names = "--push-url", paramLabel = "URL",
            description = "Push devices' data and online/offline to URL as OneNET's HTTP push does (signed with "
                    + "ONENET_PUSH_TOKEN, encrypted when ONENET_PUSH_AES_KEY is set; URL check first).")
    URI pushUrl;

    @Option(names = "--exit-after-fota",
            description = "Exit when the campaign ends: status 0 when it succeeded, 1 otherwise.")
    boolean exitAfterFota;

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
        CoapSettings coap = coapSettings();
        if (coap == null) {
            err.println("platform: --coap-timing must be onenet or rfc7252, found '" + coapTiming + "'");
            return 2;
        }
        FotaSpec fota = null;
        if (fotaPackage != null) {
            fota = fotaSpec(err);
            if (fota == null) {
                return 2;
            }
        } else if (fotaVersion != null || fotaEndpoint != null || exitAfterFota) {
            err.println("platform: --fota-version, --fota-endpoint and --exit-after-fota need --fota-package");
            return 2;
        }
        LeshanPlatform platform;
        try {
            platform = LeshanPlatform.builder().address(address).coapPort(coapPort).bootstrapPort(bootstrapPort)
                    .bootstrap(!noBootstrap).oneNetBehaviour(!noOneNetBehaviour).oneNetDiscover(!noOneNetDiscover)
                    .requestTimeout(Duration.ofSeconds(requestTimeoutSeconds)).coapSettings(coap)
                    .packageServer(servePackages || fota != null).packageDirectory(packageDir)
                    .packagePort(packagePort).packageHost(packageHost).advertiseHost(advertiseHost).start();
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("platform: " + e.getMessage());
            return 2;
        }
        OneNetDouble onenet;
        try {
            // the credentials the double accepts (none set: any); never printed
            OneNetCredentials credentials = OneNetCredentials.fromEnvironment(System.getenv());
            Optional<PushSender.Settings> push = pushUrl == null ? Optional.empty() : Optional.of(
                    PushSender.Settings.of(pushUrl, credentials.pushToken(), credentials.pushAesKey()));
            onenet = OneNetDouble.start(platform, new InetSocketAddress(address, httpPort), 16, packageDir,
                    credentials, push);
        } catch (IllegalArgumentException e) {
            platform.close();
            err.println("platform: --push-url: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            platform.close();
            err.println("platform: cannot serve HTTP on " + bind + ":" + httpPort + ": " + e.getMessage());
            return 2;
        }
        OneNetHttpApi api = onenet.api();
        PushSender push = onenet.push().orElse(null);
        Thread hook = new Thread(() -> {
            stop.countDown();
            onenet.close();
            platform.close();
        }, "platform-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.println("coap-port=" + platform.coapPort());
            out.println("bootstrap-port=" + platform.bootstrapPort());
            out.println("http-port=" + api.port());
            if (servePackages || fota != null) {
                URI packages = platform.packageLocation();
                out.println("package-port=" + packages.getPort());
                out.println("packages " + packages + " from " + packageDir.toAbsolutePath().normalize());
            }
            out.println("coap-timing " + coapTiming.trim().toLowerCase(java.util.Locale.ROOT) + ": ACK_TIMEOUT "
                    + coap.ackTimeout().toMillis() + " ms, ACK_RANDOM_FACTOR " + coap.ackRandomFactor()
                    + ", MAX_RETRANSMIT " + coap.maxRetransmit());
            if (push != null) {
                out.println("push " + push.settings());
            }
            out.flush();
            ConsoleLog log = new ConsoleLog(out);
            platform.addListener(log);
            if (fota == null) {
                stop.await();
                return 0;
            }
            FirstDevice first = new FirstDevice(platform, fota, log, exitAfterFota ? stop : null);
            platform.addListener(first);
            first.startIfOnline(fotaEndpoint);
            stop.await();
            FotaOutcome o = first.outcome.get();
            if (exitAfterFota && o != null) {
                return o instanceof FotaOutcome.Succeeded ? 0 : 1;
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            onenet.close();
            platform.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    /** {@code --coap-timing}: OneNET's (the double's default) or RFC 7252's; null for another word. */
    CoapSettings coapSettings() {
        return switch (coapTiming == null ? "onenet" : coapTiming.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "onenet" -> CoapSettings.oneNet();
            case "rfc7252" -> CoapSettings.defaults();
            default -> null;
        };
    }

    private FotaSpec fotaSpec(PrintWriter err) {
        if (fotaVersion == null || fotaVersion.isBlank()) {
            err.println("platform: --fota-package needs --fota-version REV (the version after the update)");
            return null;
        }
        if (!Files.isRegularFile(fotaPackage)) {
            err.println("platform: no package file " + fotaPackage);
            return null;
        }
        FotaSpec.Trigger trigger = switch (fotaTrigger.toLowerCase(java.util.Locale.ROOT)) {
            case "now" -> FotaSpec.Trigger.NOW;
            case "next-uplink" -> FotaSpec.Trigger.NEXT_UPLINK;
            default -> null;
        };
        if (trigger == null) {
            err.println("platform: --fota-trigger must be now or next-uplink: " + fotaTrigger);
            return null;
        }
        if (fotaStepTimeoutSeconds < 1 || fotaPhaseTimeoutSeconds < 1) {
            err.println("platform: --fota-step-timeout and --fota-phase-timeout must be at least 1 s");
            return null;
        }
        return new FotaSpec(fotaPackage, fotaVersion, trigger, Duration.ofSeconds(fotaStepTimeoutSeconds),
                Duration.ofSeconds(fotaPhaseTimeoutSeconds));
    }

    /** Starts the one campaign of the command: for --fota-endpoint, or the first device that registers. */
    private static final class FirstDevice implements PlatformListener {
        private final Platform platform;
        private final FotaSpec spec;
        private final ConsoleLog log;
        private final AtomicBoolean started = new AtomicBoolean();
        final AtomicReference<FotaOutcome> outcome = new AtomicReference<>();
        private final CountDownLatch stopWhenEnded;
        private volatile String wanted;

        FirstDevice(Platform platform, FotaSpec spec, ConsoleLog log, CountDownLatch stopWhenEnded) {
            this.platform = platform;
            this.spec = spec;
            this.log = log;
            this.stopWhenEnded = stopWhenEnded;
        }

        @Override
        public void onFotaOutcome(FotaCampaign c, FotaOutcome o) {
            // the command runs one campaign
            outcome.compareAndSet(null, o);
            if (stopWhenEnded != null) {
                stopWhenEnded.countDown();
            }
        }

        /** With an endpoint given, the campaign starts now (it waits for the device as its trigger says). */
        void startIfOnline(String endpoint) {
            wanted = endpoint;
            if (endpoint != null) {
                start(endpoint);
            } else {
                log.print("fota waiting for the first device to register");
            }
        }

        @Override
        public void onEvent(DeviceEvent event) {
            if (wanted == null && event instanceof DeviceEvent.Registered r) {
                start(r.endpoint());
            }
        }

        private void start(String endpoint) {
            if (started.compareAndSet(false, true)) {
                log.print("fota campaign for " + endpoint + ": " + spec.packageFile().getFileName() + " -> "
                        + spec.targetVersion() + ", trigger " + spec.trigger());
                platform.startFota(endpoint, spec);
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

        @Override
        public void onPackageTransfer(PackageTransfer transfer) {
            print(transfer.describe());
        }

        @Override
        public void onFotaStep(FotaCampaign campaign, FotaStep step) {
            print(step.at() + " fota " + campaign.endpoint() + " " + step.name() + ": " + step.detail() + " ("
                    + step.elapsed().toMillis() + " ms)" + (step.ok() ? "" : " FAILED"));
        }

        @Override
        public void onFotaOutcome(FotaCampaign campaign, FotaOutcome outcome) {
            print(java.time.Instant.now() + " fota " + campaign.endpoint() + " outcome: " + describe(outcome));
        }

        private static String describe(FotaOutcome o) {
            if (o instanceof FotaOutcome.Succeeded s) {
                return "succeeded, version " + s.version();
            } else if (o instanceof FotaOutcome.Failed f) {
                return "failed: " + f.reason() + (f.updateResult() < 0 ? "" : " (update result " + f.updateResult()
                        + ")");
            } else if (o instanceof FotaOutcome.TimedOut t) {
                return "timed out in phase " + t.phase();
            }
            return "cancelled";
        }

        private static String describe(Device d) {
            return d.endpoint() + " from " + d.address() + " lifetime " + d.lifetimeSeconds() + " s objects "
                    + d.objectLinks().stream().map(Object::toString).collect(Collectors.joining(" "));
        }

        void print(String line) {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }
    }
}
