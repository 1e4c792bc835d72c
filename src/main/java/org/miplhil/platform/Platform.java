package org.miplhil.platform;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    // --- firmware update -------------------------------------------------------------------------------

    /**
     * Starts a FOTA campaign for a device (6.1): the platform serves the package over CoAP block-wise transfer,
     * reads the device's version, cell, signal and state, sends the package URI, follows /5/0/3, reads the
     * battery, executes /5/0/2 and, once the device registered again, reads /5/0/5 and /3/0/3.
     */
    default org.miplhil.platform.fota.FotaCampaign startFota(String endpoint, org.miplhil.platform.fota.FotaSpec spec) {
        throw new UnsupportedOperationException("this platform runs no FOTA campaign");
    }

    void addListener(PlatformListener listener);

    void removeListener(PlatformListener listener);

    /** Stops the platform; idempotent, never throws. */
    @Override
    void close();
}
