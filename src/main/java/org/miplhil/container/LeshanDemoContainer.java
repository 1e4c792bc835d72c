package org.miplhil.container;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * The stock Eclipse Leshan server demo ({@code org.eclipse.leshan:leshan-server-demo:2.0.0-M4}) in a container on
 * the project's Java runtime image: a second LwM2M server, written by others, that the virtual module must
 * register with unchanged. Its CoAP port (UDP) and its web server (REST API {@code /api/clients}) are published on
 * 127.0.0.1 with the same number inside and outside.
 */
public final class LeshanDemoContainer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeshanDemoContainer.class);
    static final String NAME = Containers.PREFIX + "/leshan-demo";
    static final String VERSION = "2.0.0-M4";
    static final String DOCKERFILE = "src/main/docker/leshan-demo/Dockerfile";
    /** Where {@code ./mvnw package} copies the demo (the pom's copy-leshan-server-demo execution). */
    static final String JAR = "target/leshan-demo/leshan-server-demo.jar";
    public static final Duration DEFAULT_READY_WITHIN = Duration.ofSeconds(60);

    private final GenericContainer<?> container;
    private final int coapPort;
    private final URI api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LeshanDemoContainer(GenericContainer<?> container, int coapPort, URI api) {
        this.container = container;
        this.coapPort = coapPort;
        this.api = api;
    }

    /** Builds what is missing, starts the demo and waits until its REST API answers. */
    public static LeshanDemoContainer start() throws ContainerException {
        return start(DEFAULT_READY_WITHIN);
    }

    public static LeshanDemoContainer start(Duration readyWithin) throws ContainerException {
        String image = ensureImage().tag();
        int coap = Containers.freeUdpPort();
        int web = Containers.freeTcpPort();
        String name = "mipl-hil-leshan-demo-" + UUID.randomUUID().toString().substring(0, 8);
        GenericContainer<?> c = Containers.container(image)
                // CoAP on the published port; CoAPS stays inside (not published); the web server beside it
                .withCommand("-lp", Integer.toString(coap), "-slp", "5684", "-wp", Integer.toString(web))
                .withCreateContainerCmdModifier(cmd -> cmd.withName(name));
        Containers.publish(c, List.of(coap), List.of(web));
        try {
            c.start();
        } catch (RuntimeException e) {
            String logs = logsOf(c);
            c.stop();
            throw new ContainerException("the Leshan server demo (" + image + ") did not start: " + e.getMessage()
                    + (logs.isBlank() ? "" : "; its output: " + logs.strip()), e);
        }
        LeshanDemoContainer demo = new LeshanDemoContainer(c, coap, URI.create("http://127.0.0.1:" + web));
        try {
            demo.awaitApi(readyWithin);
        } catch (ContainerException | RuntimeException e) {
            demo.close();
            throw e;
        }
        LOG.info("Leshan server demo {} ({}): CoAP udp 127.0.0.1:{}, API {}", VERSION, name, coap, demo.api);
        return demo;
    }

    /** Where the module registers: the demo's CoAP port on 127.0.0.1. */
    public InetSocketAddress coap() {
        return new InetSocketAddress("127.0.0.1", coapPort);
    }

    /** The demo's web server: {@code http://127.0.0.1:<port>} ({@code /api/clients}, the web UI). */
    public URI apiBase() {
        return api;
    }

    /** {@code GET /api/clients}: the registrations as the demo's JSON (an array of objects with "endpoint"). */
    public String clients() throws ContainerException {
        HttpResponse<String> r = get("/api/clients");
        if (r.statusCode() != 200) {
            throw new ContainerException("GET " + api + "/api/clients answered " + r.statusCode() + ": " + r.body()
                    + "; the demo's output: " + logs().strip());
        }
        return r.body();
    }

    /** The demo's output so far (its log: registrations, refusals and why). */
    public String logs() {
        return logsOf(container);
    }

    public String name() {
        return container.getContainerName().replaceFirst("^/", "");
    }

    /** Stops and removes the container. */
    @Override
    public void close() {
        container.stop();
    }

    private void awaitApi(Duration within) throws ContainerException {
        Instant deadline = Instant.now().plus(within);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!container.isRunning()) {
                throw new ContainerException("the Leshan server demo exited before its API answered; its output: "
                        + logs().strip());
            }
            try {
                HttpResponse<String> r = get("/api/clients");
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (ContainerException e) {
                last = e.getMessage();
            }
            pause();
        }
        throw new ContainerException("the Leshan server demo's API (" + api + "/api/clients) did not answer 200 "
                + "within " + within + " (last: " + last + "); its output: " + logs().strip());
    }

    private HttpResponse<String> get(String path) throws ContainerException {
        HttpRequest request = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ContainerException("GET " + api + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException("interrupted: GET " + api + path, e);
        }
    }

    private static void pause() throws ContainerException {
        try {
            Thread.sleep(200); // poll interval of a deadline-bound wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException("interrupted waiting for the Leshan server demo", e);
        }
    }

    /**
     * {@code mipl-hil/leshan-demo:<hash of the base tag, the Dockerfile and the demo's jar>}, built on the project's
     * base runtime image when missing (the base is built from the running jar: run after {@code ./mvnw package}).
     */
    public static BuiltImage ensureImage() throws ContainerException {
        ProjectImages images = ProjectImages.ofRunningJar();
        Path root = ProjectImages.runningJar().getParent().getParent();
        Path dockerfile = root.resolve(DOCKERFILE);
        Path jar = root.resolve(JAR);
        if (!Files.isRegularFile(jar)) {
            throw new ContainerException("no Leshan server demo at " + jar + ": ./mvnw package copies "
                    + "org.eclipse.leshan:leshan-server-demo:" + VERSION + ":jar-with-dependencies there from Maven");
        }
        String base = images.base().tag();
        String tag = NAME + ":" + hash(base, dockerfile, jar);
        Path work = root.resolve("target/docker");
        ImageBuilder builder = new ImageBuilder(Containers.client(), work);
        if (builder.exists(tag)) {
            return builder.ensure(work, tag, Map.of()); // reused: nothing staged, nothing built
        }
        Path context = work.resolve(NAME.replace('/', '-'));
        try {
            Staging.deleteTree(context);
            Files.createDirectories(context);
            Files.copy(dockerfile, context.resolve("Dockerfile"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(jar, context.resolve("leshan-server-demo.jar"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ContainerException("cannot stage " + tag + " in " + context + ": " + e.getMessage(), e);
        }
        return builder.ensure(context, tag, Map.of("BASE", base));
    }

    private static String hash(String base, Path dockerfile, Path jar) throws ContainerException {
        MessageDigest md = ScratchImage.sha256();
        md.update(base.getBytes(StandardCharsets.UTF_8));
        try {
            md.update(Files.readAllBytes(dockerfile));
            try (InputStream in = Files.newInputStream(jar)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
        } catch (IOException e) {
            throw new ContainerException("cannot hash " + dockerfile + " and " + jar + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    private static String logsOf(GenericContainer<?> c) {
        try {
            return c.getContainerId() == null ? "" : c.getLogs();
        } catch (RuntimeException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
