package org.miplhil.platform.fota.lwm2m;

import static org.miplhil.platform.fota.lwm2m.CampaignValues.describe;
import static org.miplhil.platform.fota.lwm2m.CampaignValues.integerOf;
import static org.miplhil.platform.fota.lwm2m.CampaignValues.valueOf;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import org.miplhil.platform.Device;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Notification;
import org.miplhil.platform.Platform;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.ResourceWrite;
import org.miplhil.platform.WriteMode;
import org.miplhil.platform.fota.FirmwareState;
import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaOutcome;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.platform.fota.FotaStep;
import org.miplhil.platform.fota.PackageTransfer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The campaign of 6.1 played through a {@link Platform}'s own requests, on its own thread:
 * <ol>
 * <li>trigger: at once, or at the device's next uplink — registration, registration update or notification (6.2);</li>
 * <li>query (6.1.1): read /3/0/3 firmware version, /4/0/8 cell id, /4/0/2 signal strength, /5/0/3 state;</li>
 * <li>observe /5/0/3, write the package URI into /5/0/1;</li>
 * <li>download: follow the state (notifications, a polling read as fallback) to 2 DOWNLOADED; back to 0 with
 *     /5/0/5 ≠ 0 is a failure with that update result;</li>
 * <li>update (6.1.2): read /3/0/9 battery, execute /5/0/2, wait for the device to go (deregistration, expiry or
 *     a new registration);</li>
 * <li>after (6.1.3, 6.2): once registered again, read /5/0/5 and /3/0/3: result 1 and the target version is
 *     success.</li>
 * </ol>
 * Every step is recorded as a {@link FotaStep}; every wait has a deadline ({@link FotaSpec#stepTimeout()} per
 * request, {@link FotaSpec#phaseTimeout()} per phase) and a missed one ends the campaign as
 * {@link FotaOutcome.TimedOut} naming the phase. Nothing the device does makes it throw.
 */
public final class LwM2mFotaCampaign implements FotaCampaign {

    public static final NodePath FIRMWARE_VERSION = NodePath.resource(3, 0, 3);
    public static final NodePath BATTERY_LEVEL = NodePath.resource(3, 0, 9);
    public static final NodePath SIGNAL_STRENGTH = NodePath.resource(4, 0, 2);
    public static final NodePath CELL_ID = NodePath.resource(4, 0, 8);
    public static final NodePath PACKAGE_URI = NodePath.resource(5, 0, 1);
    public static final NodePath UPDATE = NodePath.resource(5, 0, 2);
    public static final NodePath STATE = NodePath.resource(5, 0, 3);
    public static final NodePath UPDATE_RESULT = NodePath.resource(5, 0, 5);

    private static final Logger LOG = LoggerFactory.getLogger(LwM2mFotaCampaign.class);

    private final Platform platform;
    private final String requested;
    private final FotaSpec spec;
    private final URI packageUri;
    private final Duration pollInterval;
    private final BiConsumer<FotaCampaign, FotaStep> onStep;
    private final BiConsumer<FotaCampaign, FotaOutcome> onOutcome;
    private final List<FotaStep> steps = new CopyOnWriteArrayList<>();
    private final CompletableFuture<FotaOutcome> outcome = new CompletableFuture<>();
    /** Opened by {@link #release()}: the hold once downloaded ({@link FotaSpec#holdWhenDownloaded()}) ends. */
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    private final CampaignSignals signals = new CampaignSignals(this::concerns, this::ourTransfer);
    private final Thread thread;
    private final long startNanos = System.nanoTime();

    private volatile String phase = "trigger";
    /** The endpoint the campaign runs on once triggered (the requested one may be an IMEI). */
    private volatile String endpoint;

    LwM2mFotaCampaign(LwM2mFotaCampaignBuilder b) {
        this.platform = b.platform;
        this.requested = b.endpoint;
        this.endpoint = b.endpoint;
        this.spec = b.spec;
        this.packageUri = b.packageUri;
        this.pollInterval = b.pollInterval;
        this.onStep = b.onStep;
        this.onOutcome = b.onOutcome;
        this.thread = new Thread(this::run, "fota-" + b.endpoint);
        this.thread.setDaemon(true);
    }

    /**
     * A campaign of {@code spec} for {@code endpoint} (an endpoint name, or an IMEI matching {@code IMEI;IMSI}),
     * telling the device {@code packageUri}.
     */
    public static LwM2mFotaCampaignBuilder builder(Platform platform, String endpoint, FotaSpec spec, URI packageUri) {
        return new LwM2mFotaCampaignBuilder(platform, endpoint, spec, packageUri);
    }

    // --- FotaCampaign --------------------------------------------------------------------------------

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public FotaSpec spec() {
        return spec;
    }

    /** The URI written into /5/0/1. */
    public URI packageUri() {
        return packageUri;
    }

    /** The phase the campaign is in (or ended in): trigger, query, send package, download, update, re-registration, result. */
    public String phase() {
        return phase;
    }

    @Override
    public List<FotaStep> steps() {
        return List.copyOf(steps);
    }

    @Override
    public Optional<FotaOutcome> outcome() {
        return Optional.ofNullable(outcome.getNow(null));
    }

    @Override
    public FotaOutcome await(Duration deadline) {
        try {
            return outcome.get(Math.max(0, deadline.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new FotaOutcome.TimedOut(phase);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FotaOutcome.TimedOut(phase);
        } catch (ExecutionException e) {
            return new FotaOutcome.Failed("campaign failed: " + e.getCause(), -1);
        }
    }

    @Override
    public void release() {
        released.countDown();
    }

    @Override
    public void close() {
        if (end(new FotaOutcome.Cancelled())) {
            thread.interrupt();
        }
    }

    // --- the campaign --------------------------------------------------------------------------------

    void start() {
        platform.addListener(signals);
        thread.start();
    }

    private void run() {
        try {
            FotaOutcome o = campaign();
            end(o);
        } catch (CampaignEnd e) {
            end(e.outcome);
        } catch (RuntimeException e) {
            LOG.warn("FOTA campaign for {} stopped", endpoint, e);
            end(new FotaOutcome.Failed("campaign stopped: " + e, -1));
        } finally {
            platform.removeListener(signals);
        }
    }

    private boolean end(FotaOutcome o) {
        if (!outcome.complete(o)) {
            return false;
        }
        LOG.info("FOTA {} ended in phase {}: {}", endpoint, phase, o);
        if (onOutcome != null) {
            try {
                onOutcome.accept(this, o);
            } catch (RuntimeException e) {
                LOG.warn("FOTA outcome listener failed", e);
            }
        }
        return true;
    }

    private FotaOutcome campaign() {
        trigger();

        phase = "query";
        String version = requireText(read("read firmware version", FIRMWARE_VERSION));
        if (version.equals(spec.targetVersion())) {
            fail("the device already runs the target version " + version, -1);
        }
        optionalRead("read cell id", CELL_ID);
        optionalRead("read signal strength", SIGNAL_STRENGTH);
        long state = requireInteger(read("read state", STATE));
        if (state != FirmwareState.IDLE.code()) {
            fail("state " + FirmwareState.describe(state) + " before the campaign, expected 0 (IDLE)",
                    -1);
        }

        phase = "send package";
        Instant at = Instant.now();
        PlatformResult obs = platform.observe(endpoint, STATE, spec.stepTimeout());
        step(at, "observe state", obs.isSuccess() ? "observing " + STATE : describe(obs) + ", polling instead",
                obs.elapsed(), true);
        at = Instant.now();
        PlatformResult w = platform.write(endpoint, PACKAGE_URI, WriteMode.REPLACE,
                List.of(new ResourceWrite(PACKAGE_URI.resId(), ResourceValue.of(packageUri.toString()))),
                spec.stepTimeout());
        if (!w.isSuccess()) {
            stepEnded(at, "send package", "write " + PACKAGE_URI + " " + packageUri + ": " + describe(w), w);
        }
        step(at, "send package", "write " + PACKAGE_URI + " " + packageUri + ": " + describe(w), w.elapsed(), true);

        download(state);
        holdIfAsked();

        phase = "update";
        optionalRead("read battery", BATTERY_LEVEL);
        String registrationId = platform.device(endpoint).map(Device::registrationId).orElse("");
        at = Instant.now();
        PlatformResult x = platform.execute(endpoint, UPDATE, "", spec.stepTimeout());
        if (x instanceof PlatformResult.Answered a && !a.code().isSuccess()) {
            stepEnded(at, "execute update", "execute " + UPDATE + ": " + describe(x), x);
        }
        step(at, "execute update", "execute " + UPDATE + ": " + describe(x)
                + (x.isSuccess() ? "" : " (the device may be rebooting)"), x.elapsed(), true);
        boolean registeredAgain = awaitReboot(registrationId);

        if (!registeredAgain) {
            phase = "re-registration";
            awaitRegistration(registrationId);
        }

        phase = "result";
        long result = requireInteger(read("read update result", UPDATE_RESULT));
        String newVersion = requireText(read("read firmware version", FIRMWARE_VERSION));
        if (result == 1 && newVersion.equals(spec.targetVersion())) {
            return new FotaOutcome.Succeeded(newVersion);
        }
        String why = "update result " + FirmwareState.updateResult(result) + ", firmware version " + newVersion
                + " (target " + spec.targetVersion() + ")";
        markLastFailed();
        return new FotaOutcome.Failed(why, (int) result);
    }

    // --- phases --------------------------------------------------------------------------------------

    /** 6.2 / 7.10.6: NOW runs at once for a device online, else at its (re-)registration. */
    private void trigger() {
        phase = "trigger";
        Instant at = Instant.now();
        Optional<Device> online = findDevice();
        if (spec.trigger() == FotaSpec.Trigger.NOW && online.isPresent()) {
            endpoint = online.get().endpoint();
            step(at, "trigger", "device online (registration " + online.get().registrationId() + ")", Duration.ZERO,
                    true);
            return;
        }
        boolean registrationOnly = spec.trigger() == FotaSpec.Trigger.NOW;
        long deadline = System.nanoTime() + spec.phaseTimeout().toNanos();
        while (true) {
            Object s = signals.next(deadline);
            if (s == null) {
                timedOut("waiting for " + (registrationOnly ? "a registration" : "an uplink") + " within "
                        + spec.phaseTimeout().toMillis() + " ms");
            }
            String uplink = null;
            String ep = null;
            if (s instanceof DeviceEvent.Registered r) {
                uplink = "registration " + r.device().registrationId();
                ep = r.endpoint();
            } else if (!registrationOnly && s instanceof DeviceEvent.Updated u) {
                uplink = "registration update";
                ep = u.endpoint();
            } else if (!registrationOnly && s instanceof Notification n) {
                uplink = "notification of " + n.path();
                ep = n.endpoint();
            }
            if (uplink != null) {
                endpoint = ep;
                step(at, "trigger", "uplink: " + uplink, elapsedSince(at), true);
                return;
            }
        }
    }

    /** 6.1.1: from the package URI to 2 DOWNLOADED. */
    private void download(long initialState) {
        phase = "download";
        Instant start = Instant.now();
        long deadline = System.nanoTime() + spec.phaseTimeout().toNanos();
        long last = initialState;
        long lastNews = System.nanoTime();
        while (true) {
            if (System.nanoTime() - deadline >= 0) {
                timedOut("state " + FirmwareState.describe(last) + ", no 2 (DOWNLOADED) within "
                        + spec.phaseTimeout().toMillis() + " ms of the package URI");
            }
            long nextPoll = lastNews + pollInterval.toNanos();
            Object s = signals.next(Math.min(deadline, nextPoll));
            OptionalLong state = OptionalLong.empty();
            if (s instanceof Notification n) {
                state = valueOf(n.values(), STATE);
            } else if (s instanceof PackageTransfer t) {
                transferStep(t);
            } else if (s instanceof DeviceEvent e) {
                eventStep(e, "during the download");
            } else if (s == null && System.nanoTime() - nextPoll >= 0) {
                lastNews = System.nanoTime();
                if (findDevice().isPresent()) {
                    state = poll(deadline);
                }
            }
            if (state.isEmpty()) {
                continue;
            }
            lastNews = System.nanoTime();
            long now = state.getAsLong();
            if (now != last) {
                step(Instant.now(), "state", FirmwareState.describe(now), Duration.ZERO, true);
            }
            last = now;
            if (now == FirmwareState.DOWNLOADED.code()) {
                step(start, "downloaded", "state 2 (DOWNLOADED)" + transferSummary(), elapsedSince(start), true);
                return;
            }
            if (now == FirmwareState.IDLE.code()) {
                // LwM2M 1.0 E.6: a failed download goes back to IDLE with the reason in /5/0/5
                failIfResultAbove(0, "download failed");
            }
        }
    }

    /**
     * With {@link FotaSpec#holdWhenDownloaded()}: nothing more is sent until the harness releases the campaign (its
     * cut at DOWNLOADED has landed), at most the phase timeout; then the campaign goes on as after any pause of the
     * platform between download and update (6.1.2 puts no time on it).
     */
    private void holdIfAsked() {
        if (!spec.holdWhenDownloaded()) {
            return;
        }
        phase = "downloaded";
        Instant at = Instant.now();
        boolean byHarness;
        try {
            byHarness = released.await(spec.phaseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CampaignEnd(new FotaOutcome.Cancelled());
        }
        step(at, "hold", byHarness ? "held until released" : "not released within "
                + spec.phaseTimeout().toMillis() + " ms, going on", elapsedSince(at), true);
    }

    /**
     * 6.1.2: after execute, the device goes away (deregisters, or its registration is replaced or expires);
     * true when it is registered again already. An update that fails without a reboot ends the campaign.
     */
    private boolean awaitReboot(String registrationId) {
        long deadline = System.nanoTime() + spec.phaseTimeout().toNanos();
        long last = FirmwareState.DOWNLOADED.code();
        long lastNews = System.nanoTime();
        while (true) {
            if (System.nanoTime() - deadline >= 0) {
                timedOut("state " + FirmwareState.describe(last) + ", the device did not restart within "
                        + spec.phaseTimeout().toMillis() + " ms of the update command");
            }
            long nextPoll = lastNews + pollInterval.toNanos();
            Object s = signals.next(Math.min(deadline, nextPoll));
            OptionalLong state = OptionalLong.empty();
            if (s instanceof DeviceEvent.Deregistered d) {
                eventStep(d, "");
                return false;
            } else if (s instanceof DeviceEvent.Registered r && !r.device().registrationId().equals(registrationId)) {
                eventStep(r, "");
                return true;
            } else if (s instanceof DeviceEvent e) {
                eventStep(e, "");
            } else if (s instanceof Notification n) {
                state = valueOf(n.values(), STATE);
            } else if (s instanceof PackageTransfer t) {
                transferStep(t);
            } else if (s == null && System.nanoTime() - nextPoll >= 0) {
                lastNews = System.nanoTime();
                if (platform.device(endpoint).map(d -> d.registrationId().equals(registrationId)).orElse(false)) {
                    state = poll(deadline);
                }
            }
            if (state.isEmpty()) {
                continue;
            }
            lastNews = System.nanoTime();
            long now = state.getAsLong();
            if (now != last) {
                step(Instant.now(), "state", FirmwareState.describe(now), Duration.ZERO, true);
            }
            last = now;
            if (now != FirmwareState.UPDATING.code()) {
                // not updating and still registered: a result above 1 is an update that failed in place
                failIfResultAbove(1, "update failed");
            }
        }
    }

    /** 6.1.3: the MCU opens the registration again (AT+MIPLOPEN) so that the module reports the result. */
    private void awaitRegistration(String oldRegistrationId) {
        Instant at = Instant.now();
        long deadline = System.nanoTime() + spec.phaseTimeout().toNanos();
        while (true) {
            Object s = signals.next(deadline);
            if (s == null) {
                timedOut("no new registration within " + spec.phaseTimeout().toMillis() + " ms");
            }
            if (s instanceof DeviceEvent.Registered r && !r.device().registrationId().equals(oldRegistrationId)) {
                eventStep(r, "after " + elapsedSince(at).toMillis() + " ms");
                return;
            }
            if (s instanceof DeviceEvent e) {
                eventStep(e, "");
            }
        }
    }

    // --- steps ---------------------------------------------------------------------------------------

    private void transferStep(PackageTransfer t) {
        String what = switch (t.status()) {
            case IN_PROGRESS -> "download started by " + t.peer();
            case COMPLETE -> "package sent to " + t.peer() + ": " + t.blocks() + " blocks, " + t.bytes()
                    + " bytes, block size " + t.blockSize();
            case ABANDONED -> "download by " + t.peer() + " abandoned after " + t.blocks() + " blocks, " + t.bytes()
                    + " of " + t.size() + " bytes";
            case NOT_FOUND -> "package not found (4.04) for " + t.peer();
            case BAD_BLOCK -> "block past the end asked by " + t.peer();
        };
        step(t.started(), "package download", what, t.duration(), true);
    }

    private String transferSummary() {
        return platform.packageTransfers().stream().filter(t -> ourTransfer(t)
                        && t.status() == PackageTransfer.Status.COMPLETE).reduce((a, b) -> b)
                .map(t -> ", " + t.bytes() + " bytes in " + t.blocks() + " blocks to " + t.peer()).orElse("");
    }

    private void eventStep(DeviceEvent e, String context) {
        String suffix = context.isEmpty() ? "" : " " + context;
        if (e instanceof DeviceEvent.Registered r) {
            step(e.at(), "registered again", "registration " + r.device().registrationId() + " from "
                    + r.device().address() + suffix, Duration.ZERO, true);
        } else if (e instanceof DeviceEvent.Deregistered d) {
            step(e.at(), "deregistered", (d.expired() ? "registration expired" : d.replaced()
                    ? "registration replaced" : "deregistration") + suffix, Duration.ZERO, true);
        } else if (e instanceof DeviceEvent.Updated) {
            step(e.at(), "registration update", "registration update" + suffix, Duration.ZERO, true);
        }
    }

    private void step(Instant at, String name, String detail, Duration elapsed, boolean ok) {
        FotaStep s = new FotaStep(at, name, detail, elapsed, ok);
        steps.add(s);
        LOG.info("FOTA {} [{}] {}: {} ({} ms)", endpoint, phase, name, detail, elapsed.toMillis());
        if (onStep != null) {
            try {
                onStep.accept(this, s);
            } catch (RuntimeException e) {
                LOG.warn("FOTA step listener failed", e);
            }
        }
    }

    /** Records a request step that ends the campaign: a timeout ends the phase, any other result fails it. */
    private void stepEnded(Instant at, String name, String detail, PlatformResult r) {
        step(at, name, detail, r.elapsed(), false);
        if (r instanceof PlatformResult.TimedOut || r instanceof PlatformResult.DeviceOffline) {
            throw new CampaignEnd(new FotaOutcome.TimedOut(phase));
        }
        throw new CampaignEnd(new FotaOutcome.Failed(name + ": " + detail, -1));
    }

    private void markLastFailed() {
        if (!steps.isEmpty()) {
            FotaStep last = steps.get(steps.size() - 1);
            steps.set(steps.size() - 1, new FotaStep(last.at(), last.name(), last.detail(), last.elapsed(), false));
        }
    }

    private void fail(String reason, int updateResult) {
        markLastFailed();
        throw new CampaignEnd(new FotaOutcome.Failed(reason, updateResult));
    }

    private void timedOut(String detail) {
        step(Instant.now(), "timed out", phase + ": " + detail, elapsedSinceStart(), false);
        throw new CampaignEnd(new FotaOutcome.TimedOut(phase));
    }

    // --- requests ------------------------------------------------------------------------------------

    /** A read that the campaign needs: recorded; a failure ends the campaign. */
    private PlatformResult read(String name, NodePath path) {
        Instant at = Instant.now();
        PlatformResult r = platform.read(endpoint, path, spec.stepTimeout());
        String detail = "read " + path + " → " + describe(r);
        if (!r.isSuccess() || !(r instanceof PlatformResult.Answered a) || a.singleValue().isEmpty()) {
            stepEnded(at, name, detail, r);
        }
        step(at, name, detail, r.elapsed(), true);
        return r;
    }

    /** A read for the record only (6.1.1: cell id, signal; 6.1.2: battery): a timeout still ends the phase. */
    private void optionalRead(String name, NodePath path) {
        Instant at = Instant.now();
        PlatformResult r = platform.read(endpoint, path, spec.stepTimeout());
        String detail = "read " + path + " → " + describe(r);
        if (r instanceof PlatformResult.TimedOut || r instanceof PlatformResult.DeviceOffline) {
            stepEnded(at, name, detail, r);
        }
        step(at, name, detail, r.elapsed(), true);
    }

    private static String requireText(PlatformResult r) {
        return ((PlatformResult.Answered) r).singleValue().map(ResourceValue::text).orElse("");
    }

    private long requireInteger(PlatformResult r) {
        OptionalLong v = integerOf(r);
        if (v.isEmpty()) {
            fail("not an integer: " + describe(r), -1);
        }
        return v.getAsLong();
    }

    /** Reads /5/0/5 without a step unless it is above {@code limit}, which ends the campaign as failed. */
    private void failIfResultAbove(long limit, String what) {
        Instant at = Instant.now();
        PlatformResult r = platform.read(endpoint, UPDATE_RESULT, spec.stepTimeout());
        OptionalLong result = r.isSuccess() ? integerOf(r) : OptionalLong.empty();
        if (result.isPresent() && result.getAsLong() > limit) {
            step(at, "read update result", "read " + UPDATE_RESULT + " → " + describe(r), r.elapsed(), false);
            throw new CampaignEnd(new FotaOutcome.Failed(what + ": update result "
                    + FirmwareState.updateResult(result.getAsLong()), (int) result.getAsLong()));
        }
    }

    /** The polling read of the state, when no notification said it for a while. */
    private OptionalLong poll(long deadline) {
        PlatformResult r = platform.read(endpoint, STATE, pollTimeout(deadline));
        return r.isSuccess() ? integerOf(r) : OptionalLong.empty();
    }

    private Duration pollTimeout(long deadline) {
        long left = deadline - System.nanoTime();
        return Duration.ofNanos(Math.max(1_000_000L, Math.min(left, spec.stepTimeout().toNanos())));
    }

    /** Whether an event of {@code ep} is the campaign's device (the requested name may be an IMEI). */
    private boolean concerns(String ep) {
        return ep.equals(endpoint) || ep.equals(requested) || Device.imeiOf(ep).equals(requested);
    }

    private Optional<Device> findDevice() {
        Optional<Device> d = platform.device(endpoint);
        if (d.isEmpty() && requested.indexOf(';') < 0) {
            d = platform.deviceByImei(requested);
        }
        return d;
    }

    private String packageName() {
        String path = packageUri.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The device the package was offered to: {@code /fota/<owner>/<file>}; empty for {@code /fota/<file>}. */
    private String packageOwner() {
        String[] segments = packageUri.getPath().replaceFirst("^/", "").split("/");
        return segments.length == 3 ? segments[1] : "";
    }

    /** A download of this campaign's package as offered to its device (never another device's of the same file). */
    private boolean ourTransfer(PackageTransfer t) {
        return t.isOf(packageOwner(), packageName());
    }

    private Duration elapsedSince(Instant at) {
        return Duration.between(at, Instant.now());
    }

    private Duration elapsedSinceStart() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
