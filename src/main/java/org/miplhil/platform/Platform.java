package org.miplhil.platform;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.platform.fota.PackageTransfer;

/**
 * The LwM2M platform as the harness plays it: what it does to a registered device, and what it saw.
 * <p>
 * A device is named by its endpoint name. Every request takes a deadline and returns a
 * {@link PlatformResult} — it never throws for anything the device or the network does. A request to an
 * endpoint that is not registered returns {@link PlatformResult.DeviceOffline} at once.
 */
public interface Platform extends AutoCloseable {

    // --- devices -------------------------------------------------------------------------------------

    /** Devices registered now, in registration order. */
    List<Device> devices();

    Optional<Device> device(String endpoint);

    /** The registered device whose endpoint is {@code IMEI} or {@code IMEI;IMSI}. */
    Optional<Device> deviceByImei(String imei);

    // --- requests ------------------------------------------------------------------------------------

    /** Discover on an object, instance or resource. */
    PlatformResult discover(String endpoint, NodePath path, Duration deadline);

    /** Read an object, instance or resource. */
    PlatformResult read(String endpoint, NodePath path, Duration deadline);

    /**
     * Write resources of an instance (path {@code /objId/insId}) or one resource (path
     * {@code /objId/insId/resId}, exactly one value with that resId, replace only).
     */
    PlatformResult write(String endpoint, NodePath path, WriteMode mode, List<ResourceWrite> values,
                         Duration deadline);

    /** Execute a resource; {@code arguments} (may be empty) is sent as the raw payload, as OneNET does. */
    PlatformResult execute(String endpoint, NodePath path, String arguments, Duration deadline);

    PlatformResult writeAttributes(String endpoint, NodePath path, NotificationAttributes attributes,
                                   Duration deadline);

    /** Observe an object, instance or resource; the answer carries the observation id and the current values. */
    PlatformResult observe(String endpoint, NodePath path, Duration deadline);

    /**
     * Write-attributes then observe, as OneNET's observe API with pmin/pmax/gt/lt/st does; the deadline covers
     * both. Returns the write-attributes result when that fails.
     */
    default PlatformResult observe(String endpoint, NodePath path, NotificationAttributes attributes,
                                   Duration deadline) {
        if (attributes.isEmpty()) {
            return observe(endpoint, path, deadline);
        }
        long start = System.nanoTime();
        PlatformResult attrs = writeAttributes(endpoint, path, attributes, deadline);
        if (!attrs.isSuccess()) {
            return attrs;
        }
        Duration left = deadline.minusNanos(System.nanoTime() - start);
        return observe(endpoint, path, left.isNegative() ? Duration.ZERO : left);
    }

    /**
     * Cancel the observation of exactly this path actively (a GET with Observe=1, which a module reports as
     * {@code +MIPLOBSERVE: 0,<msgId>,0,...}) and forget it. {@link PlatformResult.InvalidRequest} when the
     * platform holds no observation of that path.
     */
    PlatformResult cancelObservation(String endpoint, NodePath path, Duration deadline);

    // --- what happened -------------------------------------------------------------------------------

    /** Observations held for a device. */
    List<ObservationInfo> observations(String endpoint);

    /** Every registration, update, deregistration and bootstrap event since start, in order of arrival. */
    List<DeviceEvent> events();

    /** Every notification received since start, in order of arrival. */
    List<Notification> notifications();

    default List<Notification> notifications(String observationId) {
        return notifications().stream().filter(n -> n.observationId().equals(observationId)).toList();
    }

    default List<Notification> notifications(String endpoint, NodePath path) {
        return notifications().stream()
                .filter(n -> n.endpoint().equals(endpoint) && n.path().equals(path)).toList();
    }

    /** Every CoAP request sent since start and its outcome, in order of sending. */
    List<RequestLogEntry> requestLog();

    /**
     * What the platform knows of a device's resources: its registered object instances and the resource
     * paths of the latest successful discover of each object. Sorted.
     */
    List<NodePath> knownResources(String endpoint);

    /** The data type of a resource as the platform's object model has it, if the model knows it. */
    Optional<ResourceType> resourceType(String endpoint, int objId, int resId);

    // --- firmware update (6.1) -----------------------------------------------------------------------

    /**
     * Starts a FOTA campaign for a device (an endpoint name, or an IMEI): the platform offers the package, reads
     * the device's version, cell, signal and state, sends the package URI, follows /5/0/3, reads the battery,
     * executes /5/0/2 and, once the device registered again, reads /5/0/5 and /3/0/3. The campaign runs on its own;
     * its steps and outcome also go to the listeners ({@link PlatformListener#onFotaStep},
     * {@link PlatformListener#onFotaOutcome}). Throws {@link IllegalStateException} when the platform cannot offer
     * the package (closed, or its package server cannot start).
     */
    FotaCampaign startFota(String endpoint, FotaSpec spec);

    /** Campaigns started on this platform, in order of start. */
    List<FotaCampaign> fotaCampaigns();

    /** Every package download the platform served, in order of start (empty when it served none). */
    List<PackageTransfer> packageTransfers();

    // --- where the module reaches it ---------------------------------------------------------------

    /** The LwM2M server's UDP address, as bound (after start). */
    InetSocketAddress coapAddress();

    /** The bootstrap server's UDP address; empty when the platform runs none. */
    Optional<InetSocketAddress> bootstrapAddress();

    default int coapPort() {
        return coapAddress().getPort();
    }

    /** The bootstrap server's port; -1 when the platform runs none. */
    default int bootstrapPort() {
        return bootstrapAddress().map(InetSocketAddress::getPort).orElse(-1);
    }

    /** {@code coap://127.0.0.1:5683}: what a client puts in its security object. */
    default String coapUri() {
        return coapUriOf(coapAddress());
    }

    /** The bootstrap server's URI; empty when the platform runs none. */
    default Optional<String> bootstrapUri() {
        return bootstrapAddress().map(Platform::coapUriOf);
    }

    /** {@code coap://host:port}, an IPv6 host in brackets. */
    static String coapUriOf(InetSocketAddress a) {
        String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return "coap://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    // --- what it can express ----------------------------------------------------------------------------

    /** Whether this platform can show or do {@code capability}; the embedded platform can do everything. */
    default boolean supports(PlatformCapability capability) {
        return true;
    }

    // --- listeners ---------------------------------------------------------------------------------

    void addListener(PlatformListener listener);

    void removeListener(PlatformListener listener);

    /** Stops the platform; idempotent, never throws. */
    @Override
    void close();
}
