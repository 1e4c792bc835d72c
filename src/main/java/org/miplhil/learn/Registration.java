package org.miplhil.learn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.miplhil.at.RequestType;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.dut.UrcArrival;
import org.miplhil.dut.mcu.McuApplication;
import org.miplhil.dut.mcu.McuLogEntry;
import org.miplhil.dut.state.ModuleState;
import org.miplhil.dut.state.RegistrationTarget;
import org.miplhil.dut.state.TransitionResult;
import org.miplhil.at.MiplEvent;
import org.miplhil.objects.ObjectDef;
import org.miplhil.objects.ObjectModel;
import org.miplhil.objects.ObjectPath;
import org.miplhil.platform.Device;
import org.miplhil.platform.PlatformCapability;
import org.miplhil.platform.PlatformListener;
import org.miplhil.platform.RequestLogEntry;
import org.miplhil.suite.run.HealthCheck;
import org.miplhil.suite.run.RunPlatform;

/**
 * The one place {@code profile learn} registers the module, so every registered probe starts from the same state:
 * the registration the run's health check makes ({@link HealthCheck#registering}: {@code AT+MIPLCONFIG} to the
 * platform's LwM2M server, {@code AT+MIPLCREATE}, one {@code AT+MIPLADDOBJ} per object, {@code AT+MIPLOPEN=0,86400,30},
 * {@code +MIPLEVENT: 0,6}) through the {@link McuApplication}'s strategy, then the platform's requests after a
 * registration answered by the MCU as the SDK's application does (an observe of every instance, a discover of every
 * object; on the embedded platform also its read of /3/0, OneNET's sign that the subscriptions are done).
 */
public final class Registration {

    /** 3.3.7: {@code AT+MIPLOPEN}'s timeout in 7.2.1, and the wait for event 6. */
    static final Duration REGISTRATION_WITHIN = Duration.ofSeconds(30);
    /** The platform's requests after event 6: each is answered within the 10 s window (5.1), a few follow each other. */
    static final Duration SUBSCRIPTIONS_WITHIN = Duration.ofSeconds(20);

    private final ModuleSession session;
    private final RunPlatform platform;
    private final McuApplication mcu;
    private final ObjectModel model;
    private final RegistrationTarget target;
    private String imei;
    private String imsi;
    private boolean registered;

    /**
     * What a registration gave.
     *
     * @param device the device as the platform sees it (its endpoint name)
     * @param took   {@code AT+MIPLOPEN} sent to {@code +MIPLEVENT: 0,6} received
     * @param event6 the event, where the platform's requests begin
     */
    public record Registered(Device device, Duration took, UrcArrival<MiplEvent> event6) {
        public String endpoint() {
            return device.endpoint();
        }
    }

    Registration(ModuleSession session, RunPlatform platform, McuApplication mcu, ObjectModel model, Duration ready) {
        this.session = session;
        this.platform = platform;
        this.mcu = mcu;
        this.model = model;
        this.target = HealthCheck.registering(model.objects(), platform.host(), platform.coapPort(), ready)
                .registration().orElseThrow();
    }

    public ObjectModel model() {
        return model;
    }

    /** What registered means here: the configuration, objects and open parameters (for probes that vary one). */
    public RegistrationTarget target() {
        return target;
    }

    /** The module's IMEI ({@code AT+CGSN=1}), asked once. */
    public String imei() throws ProbeFailed {
        identity();
        return imei;
    }

    /** The module's IMSI ({@code AT+CIMI}), asked once. */
    public String imsi() throws ProbeFailed {
        identity();
        return imsi;
    }

    private void identity() throws ProbeFailed {
        if (imei != null) {
            return;
        }
        imei = line(session.send("AT+CGSN=1", ProbeRunner.WITHIN), "+CGSN:");
        imsi = line(session.send("AT+CIMI", ProbeRunner.WITHIN), "");
    }

    private static String line(Reply r, String prefix) throws ProbeFailed {
        Optional<String> l = r.isOk() ? r.lines().stream().filter(x -> x.startsWith(prefix)).findFirst() : Optional.empty();
        if (l.isEmpty()) {
            throw new ProbeFailed("the module's identity: " + r + " (awaited a line " + (prefix.isEmpty() ? "" : prefix + " ")
                    + "and OK)");
        }
        return l.get().substring(prefix.length()).strip().replace("\"", "");
    }

    /**
     * Registers from wherever the module is (an instance left is closed and deleted first) and waits until the
     * platform's requests after the registration are answered. Every wait has its deadline; a failure says what was
     * awaited and what arrived.
     */
    public Registered register() throws ProbeFailed {
        identity();
        Optional<String> device = platform.ensureDevice(imei, imsi);
        if (device.isPresent()) {
            throw new ProbeFailed(device.get());
        }
        leave();
        CompletableFuture<RequestLogEntry> read30 = new CompletableFuture<>();
        PlatformListener l = new PlatformListener() {
            @Override
            public void onRequest(RequestLogEntry e) {
                if (Device.imeiOf(e.endpoint()).equals(imei) && e.uri().startsWith("/3/0")) {
                    read30.complete(e);
                }
            }
        };
        platform.platform().addListener(l);
        try {
            int logFrom = mcu.log().size();
            mcu.strategy().retarget(target);
            // from answering AT: the network is asked first (AT+CEREG?, within the ready deadline), as the health check does
            mcu.strategy().assume(ModuleState.POWERED);
            TransitionResult r = mcu.strategy().transition(ModuleState.REGISTERED);
            registered = true; // an instance may exist whatever came of it: leave() removes it
            if (!r.arrived()) {
                throw new ProbeFailed("registration with " + platform.name() + " at " + platform.host() + ":"
                        + platform.coapPort() + " failed: " + r.describe());
            }
            UrcArrival<MiplEvent> six = r.registered().orElseThrow();
            Reply open = r.replies().stream().filter(x -> x.command().startsWith("AT+MIPLOPEN")).reduce((a, b) -> b)
                    .orElseThrow();
            Duration took = Duration.ofNanos(six.nanoTime() - open.sentNanos());
            Device d = platform.platform().deviceByImei(imei).orElseThrow(() -> new ProbeFailed("the module reported"
                    + " +MIPLEVENT: 0,6 but " + platform.name() + " has no device of IMEI " + imei + " (devices: "
                    + platform.platform().devices() + ")"));
            awaitSubscriptions(logFrom, read30);
            return new Registered(d, took, six);
        } finally {
            platform.platform().removeListener(l);
        }
    }

    /** OneNET's requests after a registration, each answered by the MCU (and /3/0 read, where the platform shows it). */
    private void awaitSubscriptions(int logFrom, CompletableFuture<RequestLogEntry> read30) throws ProbeFailed {
        try {
            long end = System.nanoTime() + SUBSCRIPTIONS_WITHIN.toNanos();
            for (ObjectDef o : model.objects()) {
                for (int ins : o.registeredInstances()) {
                    ObjectPath p = ObjectPath.instance(o.id(), ins);
                    mcu.awaitLog(e -> after(e, logFrom) && e.request().equals(Optional.of(RequestType.OBSERVE))
                            && e.path().equals(p), "the observe of " + p + " answered", left(end));
                }
                mcu.awaitLog(e -> after(e, logFrom) && e.request().equals(Optional.of(RequestType.DISCOVER))
                        && e.path().objId() == o.id(), "the discover of /" + o.id() + " answered", left(end));
            }
            if (platform.platform().supports(PlatformCapability.COAP_REQUEST_LOG)) {
                read30.get(left(end).toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (DeadlineExceeded e) {
            throw new ProbeFailed("after the registration: " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new ProbeFailed("after the registration: awaited the platform's read of /3/0 within "
                    + SUBSCRIPTIONS_WITHIN.toSeconds() + " s (the end of its requests after a registration);"
                    + " its requests: " + platform.platform().requestLog().stream().map(RequestLogEntry::describe).toList());
        } catch (ExecutionException e) {
            throw new ProbeFailed("after the registration: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeFailed("interrupted after the registration", e);
        }
    }

    private boolean after(McuLogEntry e, int from) {
        List<McuLogEntry> log = mcu.log();
        int i = log.indexOf(e);
        return i >= from && e.outcome() == McuLogEntry.Outcome.ANSWERED;
    }

    private static Duration left(long end) {
        long n = end - System.nanoTime();
        return Duration.ofNanos(Math.max(n, 1_000_000));
    }

    /**
     * No instance any more: a registration closed ({@code +MIPLEVENT: 0,15}) and deleted through the strategy; else
     * the reset every probe starts with (no instance, whatever the answer).
     */
    public List<String> leave() {
        List<String> steps = new ArrayList<>();
        if (registered) {
            registered = false;
            mcu.strategy().assume(ModuleState.REGISTERED);
            TransitionResult r = mcu.strategy().transition(ModuleState.ATTACHED);
            steps.addAll(r.steps());
            if (r.arrived()) {
                return steps;
            }
            steps.add(r.describe());
        }
        for (String c : ProbeRunner.RESET) {
            try {
                steps.add(session.send(c, ProbeRunner.WITHIN).toString());
            } catch (DeadlineExceeded e) {
                steps.add(c + ": " + e.getMessage());
            }
        }
        mcu.strategy().assume(ModuleState.ATTACHED);
        return steps;
    }

    /** An instance exists (a probe created or opened one itself): {@link #leave} closes it as a registration. */
    public void mayBeRegistered() {
        registered = true;
    }
}
