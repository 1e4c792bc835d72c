package org.miplhil.platform.leshan;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;
import org.eclipse.leshan.core.SecurityMode;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.link.attributes.Attribute;
import org.eclipse.leshan.core.link.lwm2m.LwM2mLink;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttribute;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeSet;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributes;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.codec.CodecException;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.peer.IpPeer;
import org.eclipse.leshan.core.peer.LwM2mPeer;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.core.request.BootstrapRequest;
import org.eclipse.leshan.core.request.CancelObservationRequest;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.DiscoverRequest;
import org.eclipse.leshan.core.request.DownlinkRequest;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteAttributesRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.request.exception.ClientSleepingException;
import org.eclipse.leshan.core.request.exception.InvalidRequestException;
import org.eclipse.leshan.core.request.exception.InvalidResponseException;
import org.eclipse.leshan.core.request.exception.RequestCanceledException;
import org.eclipse.leshan.core.request.exception.RequestRejectedException;
import org.eclipse.leshan.core.request.exception.SendFailedException;
import org.eclipse.leshan.core.response.DiscoverResponse;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.core.response.ObserveCompositeResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig;
import org.eclipse.leshan.server.bootstrap.BootstrapFailureCause;
import org.eclipse.leshan.server.bootstrap.BootstrapSession;
import org.eclipse.leshan.server.bootstrap.BootstrapSessionAdapter;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServer;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServerBuilder;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.CaliforniumBootstrapServerEndpoint;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.CaliforniumBootstrapServerEndpointsProvider;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.coap.CoapBootstrapServerProtocolProvider;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.server.model.LwM2mModelProvider;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.registration.InMemoryRegistrationStore;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;
import org.eclipse.leshan.server.request.LowerLayerConfig;
import org.miplhil.platform.CoapCode;
import org.miplhil.platform.Device;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.NotificationAttributes;
import org.miplhil.platform.ObservationInfo;
import org.miplhil.platform.Operation;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.ResourceType;
import org.miplhil.platform.ResourceWrite;
import org.miplhil.platform.WriteMode;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.DiscoveredLink;
import org.miplhil.platform.Notification;
import org.miplhil.platform.Platform;
import org.miplhil.platform.PlatformListener;
import org.miplhil.platform.RequestLogEntry;
import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.platform.fota.lwm2m.LwM2mFotaCampaign;
import org.miplhil.platform.leshan.PackageServer;
import org.miplhil.platform.fota.PackageTransfer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform on embedded Eclipse Leshan 2.0.0-M15: an LwM2M server and a bootstrap server on UDP
 * (no DTLS), with OneNET-like behaviour after registration (see {@link OneNetBehaviour}).
 * <p>
 * Build with {@link #builder()}, then {@link #start()}; ports given as 0 are chosen by the system and
 * exposed by {@link #coapPort()} and {@link #bootstrapPort()} once started.
 */
public final class LeshanPlatform implements Platform {

    private static final Logger LOG = LoggerFactory.getLogger(LeshanPlatform.class);
    /** Bound on each kept log, so a long run does not grow without end. */
    static final int LOG_CAPACITY = 100_000;

    private final Builder settings;
    private final ModelRepository models;
    private final List<PlatformListener> listeners = new CopyOnWriteArrayList<>();
    private final BoundedLog<DeviceEvent> events = new BoundedLog<>(LOG_CAPACITY);
    private final BoundedLog<Notification> notifications = new BoundedLog<>(LOG_CAPACITY);
    private final BoundedLog<RequestLogEntry> requestLog = new BoundedLog<>(LOG_CAPACITY);
    /** endpoint → objId → links of the latest successful discover of that object. */
    private final Map<String, Map<Integer, List<DiscoveredLink>>> discovered = new ConcurrentHashMap<>();
    private final Map<String, Instant> observationSince = new ConcurrentHashMap<>();
    /** Bootstrap clients by address, to name the endpoint in the request log. */
    private final Map<InetSocketAddress, String> bootstrapPeers = new ConcurrentHashMap<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private LeshanServer server;
    private LeshanBootstrapServer bootstrapServer;
    private OneNetBehaviour oneNet;
    private InetSocketAddress coapAddress;
    private InetSocketAddress bootstrapAddress;
    private volatile PackageServer packageServer;
    private final List<LwM2mFotaCampaign> campaigns = new CopyOnWriteArrayList<>();

    private LeshanPlatform(Builder b) {
        this.settings = b.copy();
        this.models = new ModelRepository(b.models);
    }

    public static Builder builder() {
        return new Builder();
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
                startBootstrapServer();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        oneNet = new OneNetBehaviour(this, settings.oneNetSkippedObjects, settings.requestTimeout);
        if (settings.packageServer) {
            try {
                packageServer();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
        LOG.info("LwM2M server on {}, bootstrap server on {}", coapAddress, bootstrapAddress);
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
        server = sb.build();
        server.getRegistrationService().addListener(new Registrations());
        server.getObservationService().addListener(new Observations());
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "cannot start the LwM2M server on " + settings.address.getHostAddress() + ":" + settings.coapPort
                            + " (UDP): " + e.getMessage(), e);
        }
        coapAddress = socketAddress(server.getEndpoint(Protocol.COAP).getURI());
        if (coapAddress.getPort() <= 0) {
            throw new IllegalStateException("LwM2M server endpoint not bound: " + server.getEndpoint(Protocol.COAP).getURI());
        }
    }

    private void startBootstrapServer() {
        CaliforniumBootstrapServerEndpointsProvider.Builder eb =
                new CaliforniumBootstrapServerEndpointsProvider.Builder(new CoapBootstrapServerProtocolProvider());
        eb.setConfiguration(c -> settings.coap.withProtocolStageThreads(2).applyTo(c));
        eb.addEndpoint(new InetSocketAddress(settings.address, settings.bootstrapPort), Protocol.COAP);

        LeshanBootstrapServerBuilder bb = new LeshanBootstrapServerBuilder();
        bb.setEndpointsProviders(eb.build());
        bb.setConfigStore(session -> bootstrapConfig());
        bootstrapServer = bb.build();
        bootstrapServer.addListener(new BootstrapSessions());
        try {
            bootstrapServer.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start the bootstrap server on "
                    + settings.address.getHostAddress() + ":" + settings.bootstrapPort + " (UDP): " + e.getMessage(), e);
        }
        CaliforniumBootstrapServerEndpoint ep =
                (CaliforniumBootstrapServerEndpoint) bootstrapServer.getEndpoint(Protocol.COAP);
        bootstrapAddress = socketAddress(ep.getURI());
        ep.getCoapEndpoint().addInterceptor(new MessageInterceptorAdapter() {
            @Override
            public void sendRequest(Request request) {
                InetSocketAddress peer = request.getDestinationContext() == null ? null
                        : request.getDestinationContext().getPeerAddress();
                String endpoint = peer == null ? "" : bootstrapPeers.getOrDefault(peer, "");
                RequestLogger.attach(request, "bootstrap", endpoint, null, LeshanPlatform.this::logRequest);
            }
        });
    }

    /**
     * Any endpoint gets the same account: delete /0 and /1 (the client keeps its bootstrap account), write the
     * LwM2M server's no-sec security instance /0/1 and server instance /1/0.
     */
    private BootstrapConfig bootstrapConfig() {
        BootstrapConfig config = new BootstrapConfig();
        config.toDelete.add("/0");
        config.toDelete.add("/1");
        BootstrapConfig.ServerSecurity security = new BootstrapConfig.ServerSecurity();
        security.uri = "coap://" + hostLiteral(coapAddress) + ":" + coapAddress.getPort();
        security.bootstrapServer = false;
        security.securityMode = SecurityMode.NO_SEC;
        security.serverId = settings.shortServerId;
        config.security.put(1, security);
        BootstrapConfig.ServerConfig server = new BootstrapConfig.ServerConfig();
        server.shortId = settings.shortServerId;
        server.lifetime = (int) settings.bootstrapLifetime.toSeconds();
        server.binding = java.util.EnumSet.of(BindingMode.U);
        config.servers.put(0, server);
        return config;
    }

    private static String hostLiteral(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static InetSocketAddress socketAddress(URI uri) {
        return new InetSocketAddress(uri.getHost().replace("[", "").replace("]", ""), uri.getPort());
    }

    /** The LwM2M server's UDP address (after {@link #start()}). */
    public InetSocketAddress coapAddress() {
        requireStarted();
        return coapAddress;
    }

    public int coapPort() {
        return coapAddress().getPort();
    }

    /** The bootstrap server's UDP address; empty when bootstrap is off. */
    public Optional<InetSocketAddress> bootstrapAddress() {
        requireStarted();
        return Optional.ofNullable(bootstrapAddress);
    }

    /** The bootstrap server's port; -1 when bootstrap is off. */
    public int bootstrapPort() {
        return bootstrapAddress().map(InetSocketAddress::getPort).orElse(-1);
    }

    /** {@code coap://127.0.0.1:5683}: what a client puts in its security object. */
    public String coapUri() {
        return "coap://" + hostLiteral(coapAddress()) + ":" + coapAddress.getPort();
    }

    /** The bootstrap server's URI; empty when bootstrap is off. */
    public Optional<String> bootstrapUri() {
        return bootstrapAddress().map(a -> "coap://" + hostLiteral(a) + ":" + a.getPort());
    }

    public boolean oneNetBehaviour() {
        return settings.oneNetBehaviour;
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

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (LwM2mFotaCampaign c : campaigns) {
            c.close();
        }
        if (oneNet != null) {
            oneNet.close();
        }
        PackageServer ps = packageServer;
        if (ps != null) {
            ps.close();
        }
        if (bootstrapServer != null) {
            try {
                bootstrapServer.destroy();
            } catch (RuntimeException e) {
                LOG.warn("stopping the bootstrap server", e);
            }
        }
        if (server != null) {
            try {
                server.destroy();
            } catch (RuntimeException e) {
                LOG.warn("stopping the LwM2M server", e);
            }
        }
    }

    // --- firmware update -----------------------------------------------------------------------------

    /**
     * The package server (6.1.1: the platform serves the delta package over CoAP block-wise transfer), started
     * on first use with the builder's package settings. Throws {@link IllegalStateException} when its port cannot
     * be bound.
     */
    public synchronized PackageServer packageServer() {
        requireStarted();
        if (closed.get()) {
            throw new IllegalStateException("platform closed");
        }
        if (packageServer == null) {
            PackageServer ps = PackageServer.builder().directory(settings.packageDirectory).address(settings.address)
                    .port(settings.packagePort).advertisedHost(settings.packageHost).blockSize(settings.packageBlockSize)
                    .coapSettings(settings.coap).start();
            ps.addListener(t -> fire(l -> l.onPackageTransfer(t)));
            packageServer = ps;
        }
        return packageServer;
    }

    /** Every package download so far (empty when the package server never ran). */
    public List<PackageTransfer> packageTransfers() {
        PackageServer ps = packageServer;
        return ps == null ? List.of() : ps.transfers();
    }

    /** Campaigns started on this platform, in order of start. */
    public List<FotaCampaign> fotaCampaigns() {
        return List.copyOf(campaigns);
    }

    /**
     * Starts the campaign of 6.1 for {@code endpoint} (an endpoint name, or an IMEI): the package file is offered
     * by the package server under its own name, its URI sent to the device. Steps and the outcome go to the
     * listeners ({@link PlatformListener#onFotaStep}, {@link PlatformListener#onFotaOutcome}) and the log.
     */
    @Override
    public FotaCampaign startFota(String endpoint, FotaSpec spec) {
        PackageServer ps = packageServer();
        if (!Files.isRegularFile(spec.packageFile())) {
            LOG.warn("FOTA package {} does not exist: the device will get 4.04", spec.packageFile());
        }
        URI uri = ps.offer(spec.packageFile());
        LwM2mFotaCampaign c = LwM2mFotaCampaign.builder(this, endpoint, spec, uri)
                .pollInterval(settings.fotaPollInterval)
                .onStep((campaign, step) -> fire(l -> l.onFotaStep(campaign, step)))
                .onOutcome((campaign, outcome) -> fire(l -> l.onFotaOutcome(campaign, outcome)))
                .start();
        campaigns.add(c);
        return c;
    }

    // --- devices -------------------------------------------------------------------------------------

    @Override
    public List<Device> devices() {
        if (server == null) {
            return List.of();
        }
        List<Device> out = new ArrayList<>();
        for (Iterator<Registration> it = server.getRegistrationService().getAllRegistrations(); it.hasNext(); ) {
            out.add(toDevice(it.next()));
        }
        out.sort(Comparator.comparing(Device::registeredAt));
        return out;
    }

    @Override
    public Optional<Device> device(String endpoint) {
        return registration(endpoint).map(LeshanPlatform::toDevice);
    }

    @Override
    public Optional<Device> deviceByImei(String imei) {
        return devices().stream().filter(d -> d.imei().equals(imei)).findFirst();
    }

    /** The content formats the client advertised at its registration ({@link ClientFormats}). */
    ClientFormats formats(String endpoint) {
        Optional<Registration> r = registration(endpoint);
        return r.map(reg -> ClientFormats.of(reg.getObjectLinks(), reg.getLwM2mVersion(),
                reg.getSupportedContentFormats())).orElse(ClientFormats.of(null, null, Set.of()));
    }

    Optional<Registration> registration(String endpoint) {
        if (server == null || endpoint == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(server.getRegistrationService().getByEndpoint(endpoint));
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
        return send(Operation.DISCOVER, endpoint, path, deadline, () -> new DiscoverRequest(path.toString()), null,
                (DiscoverResponse r, Answer a) -> {
                    List<DiscoveredLink> links = new ArrayList<>();
                    if (r.getObjectLinks() != null) {
                        for (LwM2mLink link : r.getObjectLinks()) {
                            NodePath p = LeshanValues.fromLeshan(link.getPath());
                            if (p != null) {
                                links.add(new DiscoveredLink(p, attributes(link)));
                            }
                        }
                    }
                    if (r.isSuccess() && path.isObject()) {
                        discovered.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>()).put(path.objId(), links);
                    }
                    return a.answered(List.of(), links, Optional.empty());
                });
    }

    private static Map<String, String> attributes(LwM2mLink link) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Attribute attr : link.getAttributes()) {
            out.put(attr.getName(), attr.hasValue() ? attr.getCoreLinkValue() : "");
        }
        return out;
    }

    @Override
    public PlatformResult read(String endpoint, NodePath path, Duration deadline) {
        return send(Operation.READ, endpoint, path, deadline,
                () -> new ReadRequest(formats(endpoint).forRead(path).orElse(null), path.toString()), null,
                (ReadResponse r, Answer a) -> a.answered(LeshanValues.flatten(path, r.getContent()), List.of(),
                        Optional.empty()));
    }

    @Override
    public PlatformResult write(String endpoint, NodePath path, WriteMode mode, List<ResourceWrite> values,
                                Duration deadline) {
        if (values.isEmpty()) {
            return new PlatformResult.InvalidRequest(Operation.WRITE, endpoint, path, "nothing to write");
        }
        WriteRequest.Mode leshanMode = mode == WriteMode.REPLACE ? WriteRequest.Mode.REPLACE : WriteRequest.Mode.UPDATE;
        return send(Operation.WRITE, endpoint, path, deadline, () -> {
            ClientFormats advertised = formats(endpoint);
            ContentFormat format = advertised.forWrite(path, values).orElseThrow(() -> new InvalidRequestException(
                    "the client advertised no content format a write of %s can use: %s", path,
                    advertised.advertised()));
            if (path.isInstance()) {
                List<LwM2mResource> resources = new ArrayList<>();
                for (ResourceWrite w : values) {
                    resources.add(LeshanValues.toResource(w.resId(), w.value()));
                }
                return new WriteRequest(leshanMode, format, path.objId(), path.insId(), resources);
            }
            if (path.isResource()) {
                if (values.size() != 1 || values.get(0).resId() != path.resId()) {
                    throw new InvalidRequestException("a write on resource %s takes exactly one value for it", path);
                }
                if (mode != WriteMode.REPLACE) {
                    throw new InvalidRequestException("a single resource is written with replace only: %s", path);
                }
                return new WriteRequest(WriteRequest.Mode.REPLACE, format, LeshanValues.toLeshan(path),
                        LeshanValues.toResource(path.resId(), values.get(0).value()));
            }
            throw new InvalidRequestException("write needs an instance or resource path: %s", path);
        }, null, (LwM2mResponse r, Answer a) -> a.answered(List.of(), List.of(), Optional.empty()));
    }

    @Override
    public PlatformResult execute(String endpoint, NodePath path, String arguments, Duration deadline) {
        if (!path.isResource()) {
            return new PlatformResult.InvalidRequest(Operation.EXECUTE, endpoint, path,
                    "execute needs a resource path");
        }
        // OneNET's args are free text (7.5: "reset"), not LwM2M 1.1 argument syntax: send them raw
        Consumer<Request> rawArgs = arguments == null || arguments.isEmpty() ? null : coap -> {
            coap.setPayload(arguments);
            coap.getOptions().setContentFormat(ContentFormat.TEXT.getCode());
        };
        return send(Operation.EXECUTE, endpoint, path, deadline,
                () -> new ExecuteRequest(path.objId(), path.insId(), path.resId()), rawArgs,
                (LwM2mResponse r, Answer a) -> a.answered(List.of(), List.of(), Optional.empty()));
    }

    @Override
    public PlatformResult writeAttributes(String endpoint, NodePath path, NotificationAttributes attributes,
                                          Duration deadline) {
        if (attributes.isEmpty()) {
            return new PlatformResult.InvalidRequest(Operation.WRITE_ATTRIBUTES, endpoint, path, "no attribute");
        }
        return send(Operation.WRITE_ATTRIBUTES, endpoint, path, deadline, () -> {
            List<LwM2mAttribute<?>> attrs = new ArrayList<>();
            attributes.pmin().ifPresent(v -> attrs.add(LwM2mAttributes.create(LwM2mAttributes.MINIMUM_PERIOD, v)));
            attributes.pmax().ifPresent(v -> attrs.add(LwM2mAttributes.create(LwM2mAttributes.MAXIMUM_PERIOD, v)));
            attributes.gt().ifPresent(v -> attrs.add(LwM2mAttributes.create(LwM2mAttributes.GREATER_THAN, v)));
            attributes.lt().ifPresent(v -> attrs.add(LwM2mAttributes.create(LwM2mAttributes.LESSER_THAN, v)));
            attributes.st().ifPresent(v -> attrs.add(LwM2mAttributes.create(LwM2mAttributes.STEP, v)));
            return new WriteAttributesRequest(LeshanValues.toLeshan(path), new LwM2mAttributeSet(attrs));
        }, null, (LwM2mResponse r, Answer a) -> a.answered(List.of(), List.of(), Optional.empty()));
    }

    @Override
    public PlatformResult observe(String endpoint, NodePath path, Duration deadline) {
        return send(Operation.OBSERVE, endpoint, path, deadline, () -> new ObserveRequest(path.toString()), null,
                (ObserveResponse r, Answer a) -> {
                    Optional<String> id = Optional.empty();
                    if (r.isSuccess() && r.getObservation() != null) {
                        id = Optional.of(r.getObservation().getId().getAsHexString());
                        observationSince.put(id.get(), Instant.now());
                    }
                    return a.answered(LeshanValues.flatten(path, r.getContent()), List.of(), id);
                });
    }

    @Override
    public PlatformResult cancelObservation(String endpoint, NodePath path, Duration deadline) {
        Optional<Registration> reg = registration(endpoint);
        if (reg.isEmpty()) {
            return new PlatformResult.DeviceOffline(Operation.CANCEL_OBSERVATION, endpoint, path);
        }
        Optional<SingleObservation> obs = singleObservations(reg.get()).stream()
                .filter(o -> path.equals(LeshanValues.fromLeshan(o.getPath()))).findFirst();
        if (obs.isEmpty()) {
            return new PlatformResult.InvalidRequest(Operation.CANCEL_OBSERVATION, endpoint, path,
                    "no observation of " + path);
        }
        PlatformResult result = send(Operation.CANCEL_OBSERVATION, endpoint, path, deadline,
                () -> new CancelObservationRequest(obs.get()), null,
                (LwM2mResponse r, Answer a) -> a.answered(List.of(), List.of(), Optional.empty()));
        // forgotten whatever the device said: a later notification gets a reset
        server.getObservationService().cancelObservation(obs.get());
        observationSince.remove(obs.get().getId().getAsHexString());
        return result;
    }

    private List<SingleObservation> singleObservations(Registration reg) {
        List<SingleObservation> out = new ArrayList<>();
        for (Observation o : server.getObservationService().getObservations(reg)) {
            if (o instanceof SingleObservation s) {
                out.add(s);
            }
        }
        return out;
    }

    /** Builds the request result for an answer. */
    private interface AnswerMapper<T> {
        PlatformResult map(T response, Answer answer);
    }

    /** The parts of an answer common to every operation. */
    private record Answer(Operation op, String endpoint, NodePath path, CoapCode code, String diagnostic,
                          Instant sentAt, Duration elapsed) {
        PlatformResult.Answered answered(List<ResourceData> values, List<DiscoveredLink> links,
                                         Optional<String> observationId) {
            return new PlatformResult.Answered(op, endpoint, path, code, values, links, observationId, diagnostic,
                    sentAt, elapsed);
        }
    }

    /** Something that builds a Leshan request and may throw Leshan's invalid-request exceptions. */
    private interface RequestFactory<T extends LwM2mResponse> {
        DownlinkRequest<T> create();
    }

    private <T extends LwM2mResponse> PlatformResult send(Operation op, String endpoint, NodePath path,
                                                          Duration deadline, RequestFactory<T> factory,
                                                          Consumer<Request> tweak, AnswerMapper<? super T> mapper) {
        Optional<Registration> reg = registration(endpoint);
        if (reg.isEmpty()) {
            return new PlatformResult.DeviceOffline(op, endpoint, path);
        }
        DownlinkRequest<T> request;
        try {
            request = factory.create();
        } catch (RuntimeException e) { // InvalidRequestException, IllegalArgumentException
            return new PlatformResult.InvalidRequest(op, endpoint, path, String.valueOf(e.getMessage()));
        }
        long deadlineMs = Math.max(1, deadline.toMillis());
        LowerLayerConfig lower = coap -> {
            Request r = (Request) coap;
            if (tweak != null) {
                tweak.accept(r);
            }
            RequestLogger.attach(r, "lwm2m", endpoint, Duration.ofMillis(deadlineMs), this::logRequest);
        };
        Instant sentAt = Instant.now();
        long t0 = System.nanoTime();
        try {
            T response = server.send(reg.get(), request, lower, deadlineMs);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            if (response == null) {
                return new PlatformResult.TimedOut(op, endpoint, path, Duration.ofMillis(deadlineMs), sentAt, elapsed);
            }
            CoapCode code = CoapCode.ofDecimal(response.getCode().getCode());
            return mapper.map(response, new Answer(op, endpoint, path, code, response.getErrorMessage(), sentAt,
                    elapsed));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(op, endpoint, path, PlatformResult.Failure.INTERRUPTED, e, sentAt, t0);
        } catch (RequestRejectedException e) {
            return failed(op, endpoint, path, PlatformResult.Failure.RESET, e, sentAt, t0);
        } catch (RequestCanceledException e) {
            return failed(op, endpoint, path, PlatformResult.Failure.CANCELLED, e, sentAt, t0);
        } catch (SendFailedException e) {
            return failed(op, endpoint, path, PlatformResult.Failure.SEND_FAILED, e, sentAt, t0);
        } catch (InvalidResponseException e) {
            return failed(op, endpoint, path, PlatformResult.Failure.INVALID_RESPONSE, e, sentAt, t0);
        } catch (CodecException | InvalidRequestException e) {
            // the payload could not be encoded with the object model: nothing usable was sent
            return new PlatformResult.InvalidRequest(op, endpoint, path, String.valueOf(e.getMessage()));
        } catch (ClientSleepingException e) {
            return new PlatformResult.DeviceOffline(op, endpoint, path);
        } catch (RuntimeException e) {
            LOG.warn("{} {} {} failed", op, endpoint, path, e);
            return failed(op, endpoint, path, PlatformResult.Failure.UNEXPECTED, e, sentAt, t0);
        }
    }

    private static PlatformResult failed(Operation op, String endpoint, NodePath path, PlatformResult.Failure f,
                                         Exception e, Instant sentAt, long t0) {
        return new PlatformResult.Failed(op, endpoint, path, f, String.valueOf(e.getMessage()), sentAt,
                Duration.ofNanos(System.nanoTime() - t0));
    }

    // --- what happened -------------------------------------------------------------------------------

    @Override
    public List<ObservationInfo> observations(String endpoint) {
        Optional<Registration> reg = registration(endpoint);
        if (reg.isEmpty()) {
            return List.of();
        }
        List<ObservationInfo> out = new ArrayList<>();
        for (SingleObservation o : singleObservations(reg.get())) {
            String id = o.getId().getAsHexString();
            out.add(new ObservationInfo(id, endpoint, LeshanValues.fromLeshan(o.getPath()),
                    observationSince.getOrDefault(id, Instant.EPOCH)));
        }
        out.sort(Comparator.comparing(ObservationInfo::path));
        return out;
    }

    @Override
    public List<DeviceEvent> events() {
        return events.snapshot();
    }

    @Override
    public List<Notification> notifications() {
        return notifications.snapshot();
    }

    @Override
    public List<RequestLogEntry> requestLog() {
        return requestLog.snapshot();
    }

    @Override
    public List<NodePath> knownResources(String endpoint) {
        Optional<Registration> reg = registration(endpoint);
        if (reg.isEmpty()) {
            return List.of();
        }
        Set<NodePath> out = new TreeSet<>(toDevice(reg.get()).objectInstances());
        Map<Integer, List<DiscoveredLink>> byObject = discovered.getOrDefault(endpoint, Map.of());
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
        LwM2mModel model = registration(endpoint).map(models::getObjectModel).orElse(models.newest());
        ResourceModel rm = model.getResourceModel(objId, resId);
        return rm == null ? Optional.empty() : Optional.of(LeshanValues.fromLeshan(rm.type));
    }

    @Override
    public void addListener(PlatformListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(PlatformListener listener) {
        listeners.remove(listener);
    }

    private void fire(Consumer<PlatformListener> call) {
        for (PlatformListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("platform listener failed", e);
            }
        }
    }

    private void logRequest(RequestLogEntry entry) {
        requestLog.add(entry);
        fire(l -> l.onRequest(entry));
    }

    private void addEvent(DeviceEvent event) {
        events.add(event);
        fire(l -> l.onEvent(event));
    }

    // --- Leshan listeners ----------------------------------------------------------------------------

    private final class Registrations implements RegistrationListener {
        @Override
        public void registered(Registration reg, Registration previousReg, Collection<Observation> previousObs) {
            long nanos = System.nanoTime();
            Instant now = Instant.now();
            discovered.remove(reg.getEndpoint());
            Device device = toDevice(reg);
            addEvent(new DeviceEvent.Registered(device, previousReg == null ? null : previousReg.getId(), now, nanos));
            if (settings.oneNetBehaviour && oneNet != null) {
                oneNet.afterRegistration(device);
            }
        }

        @Override
        public void updated(RegistrationUpdate update, Registration updatedReg, Registration previousReg) {
            addEvent(new DeviceEvent.Updated(toDevice(updatedReg), Instant.now(), System.nanoTime()));
        }

        @Override
        public void unregistered(Registration reg, Collection<Observation> observations, boolean expired,
                                 Registration newReg) {
            long nanos = System.nanoTime();
            for (Observation o : observations) {
                observationSince.remove(o.getId().getAsHexString());
            }
            addEvent(new DeviceEvent.Deregistered(reg.getEndpoint(), reg.getId(), expired, newReg != null,
                    Instant.now(), nanos));
        }
    }

    private final class Observations implements ObservationListener {
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
            Notification n = new Notification(observation.getId().getAsHexString(), registration.getEndpoint(), path,
                    CoapCode.ofDecimal(response.getCode().getCode()), LeshanValues.flatten(path, content),
                    Instant.now(), nanos);
            notifications.add(n);
            fire(l -> l.onNotification(n));
        }

        @Override
        public void onResponse(org.eclipse.leshan.core.observation.CompositeObservation observation,
                               Registration registration, ObserveCompositeResponse response) {
        }

        @Override
        public void onError(Observation observation, Registration registration, Exception error) {
            LOG.warn("notification for {} of {} could not be decoded: {}", observation.getId(),
                    registration.getEndpoint(), error.toString());
        }
    }

    private final class BootstrapSessions extends BootstrapSessionAdapter {
        @Override
        public void sessionInitiated(BootstrapRequest request, LwM2mPeer client) {
            if (client instanceof IpPeer ip) {
                bootstrapPeers.put(ip.getSocketAddress(), request.getEndpointName());
            }
        }

        @Override
        public void end(BootstrapSession session) {
            forget(session);
            addEvent(new DeviceEvent.BootstrapFinished(session.getEndpoint(), true, "", Instant.now(),
                    System.nanoTime()));
        }

        @Override
        public void failed(BootstrapSession session, BootstrapFailureCause cause) {
            forget(session);
            addEvent(new DeviceEvent.BootstrapFinished(session.getEndpoint(), false, String.valueOf(cause),
                    Instant.now(), System.nanoTime()));
        }

        private void forget(BootstrapSession session) {
            if (session.getClientTransportData() instanceof IpPeer ip) {
                bootstrapPeers.remove(ip.getSocketAddress());
            }
        }
    }

    // --- models --------------------------------------------------------------------------------------

    /**
     * Object models by id and version. A registration's object gets the version it announced if known,
     * else the newest version known, so a client announcing an unexpected version still decodes.
     */
    static final class ModelRepository implements LwM2mModelProvider {
        private final Map<Integer, Map<String, ObjectModel>> byId = new ConcurrentHashMap<>();

        ModelRepository(Collection<ObjectModel> models) {
            for (ObjectModel m : models) {
                byId.computeIfAbsent(m.id, k -> new ConcurrentHashMap<>()).put(m.version, m);
            }
        }

        @Override
        public LwM2mModel getObjectModel(Registration registration) {
            Map<Integer, org.eclipse.leshan.core.LwM2m.Version> announced =
                    registration.getSupportedObject() == null ? Map.of() : registration.getSupportedObject();
            return new LwM2mModel() {
                @Override
                public ResourceModel getResourceModel(int objectId, int resourceId) {
                    ObjectModel o = getObjectModel(objectId);
                    return o == null ? null : o.resources.get(resourceId);
                }

                @Override
                public ObjectModel getObjectModel(int objectId) {
                    org.eclipse.leshan.core.LwM2m.Version v = announced.get(objectId);
                    return pick(objectId, v == null ? null : v.toString());
                }

                @Override
                public Collection<ObjectModel> getObjectModels() {
                    List<ObjectModel> out = new ArrayList<>();
                    for (Integer id : byId.keySet()) {
                        out.add(getObjectModel(id));
                    }
                    return out;
                }
            };
        }

        /** The model with the newest version of every object. */
        LwM2mModel newest() {
            return new LwM2mModel() {
                @Override
                public ResourceModel getResourceModel(int objectId, int resourceId) {
                    ObjectModel o = getObjectModel(objectId);
                    return o == null ? null : o.resources.get(resourceId);
                }

                @Override
                public ObjectModel getObjectModel(int objectId) {
                    return pick(objectId, null);
                }

                @Override
                public Collection<ObjectModel> getObjectModels() {
                    List<ObjectModel> out = new ArrayList<>();
                    for (Integer id : byId.keySet()) {
                        out.add(pick(id, null));
                    }
                    return out;
                }
            };
        }

        ObjectModel pick(int objectId, String version) {
            Map<String, ObjectModel> versions = byId.get(objectId);
            if (versions == null || versions.isEmpty()) {
                return null;
            }
            if (version != null && versions.containsKey(version)) {
                return versions.get(version);
            }
            return versions.values().stream()
                    .max(Comparator.comparing(m -> new org.eclipse.leshan.core.LwM2m.Version(m.version))).orElse(null);
        }
    }

    /** A list that keeps the last {@code capacity} items; snapshots are copies. */
    static final class BoundedLog<T> {
        private final int capacity;
        private final Deque<T> items = new ArrayDeque<>();

        BoundedLog(int capacity) {
            this.capacity = capacity;
        }

        synchronized void add(T item) {
            if (items.size() == capacity) {
                items.removeFirst();
            }
            items.addLast(item);
        }

        synchronized List<T> snapshot() {
            return List.copyOf(items);
        }
    }

    // --- builder -------------------------------------------------------------------------------------

    /** Settings of a {@link LeshanPlatform}; every one has a default. */
    public static final class Builder {
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int coapPort = 0;
        private int bootstrapPort = 0;
        private boolean bootstrap = true;
        private boolean oneNetBehaviour = true;
        private Set<Integer> oneNetSkippedObjects = OneNetBehaviour.DEFAULT_SKIPPED_OBJECTS;
        private Duration requestTimeout = Duration.ofSeconds(25);
        private Duration bootstrapLifetime = Duration.ofSeconds(86400);
        private int shortServerId = 1;
        private CoapSettings coap = CoapSettings.defaults();
        private List<ObjectModel> models = ObjectModels.defaults();
        private boolean packageServer = false;
        private Path packageDirectory = Path.of("fixtures", "firmware", "packages");
        private int packagePort = 0;
        private String packageHost;
        private int packageBlockSize = 512;
        private Duration fotaPollInterval = Duration.ofSeconds(5);

        private Builder() {
        }

        /** Start the package server with the platform (default false: it starts with the first campaign). */
        public Builder packageServer(boolean on) {
            this.packageServer = on;
            return this;
        }

        /** Directory the package server serves (default {@code fixtures/firmware/packages}). */
        public Builder packageDirectory(Path dir) {
            this.packageDirectory = java.util.Objects.requireNonNull(dir);
            return this;
        }

        /** UDP port of the package server; 0 (default) = chosen by the system. */
        public Builder packagePort(int port) {
            this.packagePort = checkPort(port);
            return this;
        }

        /**
         * The host written into package URIs: the platform's address as the module sees it (rack files carry it);
         * default the bind address.
         */
        public Builder packageHost(String host) {
            this.packageHost = host;
            return this;
        }

        /** Largest Block2 block the package server sends, a power of two 16..1024 (default 512). */
        public Builder packageBlockSize(int size) {
            if (size < 16 || size > 1024 || Integer.bitCount(size) != 1) {
                throw new IllegalArgumentException("block size must be a power of two in 16..1024: " + size);
            }
            this.packageBlockSize = size;
            return this;
        }

        /** How long a campaign goes without news of /5/0/3 before reading it (default 5 s). */
        public Builder fotaPollInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("poll interval must be positive: " + interval);
            }
            this.fotaPollInterval = interval;
            return this;
        }

        /** Address to bind both servers to; default the loopback address. */
        public Builder address(InetAddress address) {
            this.address = java.util.Objects.requireNonNull(address);
            return this;
        }

        /** UDP port of the LwM2M server; 0 (default) = chosen by the system. */
        public Builder coapPort(int port) {
            this.coapPort = checkPort(port);
            return this;
        }

        /** UDP port of the bootstrap server; 0 (default) = chosen by the system. */
        public Builder bootstrapPort(int port) {
            this.bootstrapPort = checkPort(port);
            return this;
        }

        /** Run the bootstrap server (default true). */
        public Builder bootstrap(boolean on) {
            this.bootstrap = on;
            return this;
        }

        /** Observe every instance and discover every object after a registration (default true). */
        public Builder oneNetBehaviour(boolean on) {
            this.oneNetBehaviour = on;
            return this;
        }

        /** Objects the OneNET-like behaviour leaves alone; default 0, 1, 3, 4, 5. */
        public Builder oneNetSkippedObjects(Set<Integer> objIds) {
            this.oneNetSkippedObjects = Set.copyOf(objIds);
            return this;
        }

        /** Deadline of each request the platform makes by itself (default 25 s, OneNET's default). */
        public Builder requestTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("request timeout must be positive: " + timeout);
            }
            this.requestTimeout = timeout;
            return this;
        }

        /** Lifetime the bootstrap server writes into the server object /1/0/1 (default 86400 s). */
        public Builder bootstrapLifetime(Duration lifetime) {
            this.bootstrapLifetime = lifetime;
            return this;
        }

        /** Short server id the bootstrap server hands out (default 1). */
        public Builder shortServerId(int id) {
            if (id < 1 || id > 65534) {
                throw new IllegalArgumentException("short server id out of 1..65534: " + id);
            }
            this.shortServerId = id;
            return this;
        }

        public Builder coapSettings(CoapSettings coap) {
            this.coap = java.util.Objects.requireNonNull(coap);
            return this;
        }

        /** Object models to decode with (default {@link ObjectModels#defaults()}). */
        public Builder models(Collection<ObjectModel> models) {
            this.models = List.copyOf(models);
            return this;
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of 0..65535: " + port);
            }
            return port;
        }

        private Builder copy() {
            Builder b = new Builder();
            b.address = address;
            b.coapPort = coapPort;
            b.bootstrapPort = bootstrapPort;
            b.bootstrap = bootstrap;
            b.oneNetBehaviour = oneNetBehaviour;
            b.oneNetSkippedObjects = oneNetSkippedObjects;
            b.requestTimeout = requestTimeout;
            b.bootstrapLifetime = bootstrapLifetime;
            b.shortServerId = shortServerId;
            b.coap = coap;
            b.models = models;
            b.packageServer = packageServer;
            b.packageDirectory = packageDirectory;
            b.packagePort = packagePort;
            b.packageHost = packageHost;
            b.packageBlockSize = packageBlockSize;
            b.fotaPollInterval = fotaPollInterval;
            return b;
        }

        /** A platform with these settings, not started. */
        public LeshanPlatform build() {
            return new LeshanPlatform(this);
        }

        /** {@code build().start()}. */
        public LeshanPlatform start() {
            return build().start();
        }
    }
}
