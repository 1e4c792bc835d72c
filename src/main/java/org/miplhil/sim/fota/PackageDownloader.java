package org.miplhil.sim.fota;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.exception.ConnectorException;

/**
 * Pulls a package from a {@code coap://} URI, one Block2 block at a time (RFC 7959), as the module does after
 * the platform wrote /5/0/1 (delivery method 0, pull). Transparent block-wise handling is off: the downloader
 * asks for each block itself, pausing between blocks, so the download takes a time the profile sets and can be
 * stopped between any two blocks (a power cut). One download per instance, on its own thread.
 */
public final class PackageDownloader {

    /** How a download ended. */
    public sealed interface Outcome {
        /** The whole package. */
        record Received(byte[] bytes, int blocks) implements Outcome {}

        /** It failed: the update result the module reports, and why. */
        record Failed(UpdateResult result, String reason) implements Outcome {}

        /** Stopped from outside (power cut, cancel): nothing is reported. */
        record Stopped() implements Outcome {}
    }

    /** Timing and limits. */
    public record Settings(int blockSize, Duration blockPause, Duration blockTimeout, UpdateResult notFoundResult,
                           UpdateResult unreachableResult, long maxBytes) {}

    private final Settings settings;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile CoapEndpoint endpoint;

    public PackageDownloader(Settings settings) {
        this.settings = settings;
    }

    /** Checks a package URI: empty when it can be pulled, else the update result it earns (7 or 9). */
    public static java.util.Optional<Outcome.Failed> checkUri(String uri) {
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException | NullPointerException e) {
            return java.util.Optional.of(new Outcome.Failed(UpdateResult.INVALID_URI, "not a URI: '" + uri + "'"));
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.isEmpty() || u.getHost() == null) {
            return java.util.Optional.of(new Outcome.Failed(UpdateResult.INVALID_URI, "no scheme or host in '" + uri + "'"));
        }
        if (!scheme.equals("coap")) {
            return java.util.Optional.of(new Outcome.Failed(UpdateResult.UNSUPPORTED_PROTOCOL,
                    "the module pulls over coap only, not " + scheme));
        }
        return java.util.Optional.empty();
    }

    /** Starts the download on a new thread; {@code done} gets the outcome (on that thread). */
    public void start(String uri, Consumer<Outcome> done) {
        Thread t = new Thread(() -> done.accept(run(uri)), "fota-download");
        t.setDaemon(true);
        t.start();
    }

    /** Stops the download between blocks (or interrupts the block waited for); its outcome is {@link Outcome.Stopped}. */
    public void stop() {
        stop.countDown();
        CoapEndpoint e = endpoint;
        if (e != null) {
            e.destroy();
        }
    }

    private boolean stopped() {
        return stop.getCount() == 0;
    }

    private Outcome run(String uri) {
        java.util.Optional<Outcome.Failed> bad = checkUri(uri);
        if (bad.isPresent()) {
            return bad.get();
        }
        CoapConfig.register();
        UdpConfig.register();
        Configuration c = Configuration.createStandardWithoutFile();
        c.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 0); // 0: no transparent block-wise handling
        c.set(CoapConfig.PREFERRED_BLOCK_SIZE, settings.blockSize());
        c.set(CoapConfig.MAX_MESSAGE_SIZE, settings.blockSize());
        c.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
        c.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
        c.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, 1);
        CoapEndpoint e = new CoapEndpoint.Builder().setConfiguration(c).setInetSocketAddress(new InetSocketAddress(0))
                .build();
        endpoint = e;
        if (stopped()) {
            e.destroy();
            return new Outcome.Stopped();
        }
        CoapClient client = new CoapClient(uri);
        client.setEndpoint(e);
        client.setTimeout(settings.blockTimeout().toMillis());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int szx = BlockOption.size2Szx(settings.blockSize());
        int num = 0;
        int blocks = 0;
        try {
            while (true) {
                if (stopped()) {
                    return new Outcome.Stopped();
                }
                Request get = Request.newGet();
                get.setURI(uri);
                get.getOptions().setBlock2(szx, false, num);
                CoapResponse r;
                try {
                    r = client.advanced(get);
                } catch (ConnectorException | java.io.IOException | RuntimeException ex) {
                    return stopped() ? new Outcome.Stopped()
                            : new Outcome.Failed(settings.unreachableResult(), "block " + num + ": " + ex);
                }
                if (stopped()) {
                    return new Outcome.Stopped();
                }
                if (r == null) {
                    return new Outcome.Failed(settings.unreachableResult(), "no answer to block " + num + " within "
                            + settings.blockTimeout().toMillis() + " ms");
                }
                if (!r.isSuccess()) {
                    return new Outcome.Failed(settings.notFoundResult(), "the package server answered " + r.getCode()
                            + " to block " + num);
                }
                byte[] payload = r.getPayload() == null ? new byte[0] : r.getPayload();
                blocks++;
                BlockOption b2 = r.getOptions().getBlock2();
                if (b2 == null) {
                    body.writeBytes(payload); // the server sent it whole
                    return new Outcome.Received(body.toByteArray(), blocks);
                }
                if (b2.getOffset() != body.size()) {
                    return new Outcome.Failed(settings.unreachableResult(), "block " + b2.getNum() + " starts at "
                            + b2.getOffset() + ", " + body.size() + " bytes received so far");
                }
                body.writeBytes(payload);
                if (body.size() > settings.maxBytes()) {
                    return new Outcome.Failed(UpdateResult.NOT_ENOUGH_FLASH, "the package is over " + settings.maxBytes()
                            + " bytes");
                }
                if (!b2.isM()) {
                    return new Outcome.Received(body.toByteArray(), blocks);
                }
                num = body.size() / b2.getSize(); // the server may have chosen a smaller block
                szx = b2.getSzx();
                if (stop.await(settings.blockPause().toNanos(), TimeUnit.NANOSECONDS)) {
                    return new Outcome.Stopped();
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Outcome.Stopped();
        } finally {
            client.shutdown();
            e.destroy();
        }
    }
}
