package org.miplhil.platform.leshan;

import java.time.Instant;
import java.util.Collection;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.observation.CompositeObservation;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.response.ObserveCompositeResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;
import org.miplhil.platform.CoapCode;
import org.miplhil.platform.Device;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Leshan's registration and observation callbacks, turned into the platform's events and notifications. */
final class ServerEvents implements RegistrationListener, ObservationListener {

    private static final Logger LOG = LoggerFactory.getLogger(ServerEvents.class);

    private final PlatformRecord record;
    private final DeviceMemory memory;
    /** Called after the event of a (re-)registration is recorded: the OneNET-like requests. */
    private final Consumer<Device> afterRegistration;
    /** Called after the event of an update is recorded, with the device before and after: the OneNET-like requests. */
    private final BiConsumer<Device, Device> afterUpdate;

    ServerEvents(PlatformRecord record, DeviceMemory memory, Consumer<Device> afterRegistration,
                 BiConsumer<Device, Device> afterUpdate) {
        this.record = record;
        this.memory = memory;
        this.afterRegistration = afterRegistration;
        this.afterUpdate = afterUpdate;
    }

    // --- registrations -------------------------------------------------------------------------------

    @Override
    public void registered(Registration reg, Registration previousReg, Collection<Observation> previousObs) {
        long nanos = System.nanoTime();
        Instant now = Instant.now();
        memory.registered(reg.getEndpoint());
        if (previousObs != null) { // dropped with the previous registration (Leshan's store did); null for a first one
            for (Observation o : previousObs) {
                memory.unobserved(o.getId().getAsHexString());
            }
        }
        Device device = LeshanPlatform.toDevice(reg);
        record.event(new DeviceEvent.Registered(device, previousReg == null ? null : previousReg.getId(), now, nanos));
        afterRegistration.accept(device);
    }

    @Override
    public void updated(RegistrationUpdate update, Registration updatedReg, Registration previousReg) {
        Device after = LeshanPlatform.toDevice(updatedReg);
        record.event(new DeviceEvent.Updated(after, Instant.now(), System.nanoTime()));
        afterUpdate.accept(LeshanPlatform.toDevice(previousReg), after);
    }

    @Override
    public void unregistered(Registration reg, Collection<Observation> observations, boolean expired,
                             Registration newReg) {
        long nanos = System.nanoTime();
        for (Observation o : observations) {
            memory.unobserved(o.getId().getAsHexString());
        }
        record.event(new DeviceEvent.Deregistered(reg.getEndpoint(), reg.getId(), expired, newReg != null,
                Instant.now(), nanos));
    }

    // --- observations --------------------------------------------------------------------------------

    @Override
    public void newObservation(Observation observation, Registration registration) {
    }

    @Override
    public void cancelled(Observation observation) {
    }

    @Override
    public void onResponse(SingleObservation observation, Registration registration, ObserveResponse response) {
        long nanos = System.nanoTime();
        NodePath path = LeshanValues.fromLeshan(observation.getPath());
        LwM2mNode content = response.getContent();
        record.notification(new Notification(observation.getId().getAsHexString(), registration.getEndpoint(), path,
                CoapCode.ofDecimal(response.getCode().getCode()), LeshanValues.flatten(path, content),
                Instant.now(), nanos));
    }

    @Override
    public void onResponse(CompositeObservation observation, Registration registration,
                           ObserveCompositeResponse response) {
    }

    @Override
    public void onError(Observation observation, Registration registration, Exception error) {
        LOG.warn("notification for {} of {} could not be decoded: {}", observation.getId(),
                registration.getEndpoint(), error.toString());
    }
}
