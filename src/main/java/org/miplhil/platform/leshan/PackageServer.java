package org.miplhil.platform.leshan;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.miplhil.platform.fota.PackageTransfer;
import org.miplhil.platform.leshan.CoapSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's package server: files of a directory (and files offered one by one) served over CoAP on UDP at
 * {@code coap://HOST:PORT/fota/<file>}, one Block2 block per request (RFC 7959), so a module downloads a delta
 * package of any size in blocks (6.1.1, the download phase). Every download is kept in a transfer log. A file
 * offered to one device ({@link #offer(Path, String)}) is served at {@code /fota/<owner>/<file>} and its downloads
 * carry the owner: devices sharing the platform that update from the same package never see each other's downloads.
 * <p>
 * Blocks are cut here, not by Californium's transparent block-wise layer (turned off on this endpoint), so each
 * block asked for is seen and counted and no body size limit applies. The block size is the one the client
 * asks for (early negotiation, RFC 7959 2.4), at most {@link Builder#blockSize(int)}.
 */
public final class PackageServer implements AutoCloseable {

    /** The first path segment of every package URI. */
    public static final String PATH = "fota";
    private static final Logger LOG = LoggerFactory.getLogger(PackageServer.class);
    private static final int LOG_CAPACITY = 10_000;

    private final Path directory;
    private final String advertisedHost;
    private final int blockSize;
    private final CoapServer server;
    private final CoapEndpoint endpoint;
    private final Map<String, Path> offered = new ConcurrentHashMap<>();
    private final List<Consumer<PackageTransfer>> listeners = new CopyOnWriteArrayList<>();
    /** Transfers under way, by peer: a module fetches one package at a time. */
    private final Map<String, Progress> open = new HashMap<>();
    private final List<PackageTransfer> finished = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private PackageServer(Builder b) {
        this.directory = b.directory;
        this.blockSize = b.blockSize;
        Configuration config = Configuration.createStandardWithoutFile();
        b.coap.withMaxResourceBodySize(0).applyTo(config); // 0: Californium leaves Block2 to the resource
        config.set(CoapConfig.PREFERRED_BLOCK_SIZE, b.blockSize);
        config.set(CoapConfig.MAX_MESSAGE_SIZE, Math.max(b.blockSize, 1024));
        this.server = new CoapServer(config);
        this.endpoint = new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress(b.address, b.port)).build();
        server.addEndpoint(endpoint);
        server.add(new Packages());
        try {
            server.start();
        } catch (RuntimeException e) {
            server.destroy();
            throw new IllegalStateException("cannot start the package server on " + b.address.getHostAddress() + ":"
                    + b.port + " (UDP): " + e.getMessage(), e);
        }
        String host = b.advertisedHost != null ? b.advertisedHost : hostOf(endpoint.getAddress());
        this.advertisedHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        LOG.info("package server on {} serving {}", endpoint.getAddress(), directory);
    }

    static {
        CoapConfig.register();
        UdpConfig.register();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static String hostOf(InetSocketAddress a) {
        InetAddress address = a.getAddress();
        if (address == null || address.isAnyLocalAddress()) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
        return address.getHostAddress();
    }

    /** The UDP address the server is bound to. */
    public InetSocketAddress address() {
        return endpoint.getAddress();
    }

    public int port() {
        return endpoint.getAddress().getPort();
    }

    /** The directory served. */
    public Path directory() {
        return directory;
    }

    /** {@code coap://HOST:PORT/fota/<fileName>}, HOST being the address the module is told. */
    public URI uri(String fileName) {
        return URI.create("coap://" + advertisedHost + ":" + port() + "/" + PATH + "/" + encode(fileName));
    }

    /** {@code coap://HOST:PORT/fota/<owner>/<fileName>}: the file as offered to one device. */
    public URI uri(String owner, String fileName) {
        if (owner == null || owner.isEmpty()) {
            return uri(fileName);
        }
        return URI.create("coap://" + advertisedHost + ":" + port() + "/" + PATH + "/" + encode(owner) + "/"
                + encode(fileName));
    }

    /**
     * Serves {@code file} under its own name, wherever it lies (it takes precedence over a file of the same
     * name in the directory), and returns its URI.
     */
    public URI offer(Path file) {
        String name = file.getFileName().toString();
        offered.put(name, file.toAbsolutePath());
        return uri(name);
    }

    /**
     * Serves {@code file} to one device only, under {@code /fota/<owner>/<file name>} (the owner: the device's IMEI),
     * and returns its URI; its downloads carry the owner. Empty {@code owner}: as {@link #offer(Path)}.
     */
    public URI offer(Path file, String owner) {
        if (owner == null || owner.isEmpty()) {
            return offer(file);
        }
        String name = file.getFileName().toString();
        offered.put(owned(owner, name), file.toAbsolutePath());
        return uri(owner, name);
    }

    /** The key of a file offered to one owner ('/' never occurs in a path segment as served). */
    private static String owned(String owner, String name) {
        return owner + "/" + name;
    }

    /** Every download so far, finished or not, in order of start. */
    public List<PackageTransfer> transfers() {
        List<PackageTransfer> out;
        synchronized (this) {
            out = new ArrayList<>(finished);
            for (Progress p : open.values()) {
                out.add(p.snapshot(PackageTransfer.Status.IN_PROGRESS));
            }
        }
        out.sort(Comparator.comparing(PackageTransfer::started));
        return out;
    }

    /** Called on the server's threads when a download starts and when it ends; keep it short. */
    public void addListener(Consumer<PackageTransfer> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<PackageTransfer> listener) {
        listeners.remove(listener);
    }

    /**
     * Stops the endpoint: the socket stops taking blocks and no exchange is left retransmitting. The executors keep
     * running until {@link #close()}; Californium's destroy alone ends them before the endpoint, and a
     * retransmission timer firing in between meets a terminated executor.
     */
    public void stop() {
        if (closed.get()) {
            return;
        }
        try {
            server.stop();
        } catch (RuntimeException e) {
            LOG.warn("stopping the package server", e);
        }
    }

    /** Stops the endpoint, then frees the socket and the executors; idempotent, never throws. */
    @Override
    public void close() {
        stop();
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.destroy();
        } catch (RuntimeException e) {
            LOG.warn("stopping the package server", e);
        }
    }

    // --- serving -------------------------------------------------------------------------------------

    /** {@code /fota}: every child name is looked up when asked for. */
    private final class Packages extends CoapResource {
        Packages() {
            super(PATH);
            setVisible(false);
        }

        @Override
        public Resource getChild(String name) {
            return new PackageFile(name, this);
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            exchange.respond(ResponseCode.NOT_FOUND, "no package named");
        }
    }

    /** {@code /fota/<file>}, or {@code /fota/<owner>/<file>} for a file offered to one device. */
    private final class PackageFile extends CoapResource {
        private final String owner;

        PackageFile(String name, Resource parent) {
            this(name, parent, "");
        }

        PackageFile(String name, Resource parent, String owner) {
            super(name);
            setParent(parent);
            this.owner = owner;
        }

        @Override
        public Resource getChild(String name) {
            // one level below /fota/<owner> only
            return owner.isEmpty() ? new PackageFile(name, this, getName()) : null;
        }

        @Override
        public void handleRequest(Exchange exchange) {
            if (exchange.getRequest().getCode() != org.eclipse.californium.core.coap.CoAP.Code.GET) {
                exchange.sendResponse(new Response(ResponseCode.METHOD_NOT_ALLOWED));
                return;
            }
            serve(exchange, owner, getName());
        }
    }

    private void serve(Exchange exchange, String owner, String name) {
        Request request = exchange.getRequest();
        String peer = request.getSourceContext() == null ? "?" : peerOf(request.getSourceContext().getPeerAddress());
        Instant now = Instant.now();
        Path file = resolve(owner, name);
        long size = -1;
        try {
            if (file != null) {
                size = Files.size(file);
            }
        } catch (IOException e) {
            file = null;
        }
        if (file == null) {
            endAtOnce(new PackageTransfer(now, peer, name, -1, 0, 0, 0, Duration.ZERO,
                    PackageTransfer.Status.NOT_FOUND, owner));
            respond(exchange, ResponseCode.NOT_FOUND, "no package " + name);
            return;
        }
        BlockOption asked = request.getOptions().getBlock2();
        int size2 = asked == null ? blockSize : Math.min(asked.getSize(), blockSize);
        long offset = asked == null ? 0 : (long) asked.getNum() * asked.getSize();
        if (offset > 0 && offset >= size) {
            endAtOnce(new PackageTransfer(now, peer, name, size, 0, 0, size2, Duration.ZERO,
                    PackageTransfer.Status.BAD_BLOCK, owner));
            respond(exchange, ResponseCode.BAD_OPTION, "block " + asked.getNum() + " is past the end (" + size
                    + " bytes)");
            return;
        }
        int num = (int) (offset / size2);
        byte[] payload;
        try {
            payload = readBlock(file, (long) num * size2, size2);
        } catch (IOException e) {
            respond(exchange, ResponseCode.INTERNAL_SERVER_ERROR, "cannot read " + name + ": " + e.getMessage());
            return;
        }
        boolean more = (long) num * size2 + payload.length < size;
        Response response = new Response(ResponseCode.CONTENT);
        response.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_OCTET_STREAM);
        response.getOptions().setBlock2(BlockOption.size2Szx(size2), more, num);
        if (num == 0) {
            response.getOptions().setSize2((int) Math.min(size, Integer.MAX_VALUE));
        }
        response.setPayload(payload);
        // logged before it is sent: a device acting on the last block finds its transfer complete
        record(peer, owner, name, size, num, payload.length, size2, more, now);
        LOG.debug("package {} block {} ({} bytes, more={}) to {}", name, num, payload.length, more, peer);
        exchange.sendResponse(response);
    }

    private static void respond(Exchange exchange, ResponseCode code, String text) {
        Response r = new Response(code);
        r.setPayload(text);
        r.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
        exchange.sendResponse(r);
    }

    private Path resolve(String owner, String name) {
        if (!owner.isEmpty()) {
            // offered to that device only; the directory's files are not served under an owner
            Path p = offered.get(owned(owner, name));
            return p != null && Files.isRegularFile(p) ? p : null;
        }
        Path p = offered.get(name);
        if (p != null) {
            return Files.isRegularFile(p) ? p : null;
        }
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")
                || directory == null) {
            return null;
        }
        Path f = directory.resolve(name);
        return Files.isRegularFile(f) ? f : null;
    }

    private static byte[] readBlock(Path file, long offset, int length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long left = Math.max(0, ch.size() - offset);
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(length, left));
            while (buf.hasRemaining()) {
                if (ch.read(buf, offset + buf.position()) < 0) {
                    break;
                }
            }
            byte[] out = new byte[buf.position()];
            buf.flip().get(out);
            return out;
        }
    }

    // --- transfer log --------------------------------------------------------------------------------

    /** A download under way. Guarded by the server's monitor. */
    private static final class Progress {
        final Instant started;
        final long startNanos = System.nanoTime();
        final String peer;
        final String owner;
        final String file;
        long size;
        int blocks;
        long bytes;
        int blockSize;
        long lastNanos = startNanos;

        Progress(Instant started, String peer, String owner, String file, long size) {
            this.started = started;
            this.peer = peer;
            this.owner = owner;
            this.file = file;
            this.size = size;
        }

        PackageTransfer snapshot(PackageTransfer.Status status) {
            return new PackageTransfer(started, peer, file, size, blocks, bytes, blockSize,
                    Duration.ofNanos(lastNanos - startNanos), status, owner);
        }
    }

    private void record(String peer, String owner, String name, long size, int num, int length, int size2,
                        boolean more, Instant now) {
        List<PackageTransfer> toFire = new ArrayList<>(2);
        synchronized (this) {
            Progress p = open.get(peer);
            if (p != null && (num == 0 || !p.file.equals(name) || !p.owner.equals(owner))) {
                open.remove(peer);
                toFire.add(keep(p.snapshot(PackageTransfer.Status.ABANDONED)));
                p = null;
            }
            if (p == null) {
                p = new Progress(now, peer, owner, name, size);
                open.put(peer, p);
                toFire.add(p.snapshot(PackageTransfer.Status.IN_PROGRESS));
            }
            p.size = size;
            p.blocks++;
            p.bytes += length;
            p.blockSize = size2;
            p.lastNanos = System.nanoTime();
            if (!more) {
                open.remove(peer);
                toFire.add(keep(p.snapshot(PackageTransfer.Status.COMPLETE)));
            }
        }
        toFire.forEach(this::fire);
    }

    private void endAtOnce(PackageTransfer t) {
        synchronized (this) {
            keep(t);
        }
        fire(t);
    }

    private PackageTransfer keep(PackageTransfer t) {
        if (finished.size() == LOG_CAPACITY) {
            finished.remove(0);
        }
        finished.add(t);
        if (t.status() != PackageTransfer.Status.IN_PROGRESS) {
            LOG.info("{}", t.describe());
        }
        return t;
    }

    private void fire(PackageTransfer t) {
        for (Consumer<PackageTransfer> l : listeners) {
            try {
                l.accept(t);
            } catch (RuntimeException e) {
                LOG.warn("package transfer listener failed", e);
            }
        }
    }

    private static String peerOf(InetSocketAddress a) {
        return a == null ? "?" : a.getHostString() + ":" + a.getPort();
    }

    /** Percent-encodes what is not an RFC 3986 unreserved character. */
    static String encode(String segment) {
        StringBuilder sb = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    // --- builder -------------------------------------------------------------------------------------

    /** Settings of a {@link PackageServer}; every one has a default. */
    public static final class Builder {
        private Path directory = Path.of("fixtures", "firmware", "packages");
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port = 0;
        private String advertisedHost;
        private int blockSize = 512;
        private CoapSettings coap = CoapSettings.defaults();

        private Builder() {
        }

        /** Directory whose files are served (default {@code fixtures/firmware/packages}); need not exist. */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** Address to bind (default loopback). */
        public Builder address(InetAddress address) {
            this.address = Objects.requireNonNull(address);
            return this;
        }

        /** UDP port; 0 (default) = chosen by the system. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The host written into package URIs: the platform's address as the module sees it (default the bound
         * address, loopback when bound to the wildcard address).
         */
        public Builder advertisedHost(String host) {
            this.advertisedHost = host == null || host.isBlank() ? null : host.trim();
            return this;
        }

        /** Largest block served, a power of two 16..1024 (default 512). */
        public Builder blockSize(int size) {
            if (size < 16 || size > 1024 || Integer.bitCount(size) != 1) {
                throw new IllegalArgumentException("block size must be a power of two in 16..1024: " + size);
            }
            this.blockSize = size;
            return this;
        }

        public Builder coapSettings(CoapSettings coap) {
            this.coap = Objects.requireNonNull(coap);
            return this;
        }

        /** Binds and starts; {@link IllegalStateException} when the port cannot be bound. */
        public PackageServer start() {
            return new PackageServer(this);
        }
    }
}
