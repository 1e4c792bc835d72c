package org.miplhil.platform.onenet.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.miplhil.platform.CoapCode;
import org.miplhil.platform.Device;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Notification;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.onenet.push.PushListener;
import org.miplhil.platform.onenet.push.PushMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what OneNET pushes (or what polling finds) into what the platform saw, stamped on arrival: type 2 status 1
 * → {@link DeviceEvent.Registered} (again while online: it replaced the registration, and OneNET dropped the
 * observations), status 0 → {@link DeviceEvent.Deregistered}; a type 1 data point of {@code objId_insId_resId} →
 * one {@link Notification} of that resource (2.05); type 7 → kept as a cached-command result. A message naming a
 * device by OneNET's id only is matched through the ids learned by {@code ensureDevice}; one that names no known
 * device is logged and dropped.
 */
final class PushIntake implements PushListener {

    private static final Logger LOG = LoggerFactory.getLogger(PushIntake.class);

    private final DeviceDirectory directory;
    private final ObservationBook observations;
    private final AdapterRecord record;

    PushIntake(DeviceDirectory directory, ObservationBook observations, AdapterRecord record) {
        this.directory = directory;
        this.observations = observations;
        this.record = record;
    }

    @Override
    public void onMessage(PushMessage message) {
        long nanos = System.nanoTime();
        Instant now = Instant.now();
        if (message instanceof PushMessage.DeviceStatus s) {
            imei(s.imei(), s.devId()).ifPresentOrElse(imei -> status(imei, s.online(), now, nanos),
                    () -> LOG.warn("status of unknown device id {} dropped", s.devId()));
        } else if (message instanceof PushMessage.DataPoint p) {
            Optional<String> imei = imei(p.imei(), p.devId());
            Optional<NodePath> path = JsonValues.dsIdPath(p.dsId());
            Optional<ResourceValue> value = JsonValues.value(p.value());
            if (imei.isEmpty() || path.isEmpty() || value.isEmpty()) {
                LOG.warn("data point not used (device id {}, ds_id {}, value {}): not a known device's LwM2M resource",
                        p.devId(), p.dsId(), p.value());
                return;
            }
            record.notification(new Notification(observations.idFor(imei.get(), path.get()),
                    directory.endpointOf(imei.get()), path.get(), CoapCode.CONTENT,
                    List.of(new ResourceData(path.get(), value.get())), now, nanos));
        } else if (message instanceof PushMessage.CachedCommandResult c) {
            record.cachedResult(c);
        } else {
            LOG.debug("push message of type {} not used", ((PushMessage.Other) message).type());
        }
    }

    @Override
    public void onRefused(String reason) {
        LOG.warn("push refused: {}", reason);
    }

    private void status(String imei, boolean online, Instant now, long nanos) {
        if (online) {
            Map.Entry<Device, Optional<String>> d = directory.online(imei, now);
            observations.dropAll(imei);
            record.event(new DeviceEvent.Registered(d.getKey(), d.getValue().orElse(null), now, nanos));
        } else {
            Optional<Device> was = directory.offline(imei);
            record.event(new DeviceEvent.Deregistered(was.map(Device::endpoint).orElse(directory.endpointOf(imei)),
                    was.map(Device::registrationId).orElse(""), false, false, now, nanos));
        }
    }

    private Optional<String> imei(Optional<String> imei, long devId) {
        return imei.filter(s -> !s.isBlank()).or(() -> directory.imeiOfDevId(Long.toString(devId)));
    }
}
