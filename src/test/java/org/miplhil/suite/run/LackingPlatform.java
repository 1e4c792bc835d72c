package org.miplhil.suite.run;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

/** A real platform that says it lacks some capabilities, as OneNET's does: everything else is the real one's. */
final class LackingPlatform implements Platform {

    private final Platform real;
    private final Set<PlatformCapability> lacking;

    LackingPlatform(Platform real, Set<PlatformCapability> lacking) {
        this.real = real;
        this.lacking = Set.copyOf(lacking);
    }

    /** Lacks every capability. */
    static LackingPlatform ofAll(Platform real) {
        return new LackingPlatform(real, Set.of(PlatformCapability.values()));
    }

    @Override
    public boolean supports(PlatformCapability capability) {
        return !lacking.contains(capability);
    }

    @Override public List<Device> devices() { return real.devices(); }
    @Override public Optional<Device> device(String endpoint) { return real.device(endpoint); }
    @Override public Optional<Device> deviceByImei(String imei) { return real.deviceByImei(imei); }
    @Override public PlatformResult discover(String e, NodePath p, Duration d) { return real.discover(e, p, d); }
    @Override public PlatformResult read(String e, NodePath p, Duration d) { return real.read(e, p, d); }
    @Override public PlatformResult write(String e, NodePath p, WriteMode m, List<ResourceWrite> v, Duration d) {
        return real.write(e, p, m, v, d);
    }
    @Override public PlatformResult execute(String e, NodePath p, String a, Duration d) { return real.execute(e, p, a, d); }
    @Override public PlatformResult writeAttributes(String e, NodePath p, NotificationAttributes a, Duration d) {
        return real.writeAttributes(e, p, a, d);
    }
    @Override public PlatformResult observe(String e, NodePath p, Duration d) { return real.observe(e, p, d); }
    @Override public PlatformResult cancelObservation(String e, NodePath p, Duration d) {
        return real.cancelObservation(e, p, d);
    }
    @Override public List<ObservationInfo> observations(String e) { return real.observations(e); }
    @Override public List<DeviceEvent> events() { return real.events(); }
    @Override public List<Notification> notifications() { return real.notifications(); }
    @Override public List<RequestLogEntry> requestLog() { return real.requestLog(); }
    @Override public List<NodePath> knownResources(String e) { return real.knownResources(e); }
    @Override public Optional<ResourceType> resourceType(String e, int o, int r) { return real.resourceType(e, o, r); }
    @Override public FotaCampaign startFota(String e, FotaSpec s) { return real.startFota(e, s); }
    @Override public List<FotaCampaign> fotaCampaigns() { return real.fotaCampaigns(); }
    @Override public List<PackageTransfer> packageTransfers() { return real.packageTransfers(); }
    @Override public InetSocketAddress coapAddress() { return real.coapAddress(); }
    @Override public Optional<InetSocketAddress> bootstrapAddress() { return real.bootstrapAddress(); }
    @Override public void addListener(PlatformListener l) { real.addListener(l); }
    @Override public void removeListener(PlatformListener l) { real.removeListener(l); }
    @Override public void close() { real.close(); }
}
