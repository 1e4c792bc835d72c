package org.miplhil.platform;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaOutcome;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.platform.fota.FotaStep;
import org.miplhil.platform.fota.PackageTransfer;

/**
 * One device's view of a platform that several devices share (the modules of a fleet on one embedded platform, told
 * apart by endpoint): it shows only what concerns the device whose IMEI {@code imei} gives — its registration, its
 * events, its notifications, the requests sent to it, its FOTA campaigns and its package downloads — and its
 * listeners hear only of those. A request to another device is refused ({@link PlatformResult.InvalidRequest}), not
 * sent. An endpoint is the device's when its IMEI part ({@link Device#imeiOf}) is the device's IMEI: the endpoint
 * name {@code IMEI;IMSI} or {@code IMEI}. While the IMEI is not known (a real module not opened yet) nothing is the
 * device's.
 * <p>
 * The view never owns the platform: {@link #close()} removes the listeners added through it and leaves the platform
 * running for the other devices. Lists are filtered snapshots of the platform's, in the platform's order, so an index
 * into one stays valid while the platform's own logs keep their entries.
 */
public final class DeviceScope implements Platform {

    private final Platform shared;
    private final Supplier<Optional<String>> imei;
    /** The listener given → the filtering listener added to the shared platform for it. */
    private final Map<PlatformListener, PlatformListener> listeners = new ConcurrentHashMap<>();

    /** {@code imei}: the device's IMEI now (empty while unknown); asked at each use. */
    public DeviceScope(Platform shared, Supplier<Optional<String>> imei) {
        this.shared = Objects.requireNonNull(shared, "shared");
        this.imei = Objects.requireNonNull(imei, "imei");
    }

    /** The view of the device with this IMEI. */
    public static DeviceScope of(Platform shared, String imei) {
        Optional<String> fixed = Optional.of(imei);
        return new DeviceScope(shared, () -> fixed);
    }

    /** The platform seen through this view. */
    public Platform shared() {
        return shared;
    }

    /** Whether an endpoint name is this device's. */
    public boolean concerns(String endpoint) {
        if (endpoint == null) {
            return false;
        }
        Optional<String> own = imei.get();
        return own.isPresent() && !own.get().isEmpty() && Device.imeiOf(endpoint).equals(own.get());
    }

    private String whose() {
        return imei.get().map(i -> "the device with IMEI " + i).orElse("a device whose IMEI is not known yet");
    }

    private PlatformResult refused(Operation op, String endpoint, NodePath path) {
        return new PlatformResult.InvalidRequest(op, endpoint, path, "endpoint " + endpoint + " is not this view's ("
                + whose() + "): on a platform several modules share, a module's case addresses its own device only");
    }

    // --- devices -------------------------------------------------------------------------------------

    @Override
    public List<Device> devices() {
        return shared.devices().stream().filter(d -> concerns(d.endpoint())).toList();
    }

    @Override
    public Optional<Device> device(String endpoint) {
        return concerns(endpoint) ? shared.device(endpoint) : Optional.empty();
    }

    @Override
    public Optional<Device> deviceByImei(String imeiAsked) {
        return concerns(imeiAsked) ? shared.deviceByImei(imeiAsked) : Optional.empty();
    }

    // --- requests ------------------------------------------------------------------------------------

    @Override
    public PlatformResult discover(String endpoint, NodePath path, Duration deadline) {
        return concerns(endpoint) ? shared.discover(endpoint, path, deadline)
                : refused(Operation.DISCOVER, endpoint, path);
    }

    @Override
    public PlatformResult read(String endpoint, NodePath path, Duration deadline) {
        return concerns(endpoint) ? shared.read(endpoint, path, deadline) : refused(Operation.READ, endpoint, path);
    }

    @Override
    public PlatformResult write(String endpoint, NodePath path, WriteMode mode, List<ResourceWrite> values,
                                Duration deadline) {
        return concerns(endpoint) ? shared.write(endpoint, path, mode, values, deadline)
                : refused(Operation.WRITE, endpoint, path);
    }

    @Override
    public PlatformResult execute(String endpoint, NodePath path, String arguments, Duration deadline) {
        return concerns(endpoint) ? shared.execute(endpoint, path, arguments, deadline)
                : refused(Operation.EXECUTE, endpoint, path);
    }

    @Override
    public PlatformResult writeAttributes(String endpoint, NodePath path, NotificationAttributes attributes,
                                          Duration deadline) {
        return concerns(endpoint) ? shared.writeAttributes(endpoint, path, attributes, deadline)
                : refused(Operation.WRITE_ATTRIBUTES, endpoint, path);
    }

    @Override
    public PlatformResult observe(String endpoint, NodePath path, Duration deadline) {
        return concerns(endpoint) ? shared.observe(endpoint, path, deadline)
                : refused(Operation.OBSERVE, endpoint, path);
    }

    @Override
    public PlatformResult observe(String endpoint, NodePath path, NotificationAttributes attributes,
                                  Duration deadline) {
        return concerns(endpoint) ? shared.observe(endpoint, path, attributes, deadline)
                : refused(Operation.OBSERVE, endpoint, path);
    }

    @Override
    public PlatformResult cancelObservation(String endpoint, NodePath path, Duration deadline) {
        return concerns(endpoint) ? shared.cancelObservation(endpoint, path, deadline)
                : refused(Operation.CANCEL_OBSERVATION, endpoint, path);
    }

    // --- what happened -------------------------------------------------------------------------------

    @Override
    public List<ObservationInfo> observations(String endpoint) {
        return concerns(endpoint) ? shared.observations(endpoint) : List.of();
    }

    @Override
    public List<DeviceEvent> events() {
        return shared.events().stream().filter(e -> concerns(e.endpoint())).toList();
    }

    @Override
    public List<Notification> notifications() {
        return shared.notifications().stream().filter(n -> concerns(n.endpoint())).toList();
    }

    @Override
    public List<RequestLogEntry> requestLog() {
        return shared.requestLog().stream().filter(r -> concerns(r.endpoint())).toList();
    }

    @Override
    public List<NodePath> knownResources(String endpoint) {
        return concerns(endpoint) ? shared.knownResources(endpoint) : List.of();
    }

    @Override
    public Optional<ResourceType> resourceType(String endpoint, int objId, int resId) {
        return concerns(endpoint) ? shared.resourceType(endpoint, objId, resId) : Optional.empty();
    }

    // --- firmware update -----------------------------------------------------------------------------

    /** Throws {@link IllegalStateException} for another device's endpoint, as for a package that cannot be offered. */
    @Override
    public FotaCampaign startFota(String endpoint, FotaSpec spec) {
        if (!concerns(endpoint)) {
            throw new IllegalStateException("no FOTA campaign for endpoint " + endpoint + ": it is not this view's ("
                    + whose() + ")");
        }
        return shared.startFota(endpoint, spec);
    }

    @Override
    public List<FotaCampaign> fotaCampaigns() {
        return shared.fotaCampaigns().stream().filter(c -> concerns(c.endpoint())).toList();
    }

    /** The downloads of packages offered to this device ({@code /fota/<IMEI>/<file>}); a file offered to anyone is no device's. */
    @Override
    public List<PackageTransfer> packageTransfers() {
        return shared.packageTransfers().stream().filter(t -> concerns(t.owner())).toList();
    }

    // --- where the module reaches it ---------------------------------------------------------------

    @Override
    public InetSocketAddress coapAddress() {
        return shared.coapAddress();
    }

    @Override
    public Optional<InetSocketAddress> bootstrapAddress() {
        return shared.bootstrapAddress();
    }

    @Override
    public boolean supports(PlatformCapability capability) {
        return shared.supports(capability);
    }

    // --- listeners ---------------------------------------------------------------------------------

    @Override
    public void addListener(PlatformListener listener) {
        PlatformListener filtered = new Filtered(listener);
        if (listeners.putIfAbsent(listener, filtered) == null) {
            shared.addListener(filtered);
        }
    }

    @Override
    public void removeListener(PlatformListener listener) {
        PlatformListener filtered = listeners.remove(listener);
        if (filtered != null) {
            shared.removeListener(filtered);
        }
    }

    /** Removes the listeners added through this view; the shared platform keeps running. */
    @Override
    public void close() {
        for (PlatformListener l : List.copyOf(listeners.keySet())) {
            removeListener(l);
        }
    }

    @Override
    public String toString() {
        return "the view of " + whose() + " on a shared platform at " + Platform.coapUriOf(shared.coapAddress());
    }

    /** Passes on what concerns the device only. */
    private final class Filtered implements PlatformListener {
        private final PlatformListener target;

        Filtered(PlatformListener target) {
            this.target = target;
        }

        @Override
        public void onEvent(DeviceEvent event) {
            if (concerns(event.endpoint())) {
                target.onEvent(event);
            }
        }

        @Override
        public void onNotification(Notification notification) {
            if (concerns(notification.endpoint())) {
                target.onNotification(notification);
            }
        }

        @Override
        public void onRequest(RequestLogEntry entry) {
            if (concerns(entry.endpoint())) {
                target.onRequest(entry);
            }
        }

        @Override
        public void onPackageTransfer(PackageTransfer transfer) {
            if (concerns(transfer.owner())) {
                target.onPackageTransfer(transfer);
            }
        }

        @Override
        public void onFotaStep(FotaCampaign campaign, FotaStep step) {
            if (concerns(campaign.endpoint())) {
                target.onFotaStep(campaign, step);
            }
        }

        @Override
        public void onFotaOutcome(FotaCampaign campaign, FotaOutcome outcome) {
            if (concerns(campaign.endpoint())) {
                target.onFotaOutcome(campaign, outcome);
            }
        }
    }
}
