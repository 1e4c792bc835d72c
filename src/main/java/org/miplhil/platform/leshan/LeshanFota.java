package org.miplhil.platform.leshan;

import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.miplhil.platform.Device;
import org.miplhil.platform.Platform;
import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.platform.fota.PackageTransfer;
import org.miplhil.platform.fota.lwm2m.LwM2mFotaCampaign;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firmware-update side of the embedded platform: the package server (6.1.1: the platform serves the delta
 * package over CoAP block-wise transfer), started on first use, and the campaigns of 6.1 run through the
 * {@link Platform} interface.
 */
final class LeshanFota {

    private static final Logger LOG = LoggerFactory.getLogger(LeshanFota.class);

    private final Platform platform;
    private final LeshanPlatformBuilder settings;
    private final PlatformRecord record;
    private final List<LwM2mFotaCampaign> campaigns = new CopyOnWriteArrayList<>();
    private volatile PackageServer packageServer;
    private boolean closed;

    LeshanFota(Platform platform, LeshanPlatformBuilder settings, PlatformRecord record) {
        this.platform = platform;
        this.settings = settings;
        this.record = record;
    }

    /** Starts the package server unless it runs; throws {@link IllegalStateException} when its port cannot be bound. */
    synchronized PackageServer packageServer() {
        if (closed) {
            throw new IllegalStateException("platform closed");
        }
        if (packageServer == null) {
            PackageServer ps = PackageServer.builder().directory(settings.packageDirectory).address(settings.address)
                    .port(settings.packagePort).advertisedHost(settings.packageHost).blockSize(settings.packageBlockSize)
                    .coapSettings(settings.coap).start();
            ps.addListener(t -> record.fire(l -> l.onPackageTransfer(t)));
            packageServer = ps;
        }
        return packageServer;
    }

    List<PackageTransfer> packageTransfers() {
        PackageServer ps = packageServer;
        return ps == null ? List.of() : ps.transfers();
    }

    List<FotaCampaign> campaigns() {
        return List.copyOf(campaigns);
    }

    /**
     * The package file is offered to the device under its own name ({@code /fota/<IMEI>/<file>}: devices sharing the
     * platform and the package never see each other's downloads), its URI sent to the device.
     */
    FotaCampaign start(String endpoint, FotaSpec spec) {
        PackageServer ps = packageServer();
        if (!Files.isRegularFile(spec.packageFile())) {
            LOG.warn("FOTA package {} does not exist: the device will get 4.04", spec.packageFile());
        }
        URI uri = ps.offer(spec.packageFile(), Device.imeiOf(endpoint));
        LwM2mFotaCampaign c = LwM2mFotaCampaign.builder(platform, endpoint, spec, uri)
                .pollInterval(settings.fotaPollInterval)
                .onStep((campaign, step) -> record.fire(l -> l.onFotaStep(campaign, step)))
                .onOutcome((campaign, outcome) -> record.fire(l -> l.onFotaOutcome(campaign, outcome)))
                .start();
        campaigns.add(c);
        return c;
    }

    /** Ends the campaigns; no new package server starts after this. */
    void closeCampaigns() {
        synchronized (this) {
            closed = true;
        }
        for (LwM2mFotaCampaign c : campaigns) {
            c.close();
        }
    }

    /** Stops the package server's endpoint (before its executors, as {@link #destroy()} does them). */
    void stop() {
        PackageServer ps = packageServer;
        if (ps != null) {
            ps.stop();
        }
    }

    void destroy() {
        PackageServer ps = packageServer;
        if (ps != null) {
            ps.close();
        }
    }
}
