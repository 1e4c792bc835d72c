package org.miplhil.platform.onenet.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.miplhil.json.Json;
import org.miplhil.platform.Device;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Notification;
import org.miplhil.platform.NotificationAttributes;
import org.miplhil.platform.ObservationInfo;
import org.miplhil.platform.Operation;
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
import org.miplhil.platform.onenet.push.PushListener;
import org.miplhil.platform.onenet.push.PushReceiver;
import org.miplhil.platform.onenet.push.PushMessage;

/**
 * OneNET as the platform: every request through OneNET's application API ({@link OneNetClient}, legacy or current),
 * what the device did through OneNET's push ({@link #pushListener()}) or, without a push URL, by polling. A device
 * is named by its endpoint {@code IMEI;IMSI} or its IMEI; requests go to OneNET by IMEI, which answers for a device
 * that is not online (errno 2001 → {@link PlatformResult.DeviceOffline}). docs/onenet.md "The adapter".
 */
public final class OneNetPlatform implements Platform {

    /** OneNET's {@code timeout} parameter: seconds, 5..40 (4rt-read-device-resources.md). */
    static final int MIN_TIMEOUT_S = 5;
    static final int MAX_TIMEOUT_S = 40;
    /** How much longer than OneNET's own timeout the HTTP exchange may take. */
    private static final Duration HTTP_MARGIN = Duration.ofSeconds(15);

    private final OneNetSettings settings;
    private final OneNetClient client;
    private final DeviceDirectory directory = new DeviceDirectory();
    private final ObservationBook observations = new ObservationBook();
    private final AdapterRecord record = new AdapterRecord();
    private final PushIntake intake;
    private volatile Poller poller;
    /** Campaigns started through the double's own FOTA call. */
    private final List<DoubleFotaCampaign> campaigns = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile PushReceiver receiver;
    private HttpClient http;
    /** Runs the calls whose deadline is shorter than OneNET's least timeout. */
    private final java.util.concurrent.ExecutorService shortWaits = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "onenet-short-deadline");
        t.setDaemon(true);
        return t;
    });

    private OneNetPlatform(OneNetSettings settings, OneNetClient client) {
        this.settings = settings;
        this.client = client;
        this.intake = new PushIntake(directory, observations, record);
    }

    /**
     * Connects to OneNET (or the double) as {@code settings} say; nothing is sent yet ({@link #probe()} checks that
     * the API answers). With a push URL the push receiver listens
     * ({@code pushBind}, else loopback and the URL's port) and feeds {@link #pushListener()}; without one the adapter
     * polls every poll interval. A missing credential shows in {@link #check}.
     */
    public static OneNetPlatform start(OneNetSettings settings) throws IOException {
        return start(settings, OneNetClient.defaultHttp());
    }

    /** As {@link #start(OneNetSettings)} with the given HTTP client. */
    public static OneNetPlatform start(OneNetSettings settings, HttpClient http) throws IOException {
        OneNetPlatform p = new OneNetPlatform(settings, OneNetClient.of(settings, http));
        p.http = http;
        if (settings.pushUrl().isEmpty()) {
            p.poller = new Poller(p.client, p.directory, p.intake, settings.pollInterval());
            return p;
        }
        URI url = settings.pushUrl().get();
        InetSocketAddress bind = settings.pushReceiverBind().orElseThrow();
        try {
            p.receiver = PushReceiver.start(bind, url.getPath(), settings.credentials().pushToken(),
                    settings.credentials().pushAesKey(), p.intake);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot receive OneNET's push for " + url.getScheme() + "://" + url.getAuthority()
                    + url.getPath() + " on " + bind + ": " + e.getMessage(), e);
        }
        return p;
    }

    /**
     * Whether anything answers HTTP at the API's base URL (any status will do; nothing is sent that names a device or
     * a credential): a run calls it first, so that an unreachable OneNET ends the run at once with the reason.
     */
    public void probe() throws IOException {
        URI base = settings.baseUrl();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/")).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reaching " + base, e);
        } catch (IOException e) {
            throw new IOException("the API at " + base + " does not answer: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /** The push receiver's URL as it listens, when there is one. */
    public Optional<URI> pushReceiverUri() {
        PushReceiver r = receiver;
        return r == null ? Optional.empty() : Optional.of(r.uri());
    }

    public OneNetSettings settings() {
        return settings;
    }

    /** Where OneNET's verified push messages go: they become events, notifications and cached-command results. */
    public PushListener pushListener() {
        return intake;
    }

    /** One polling round now, when polling (tests: a round between two known points in time). */
    void pollNow() {
        Poller p = poller;
        if (p != null) {
            p.poll();
        }
    }

    /** Whether this platform polls (no push URL was set). */
    public boolean polling() {
        return poller != null;
    }

    /**
     * Finds the device by IMEI at OneNET and creates it when absent ({@code imsi} is needed then); its IMSI makes
     * its endpoint {@code IMEI;IMSI}, its OneNET id lets polling and push by id find it.
     */
    public DeviceLookup ensureDevice(String imei, String imsi) {
        Optional<String> i = imsi == null || imsi.isBlank() ? Optional.empty() : Optional.of(imsi);
        directory.learn(imei, i, Optional.empty());
        return DeviceProvisioning.ensure(client, directory, imei, i);
    }

    /** {@code ./mipl-hil onenet check}: credentials, product, device (created when absent), online. */
    public CheckReport check(String imei, String imsi) {
        return OneNetCheck.run(settings, client, imei, imsi == null || imsi.isBlank() ? Optional.empty()
                : Optional.of(imsi));
    }

    /** Results of cached commands OneNET pushed (type 7), in order of arrival. */
    public List<PushMessage.CachedCommandResult> cachedCommandResults() {
        return record.cachedResults();
    }

    // --- what it can express ------------------------------------------------------------------------------

    /**
     * None against OneNET: its API hides CoAP (no request log, no write-attributes alone, no update events, no
     * details) and has no FOTA API. With {@link OneNetSettings#withDoubleFota} (the double only): FOTA campaigns and
     * package transfers through the double's own FOTA call.
     */
    @Override
    public boolean supports(PlatformCapability capability) {
        return settings.doubleFota() && (capability == PlatformCapability.FOTA_CAMPAIGN
                || capability == PlatformCapability.PACKAGE_TRANSFERS);
    }

    // --- devices ------------------------------------------------------------------------------------------

    @Override
    public List<Device> devices() {
        return directory.online();
    }

    @Override
    public Optional<Device> device(String endpoint) {
        return directory.online().stream().filter(d -> d.endpoint().equals(endpoint)).findFirst();
    }

    @Override
    public Optional<Device> deviceByImei(String imei) {
        return directory.online().stream().filter(d -> d.imei().equals(imei)).findFirst();
    }

    // --- requests -----------------------------------------------------------------------------------------

    /** OneNET's {@code timeout}: the deadline in whole seconds (rounded up), clamped to 5..40. */
    static int timeoutSeconds(Duration deadline) {
        long s = (deadline.toMillis() + 999) / 1000;
        return (int) Math.max(MIN_TIMEOUT_S, Math.min(MAX_TIMEOUT_S, s));
    }

    private PlatformResult call(Operation op, String endpoint, NodePath path, Duration deadline, ApiCall.Kind kind,
                                Map<String, String> params, Optional<com.fasterxml.jackson.databind.JsonNode> body,
                                ResultMapper.DataDecoder decoder, Optional<String> observationId) {
        int t = timeoutSeconds(deadline);
        Map<String, String> q = new java.util.LinkedHashMap<>(params);
        if (kind != ApiCall.Kind.RESOURCES) {
            q.put("timeout", Integer.toString(t));
        }
        ApiCall c = new ApiCall(kind, q, body, Duration.ofSeconds(t).plus(HTTP_MARGIN));
        if (deadline.compareTo(Duration.ofSeconds(MIN_TIMEOUT_S)) >= 0) {
            return ResultMapper.map(op, endpoint, path, deadline, client.send(c), decoder, observationId);
        }
        // OneNET waits at least 5 s; the application stops waiting at its own, shorter deadline (what OneNET
        // answers later is dropped), as the Platform contract says: no answer within the deadline is TimedOut
        Instant sentAt = Instant.now();
        long sent = System.nanoTime();
        java.util.concurrent.Future<ApiOutcome> f = shortWaits.submit(() -> client.send(c));
        try {
            ApiOutcome o = f.get(deadline.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
            return ResultMapper.map(op, endpoint, path, deadline, o, decoder, observationId);
        } catch (java.util.concurrent.TimeoutException e) {
            return new PlatformResult.TimedOut(op, endpoint, path, deadline, sentAt,
                    Duration.ofNanos(System.nanoTime() - sent));
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            return new PlatformResult.Failed(op, endpoint, path, PlatformResult.Failure.UNEXPECTED,
                    "interrupted while awaiting OneNET", sentAt, Duration.ofNanos(System.nanoTime() - sent));
        } catch (java.util.concurrent.ExecutionException e) {
            return new PlatformResult.Failed(op, endpoint, path, PlatformResult.Failure.UNEXPECTED,
                    String.valueOf(e.getCause()), sentAt, Duration.ofNanos(System.nanoTime() - sent));
        }
    }

    @Override
    public PlatformResult discover(String endpoint, NodePath path, Duration deadline) {
        if (path.depth() > 2) {
            return new PlatformResult.InvalidRequest(Operation.DISCOVER, endpoint, path,
                    "OneNET's discover takes an object or an instance, not " + path);
        }
        return call(Operation.DISCOVER, endpoint, path, deadline, ApiCall.Kind.DISCOVER,
                ApiCall.target(Device.imeiOf(endpoint), path), Optional.empty(), data -> {
                    JsonValues.Decoded<org.miplhil.platform.DiscoveredLink> d = JsonValues.discoverData(path.objId(), data);
                    return new ResultMapper.Data(List.of(), d.items(), d.problems());
                }, Optional.empty());
    }

    @Override
    public PlatformResult read(String endpoint, NodePath path, Duration deadline) {
        if (path.isResourceInstance()) {
            return new PlatformResult.InvalidRequest(Operation.READ, endpoint, path,
                    "OneNET's read takes an object, an instance or a resource, not a resource instance");
        }
        return call(Operation.READ, endpoint, path, deadline, ApiCall.Kind.READ,
                ApiCall.target(Device.imeiOf(endpoint), path), Optional.empty(), readDecoder(path), Optional.empty());
    }

    private static ResultMapper.DataDecoder readDecoder(NodePath path) {
        return data -> {
            JsonValues.Decoded<org.miplhil.platform.ResourceData> d = JsonValues.readData(path.objId(), data);
            return new ResultMapper.Data(d.items(), List.of(), d.problems());
        };
    }

    @Override
    public PlatformResult write(String endpoint, NodePath path, WriteMode mode, List<ResourceWrite> values,
                                Duration deadline) {
        if (path.depth() < 2 || path.isResourceInstance()) {
            return new PlatformResult.InvalidRequest(Operation.WRITE, endpoint, path,
                    "OneNET's write takes an instance or a resource, not " + path);
        }
        if (values.isEmpty()) {
            return new PlatformResult.InvalidRequest(Operation.WRITE, endpoint, path, "nothing to write");
        }
        if (path.isResource() && (values.size() != 1 || values.get(0).resId() != path.resId())) {
            return new PlatformResult.InvalidRequest(Operation.WRITE, endpoint, path,
                    "a resource write takes exactly one value of resource " + path.resId());
        }
        Map<String, String> q = ApiCall.target(Device.imeiOf(endpoint), path.toInstance());
        // OneNET's write names an instance only: one resource is written as a partial update of its instance
        // (mode 2), which changes that resource alone, as a replace of the resource does
        q.put("mode", Integer.toString(path.isResource() ? WriteMode.PARTIAL_UPDATE.oneNetMode() : mode.oneNetMode()));
        ObjectNode body = JsonValues.writeBody(values);
        return call(Operation.WRITE, endpoint, path, deadline, ApiCall.Kind.WRITE, q, Optional.of(body), null,
                Optional.empty());
    }

    @Override
    public PlatformResult execute(String endpoint, NodePath path, String arguments, Duration deadline) {
        if (!path.isResource()) {
            return new PlatformResult.InvalidRequest(Operation.EXECUTE, endpoint, path,
                    "execute takes a resource, not " + path);
        }
        ObjectNode body = Json.object();
        if (arguments != null && !arguments.isEmpty()) {
            body.put("args", arguments);
        }
        return call(Operation.EXECUTE, endpoint, path, deadline, ApiCall.Kind.EXECUTE,
                ApiCall.target(Device.imeiOf(endpoint), path), Optional.of(body), null, Optional.empty());
    }

    /** OneNET writes attributes only as part of an observe: always {@link PlatformResult.InvalidRequest}. */
    @Override
    public PlatformResult writeAttributes(String endpoint, NodePath path, NotificationAttributes attributes,
                                          Duration deadline) {
        return new PlatformResult.InvalidRequest(Operation.WRITE_ATTRIBUTES, endpoint, path,
                "OneNET's API cannot express a write-attributes on its own (it takes pmin, pmax, gt, lt and st "
                        + "only with an observe)");
    }

    @Override
    public PlatformResult observe(String endpoint, NodePath path, Duration deadline) {
        return observe(endpoint, path, NotificationAttributes.NONE, deadline);
    }

    /** One OneNET observe call carrying the attributes (8subscribe.md: pmin, pmax, gt, lt, st). */
    @Override
    public PlatformResult observe(String endpoint, NodePath path, NotificationAttributes attributes,
                                  Duration deadline) {
        if (path.isResourceInstance()) {
            return new PlatformResult.InvalidRequest(Operation.OBSERVE, endpoint, path,
                    "OneNET's observe takes an object, an instance or a resource, not a resource instance");
        }
        String imei = Device.imeiOf(endpoint);
        Map<String, String> q = ApiCall.target(imei, path);
        q.put("cancel", "false");
        attributes.pmin().ifPresent(v -> q.put("pmin", Long.toString(v)));
        attributes.pmax().ifPresent(v -> q.put("pmax", Long.toString(v)));
        attributes.gt().ifPresent(v -> q.put("gt", Double.toString(v)));
        attributes.lt().ifPresent(v -> q.put("lt", Double.toString(v)));
        attributes.st().ifPresent(v -> q.put("st", Double.toString(v)));
        PlatformResult r = call(Operation.OBSERVE, endpoint, path, deadline, ApiCall.Kind.OBSERVE, q, Optional.empty(),
                readDecoder(path), Optional.of(ObservationBook.idOf(imei, path)));
        if (r.isSuccess()) {
            observations.add(endpoint, path, Instant.now());
        }
        return r;
    }

    @Override
    public PlatformResult cancelObservation(String endpoint, NodePath path, Duration deadline) {
        boolean held = observations.holds(endpoint, path);
        Map<String, String> q = ApiCall.target(Device.imeiOf(endpoint), path);
        q.put("cancel", "true");
        PlatformResult r = call(Operation.CANCEL_OBSERVATION, endpoint, path, deadline, ApiCall.Kind.OBSERVE, q,
                Optional.empty(), null, Optional.empty());
        if (r.isSuccess()) {
            observations.remove(endpoint, path);
        } else if (!held && r instanceof PlatformResult.Answered a && a.code().decimal() == 404) {
            return new PlatformResult.InvalidRequest(Operation.CANCEL_OBSERVATION, endpoint, path,
                    "no observation of " + path + " (OneNET: " + a.diagnostic() + ")");
        }
        return r;
    }

    // --- what happened ------------------------------------------------------------------------------------

    /** The observations made through this adapter (not those OneNET makes by itself after registration). */
    @Override
    public List<ObservationInfo> observations(String endpoint) {
        return observations.of(endpoint);
    }

    @Override
    public List<DeviceEvent> events() {
        return record.events();
    }

    @Override
    public List<Notification> notifications() {
        return record.notifications();
    }

    /** Empty: OneNET's API does not show the CoAP requests it sends. */
    @Override
    public List<RequestLogEntry> requestLog() {
        return List.of();
    }

    /** OneNET's {@code /nbiot/resources}: the instances and resources it knows of the device; empty when it fails. */
    @Override
    public List<NodePath> knownResources(String endpoint) {
        ApiOutcome o = client.send(new ApiCall(ApiCall.Kind.RESOURCES,
                Map.of("imei", Device.imeiOf(endpoint)), Optional.empty(), Duration.ofSeconds(30)));
        if (o instanceof ApiOutcome.Reply r && r.ok()) {
            List<NodePath> out = new ArrayList<>(JsonValues.resourcesData(r.data()).items());
            out.sort(null);
            return List.copyOf(out);
        }
        return List.of();
    }

    /** Empty: OneNET's API gives no object model. */
    @Override
    public Optional<ResourceType> resourceType(String endpoint, int objId, int resId) {
        return Optional.empty();
    }

    // --- firmware update --------------------------------------------------------------------------------

    /**
     * Unsupported against OneNET (no public API creates an LwM2M FOTA task); with
     * {@link OneNetSettings#withDoubleFota} a campaign through the double's own FOTA call ({@link DoubleFotaCampaign}).
     */
    @Override
    public FotaCampaign startFota(String endpoint, FotaSpec spec) {
        if (!settings.doubleFota()) {
            throw new UnsupportedOperationException("OneNET offers no public API to create an LwM2M FOTA task: start "
                    + "the upgrade in OneNET's console and let the suite wait for the module's side of it");
        }
        DoubleFotaCampaign c = DoubleFotaCampaign.start(client, endpoint, spec);
        campaigns.add(c);
        return c;
    }

    @Override
    public List<FotaCampaign> fotaCampaigns() {
        return List.copyOf(campaigns);
    }

    /** The downloads the double served for the campaigns started here (double's FOTA call only; else none). */
    @Override
    public List<PackageTransfer> packageTransfers() {
        List<PackageTransfer> out = new ArrayList<>();
        for (DoubleFotaCampaign c : campaigns) {
            out.addAll(c.transfers());
        }
        return out;
    }

    // --- where the module reaches it ------------------------------------------------------------------

    @Override
    public InetSocketAddress coapAddress() {
        return settings.coap();
    }

    @Override
    public Optional<InetSocketAddress> bootstrapAddress() {
        return settings.bootstrap();
    }

    // --- listeners ------------------------------------------------------------------------------------

    @Override
    public void addListener(PlatformListener listener) {
        record.addListener(listener);
    }

    @Override
    public void removeListener(PlatformListener listener) {
        record.removeListener(listener);
    }

    @Override
    public void close() {
        shortWaits.shutdownNow();
        PushReceiver r = receiver;
        if (r != null) {
            r.close();
        }
        Poller p = poller;
        if (p != null) {
            p.close();
        }
    }
}
