package org.miplhil.platform.leshan;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.server.registration.InMemoryRegistrationStore;
import org.eclipse.leshan.server.registration.Registration;
import org.miplhil.platform.Device;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.DiscoveredLink;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Notification;
import org.miplhil.platform.NotificationAttributes;
import org.miplhil.platform.ObservationInfo;
import org.miplhil.platform.Platform;
import org.miplhil.platform.PlatformListener;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.RequestLogEntry;
import org.miplhil.platform.ResourceType;
import org.miplhil.platform.ResourceWrite;
import org.miplhil.platform.WriteMode;
import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.platform.fota.PackageTransfer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform on embedded Eclipse Leshan 2.0.0-M15: an LwM2M server and a bootstrap server on UDP
 * (no DTLS), with OneNET-like behaviour after registration (see {@link OneNetBehaviour}), and a package server for
 * FOTA campaigns.
 * <p>
 * Build with {@link #builder()}, then {@link #start()}; ports given as 0 are chosen by the system and
 * exposed by {@link #coapPort()} and {@link #bootstrapPort()} once started. The rooms: {@link LeshanRequests}
 * (the requests), {@link ServerEvents} (registrations and notifications), {@link BootstrapService},
 * {@link LeshanFota} (package server and campaigns), {@link PlatformRecord} (what was seen, the listeners).
 */
public final class LeshanPlatform implements Platform {

    private static final Logger LOG = LoggerFactory.getLogger(LeshanPlatform.class);

    private final LeshanPlatformBuilder settings;
    private final ModelRepository models;
    private final PlatformRecord record = new PlatformRecord();
    private final DeviceMemory memory = new DeviceMemory();
    private final LeshanRequests requests;
    private final LeshanFota fota;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private volatile DevicePolicy devicePolicy;
    private volatile LeshanServer server;
    private BootstrapService bootstrap;
    private OneNetBehaviour oneNet;
    private InetSocketAddress coapAddress;

    LeshanPlatform(LeshanPlatformBuilder b) {
        this.settings = b.copy();
        this.models = new ModelRepository(b.models);
        this.requests = new LeshanRequests(() -> server, memory, record::request, settings.payloadLimit);
        this.devicePolicy = settings.devicePolicy != null ? settings.devicePolicy
                : new DevicePolicies(true, settings.oneNetDiscover);
        this.fota = new LeshanFota(this, settings, record);
    }

    public static LeshanPlatformBuilder builder() {
        return new LeshanPlatformBuilder();
    }

    // --- lifecycle -----------------------------------------------------------------------------------

    /**
     * Binds and starts the LwM2M server, then the bootstrap server (if enabled), which hands every client
     * this server's address. Throws {@link IllegalStateException} when a port cannot be bound.
     */
    public LeshanPlatform start() {
        if (closed.get()) {
            throw new IllegalStateException("platform closed");
        }
        if (!started.compareAndSet(false, true)) {
            return this;
        }
        try {
            startServer();
            if (settings.bootstrap) {
                bootstrap = new BootstrapService(settings, () -> coapAddress, record::event, record::request);
                bootstrap.start();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        oneNet = new OneNetBehaviour(this, () -> devicePolicy, requests::forgetObservationsUnder,
                settings.oneNetSkippedObjects, settings.requestTimeout);
        if (settings.packageServer) {
            try {
                fota.packageServer();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
        LOG.info("LwM2M server on {}, bootstrap server on {}", coapAddress, bootstrapAddress().orElse(null));
        return this;
    }

    private void startServer() {
        CaliforniumServerEndpointsProvider.Builder eb =
                new CaliforniumServerEndpointsProvider.Builder(new CoapServerProtocolProvider());
        // our own Configuration: Californium then writes no Californium3.properties into the working dir
        eb.setConfiguration(c -> settings.coap.applyTo(c));
        eb.addEndpoint(new InetSocketAddress(settings.address, settings.coapPort), Protocol.COAP);

        LeshanServerBuilder sb = new LeshanServerBuilder();
        sb.setEndpointsProviders(eb.build());
        sb.setObjectModelProvider(models);
        sb.setDecoder(new EmptyContentDecoder()); // the SDK answers an observe 2.05 without payload: still an observation
        // expired registrations are found within a second (Leshan's default looks once a minute)
        sb.setRegistrationStore(new InMemoryRegistrationStore(1));
        LeshanServer s = sb.build();
        ServerEvents events = new ServerEvents(record, memory, device -> {
            if (settings.oneNetBehaviour && oneNet != null) {
                oneNet.afterRegistration(device);
            }
        }, (before, after) -> {
            if (settings.oneNetBehaviour && oneNet != null) {
                oneNet.afterUpdate(before, after);
            }
        });
        s.getRegistrationService().addListener(events);
        s.getObservationService().addListener(events);
        server = s;
        try {
            s.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "cannot start the LwM2M server on " + settings.address.getHostAddress() + ":" + settings.coapPort
                            + " (UDP): " + e.getMessage(), e);
        }
        coapAddress = socketAddress(s.getEndpoint(Protocol.COAP).getURI());
        if (coapAddress.getPort() <= 0) {
            throw new IllegalStateException("LwM2M server endpoint not bound: " + s.getEndpoint(Protocol.COAP).getURI());
        }
    }

    static InetSocketAddress socketAddress(URI uri) {
        return new InetSocketAddress(uri.getHost().replace("[", "").replace("]", ""), uri.getPort());
    }

    /** The LwM2M server's UDP address (after {@link #start()}). */
    @Override
    public InetSocketAddress coapAddress() {
        requireStarted();
        return coapAddress;
    }

    /** The bootstrap server's UDP address; empty when bootstrap is off. */
    @Override
    public Optional<InetSocketAddress> bootstrapAddress() {
        requireStarted();
        return Optional.ofNullable(bootstrap).map(BootstrapService::address);
    }

    public boolean oneNetBehaviour() {
        return settings.oneNetBehaviour;
    }

    /**
     * Who is observed and discovered after a registration or an update (default a {@link DevicePolicies}: observe
     * on, discover as the builder's {@code oneNetDiscover}). Cast to {@link DevicePolicies} to set one device's.
     */
    public DevicePolicy devicePolicy() {
        return devicePolicy;
    }

    /** Replaces the policy; it applies from the next registration or update on. */
    public void devicePolicy(DevicePolicy policy) {
        this.devicePolicy = java.util.Objects.requireNonNull(policy);
    }

    /** Largest payload (bytes) of a write or an execute; 0 = none. */
    public int payloadLimit() {
        return settings.payloadLimit;
    }

    /** Default deadline for requests the platform makes by itself (OneNET-like behaviour). */
    public Duration requestTimeout() {
        return settings.requestTimeout;
    }

    private void requireStarted() {
        if (!started.get() || server == null) {
            throw new IllegalStateException("platform not started");
        }
    }

    /**
     * Ends the campaigns, then stops every CoAP endpoint (which cancels the exchanges still retransmitting, and
     * answers a caller blocked in a request at once), then the OneNET-like requests, and only then destroys the
     * servers and their executors: Californium's destroy ends the executors before the endpoints, and a
     * retransmission timer firing in between would meet a terminated executor (a {@code RejectedExecutionException}
     * stack trace on the console).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        fota.closeCampaigns();
        LeshanServer s = server;
        if (bootstrap != null) {
            bootstrap.stop();
        }
        if (s != null) {
            try {
                s.stop();
            } catch (RuntimeException e) {
                LOG.warn("stopping the LwM2M server", e);
            }
        }
        fota.stop();
        if (oneNet != null) {
            oneNet.close();
        }
        fota.destroy();
        if (bootstrap != null) {
            bootstrap.destroy();
        }
        if (s != null) {
            try {
                s.destroy();
            } catch (RuntimeException e) {
                LOG.warn("destroying the LwM2M server", e);
            }
        }
    }

    // --- firmware update -----------------------------------------------------------------------------

    /**
     * The package server's base URI ({@code coap://host:port/fota/}), starting it with the builder's package
     * settings unless it runs. Throws {@link IllegalStateException} when its port cannot be bound.
     */
    public URI packageLocation() {
        requireStarted();
        return fota.packageServer().uri("");
    }

    /** Every package download so far (empty when the package server never ran). */
    @Override
    public List<PackageTransfer> packageTransfers() {
        return fota.packageTransfers();
    }

    @Override
    public List<FotaCampaign> fotaCampaigns() {
        return fota.campaigns();
    }

    /**
     * Starts the campaign of 6.1 for {@code endpoint} (an endpoint name, or an IMEI): the package file is offered
     * by the package server under its own name, its URI sent to the device.
     */
    @Override
    public FotaCampaign startFota(String endpoint, FotaSpec spec) {
        requireStarted();
        return fota.start(endpoint, spec);
    }

    // --- devices -------------------------------------------------------------------------------------

    @Override
    public List<Device> devices() {
        LeshanServer s = server;
        if (s == null) {
            return List.of();
        }
        List<Device> out = new ArrayList<>();
        for (Iterator<Registration> it = s.getRegistrationService().getAllRegistrations(); it.hasNext(); ) {
            out.add(toDevice(it.next()));
        }
        out.sort(Comparator.comparing(Device::registeredAt));
        return out;
    }

    @Override
    public Optional<Device> device(String endpoint) {
        return requests.registration(endpoint).map(LeshanPlatform::toDevice);
    }

    @Override
    public Optional<Device> deviceByImei(String imei) {
        return devices().stream().filter(d -> d.imei().equals(imei)).findFirst();
    }

    /** The content formats the client advertised at its registration ({@link ClientFormats}). */
    ClientFormats formats(String endpoint) {
        return requests.formats(endpoint);
    }

    static Device toDevice(Registration r) {
        List<NodePath> links = new ArrayList<>();
        String root = r.getRootPath() == null ? "/" : r.getRootPath();
        for (Link link : r.getObjectLinks()) {
            String uri = link.getUriReference();
            if (uri.startsWith(root)) {
                uri = uri.substring(root.length());
            }
            NodePath.parse(uri).ifPresent(links::add);
        }
        StringBuilder binding = new StringBuilder();
        if (r.getBindingMode() != null) {
            r.getBindingMode().forEach(b -> binding.append(b.name()));
        }
        InetSocketAddress a = r.getSocketAddress();
        return new Device(r.getEndpoint(), Device.imeiOf(r.getEndpoint()), Device.imsiOf(r.getEndpoint()), r.getId(),
                a == null ? "" : a.getHostString() + ":" + a.getPort(), r.getLifeTimeInSec(),
                String.valueOf(r.getLwM2mVersion()), binding.toString(), links, r.getRegistrationDate().toInstant(),
                r.getLastUpdate().toInstant());
    }

    // --- requests ------------------------------------------------------------------------------------

    @Override
    public PlatformResult discover(String endpoint, NodePath path, Duration deadline) {
        return requests.discover(endpoint, path, deadline);
    }

    @Override
    public PlatformResult read(String endpoint, NodePath path, Duration deadline) {
        return requests.read(endpoint, path, deadline);
    }

    @Override
    public PlatformResult write(String endpoint, NodePath path, WriteMode mode, List<ResourceWrite> values,
                                Duration deadline) {
        return requests.write(endpoint, path, mode, values, deadline);
    }

    @Override
    public PlatformResult execute(String endpoint, NodePath path, String arguments, Duration deadline) {
        return requests.execute(endpoint, path, arguments, deadline);
    }

    @Override
    public PlatformResult writeAttributes(String endpoint, NodePath path, NotificationAttributes attributes,
                                          Duration deadline) {
        return requests.writeAttributes(endpoint, path, attributes, deadline);
    }

    @Override
    public PlatformResult observe(String endpoint, NodePath path, Duration deadline) {
        return requests.observe(endpoint, path, deadline);
    }

    @Override
    public PlatformResult cancelObservation(String endpoint, NodePath path, Duration deadline) {
        return requests.cancelObservation(endpoint, path, deadline);
    }

    // --- what happened -------------------------------------------------------------------------------

    @Override
    public List<ObservationInfo> observations(String endpoint) {
        Optional<Registration> reg = requests.registration(endpoint);
        if (reg.isEmpty()) {
            return List.of();
        }
        List<ObservationInfo> out = new ArrayList<>();
        for (SingleObservation o : requests.singleObservations(reg.get())) {
            String id = o.getId().getAsHexString();
            out.add(new ObservationInfo(id, endpoint, LeshanValues.fromLeshan(o.getPath()), memory.observedSince(id)));
        }
        out.sort(Comparator.comparing(ObservationInfo::path));
        return out;
    }

    @Override
    public List<DeviceEvent> events() {
        return record.events();
    }

    @Override
    public List<Notification> notifications() {
        return record.notifications();
    }

    @Override
    public List<RequestLogEntry> requestLog() {
        return record.requestLog();
    }

    @Override
    public List<NodePath> knownResources(String endpoint) {
        Optional<Registration> reg = requests.registration(endpoint);
        if (reg.isEmpty()) {
            return List.of();
        }
        Set<NodePath> out = new TreeSet<>(toDevice(reg.get()).objectInstances());
        Map<Integer, List<DiscoveredLink>> byObject = memory.discovered(endpoint);
        for (List<DiscoveredLink> links : byObject.values()) {
            for (DiscoveredLink l : links) {
                if (l.path().depth() >= 2) {
                    out.add(l.path());
                }
            }
        }
        return List.copyOf(out);
    }

    @Override
    public Optional<ResourceType> resourceType(String endpoint, int objId, int resId) {
        LwM2mModel model = requests.registration(endpoint).map(models::getObjectModel).orElse(models.newest());
        ResourceModel rm = model.getResourceModel(objId, resId);
        return rm == null ? Optional.empty() : Optional.of(LeshanValues.fromLeshan(rm.type));
    }

    @Override
    public void addListener(PlatformListener listener) {
        record.addListener(listener);
    }

    @Override
    public void removeListener(PlatformListener listener) {
        record.removeListener(listener);
    }
}
