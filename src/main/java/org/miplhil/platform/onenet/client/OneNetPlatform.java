package org.miplhil.platform.onenet.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.miplhil.platform.Device;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Notification;
import org.miplhil.platform.NotificationAttributes;
import org.miplhil.platform.ObservationInfo;
import org.miplhil.platform.Platform;
import org.miplhil.platform.PlatformCapability;
import org.miplhil.platform.PlatformListener;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.RequestLogEntry;
import org.miplhil.platform.ResourceType;
import org.miplhil.platform.ResourceWrite;
import org.miplhil.platform.WriteMode;
import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.platform.fota.PackageTransfer;

/**
 * OneNET as the platform: every request through OneNET's application API, what the device did through OneNET's
 * push (or polling). Skeleton: the contract {@link #start(OneNetSettings)} others call; filled in by the adapter.
 */
public final class OneNetPlatform implements Platform {

    private final OneNetSettings settings;

    private OneNetPlatform(OneNetSettings settings) {
        this.settings = settings;
    }

    /** Connects to OneNET (or the double) as {@code settings} say; starts the push receiver when a push URL is set. */
    public static OneNetPlatform start(OneNetSettings settings) throws IOException {
        throw new IOException("the OneNET adapter is not built yet");
    }

    public OneNetSettings settings() {
        return settings;
    }

    @Override
    public boolean supports(PlatformCapability capability) {
        return false;
    }

    private static UnsupportedOperationException notYet() {
        return new UnsupportedOperationException("the OneNET adapter is not built yet");
    }

    @Override public List<Device> devices() { throw notYet(); }
    @Override public Optional<Device> device(String endpoint) { throw notYet(); }
    @Override public Optional<Device> deviceByImei(String imei) { throw notYet(); }
    @Override public PlatformResult discover(String endpoint, NodePath path, Duration deadline) { throw notYet(); }
    @Override public PlatformResult read(String endpoint, NodePath path, Duration deadline) { throw notYet(); }
    @Override public PlatformResult write(String endpoint, NodePath path, WriteMode mode, List<ResourceWrite> values,
                                          Duration deadline) { throw notYet(); }
    @Override public PlatformResult execute(String endpoint, NodePath path, String arguments, Duration deadline) {
        throw notYet(); }
    @Override public PlatformResult writeAttributes(String endpoint, NodePath path, NotificationAttributes attributes,
                                                    Duration deadline) { throw notYet(); }
    @Override public PlatformResult observe(String endpoint, NodePath path, Duration deadline) { throw notYet(); }
    @Override public PlatformResult cancelObservation(String endpoint, NodePath path, Duration deadline) {
        throw notYet(); }
    @Override public List<ObservationInfo> observations(String endpoint) { throw notYet(); }
    @Override public List<DeviceEvent> events() { throw notYet(); }
    @Override public List<Notification> notifications() { throw notYet(); }
    @Override public List<RequestLogEntry> requestLog() { throw notYet(); }
    @Override public List<NodePath> knownResources(String endpoint) { throw notYet(); }
    @Override public Optional<ResourceType> resourceType(String endpoint, int objId, int resId) { throw notYet(); }
    @Override public FotaCampaign startFota(String endpoint, FotaSpec spec) { throw notYet(); }
    @Override public List<FotaCampaign> fotaCampaigns() { throw notYet(); }
    @Override public List<PackageTransfer> packageTransfers() { throw notYet(); }
    @Override public InetSocketAddress coapAddress() { return settings.coap(); }
    @Override public Optional<InetSocketAddress> bootstrapAddress() { return settings.bootstrap(); }
    @Override public void addListener(PlatformListener listener) { throw notYet(); }
    @Override public void removeListener(PlatformListener listener) { throw notYet(); }
    @Override public void close() { }
}
