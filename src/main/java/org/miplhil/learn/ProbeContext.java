package org.miplhil.learn;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.miplhil.at.RequestType;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.dut.mcu.AnswerMode;
import org.miplhil.dut.mcu.McuApplication;
import org.miplhil.dut.mcu.McuRequest;
import org.miplhil.objects.ObjectPath;
import org.miplhil.platform.Platform;
import org.miplhil.platform.PlatformResult;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.suite.run.RunPlatform;

/**
 * What a {@link ScenarioProbe} works with: the session (every command timed, as a command probe's), the platform the
 * module registers with, the MCU answering its requests (a kind of request taken over with {@link #takeOver}), the
 * registration helper and the registration the probe started from, the current profile, and the deadlines.
 */
public final class ProbeContext {

    /** 3.3.3: every MIPL command answers within 5 s. */
    public static final Duration COMMAND = ProbeRunner.WITHIN;
    /** A platform request reaches the MCU as a URC within this (a loaded host, a real network: a few seconds). */
    public static final Duration REQUEST_URC = Duration.ofSeconds(10);

    private final ProbeRunner runner;
    private final ModuleSession session;
    private final RunPlatform runPlatform;
    private final Platform platform;
    private final McuApplication mcu;
    private final Registration registration;
    private final Optional<Registration.Registered> registered;
    private final FirmwareProfile current;
    private final Optional<VirtualModule> virtual;

    ProbeContext(ProbeRunner runner, ModuleSession session, RunPlatform platform, McuApplication mcu,
                 Registration registration, Optional<Registration.Registered> registered, FirmwareProfile current,
                 Optional<VirtualModule> virtual) {
        this.runner = runner;
        this.session = session;
        this.runPlatform = platform;
        this.platform = platform.platform();
        this.virtual = virtual;
        this.mcu = mcu;
        this.registration = registration;
        this.registered = registered;
        this.current = current;
    }

    public ModuleSession session() {
        return session;
    }

    public Platform platform() {
        return platform;
    }

    /** The platform as run started it: where the module reaches it ({@link RunPlatform#host()}, its port). */
    public RunPlatform runPlatform() {
        return runPlatform;
    }

    /** The virtual module behind the port (target {@code sim}); empty on a real module. */
    public Optional<VirtualModule> virtual() {
        return virtual;
    }

    public McuApplication mcu() {
        return mcu;
    }

    public Registration registration() {
        return registration;
    }

    /** The profile the probes compare with (its purge time, its endpoint template). */
    public FirmwareProfile current() {
        return current;
    }

    /** The registration the probe started from ({@link ScenarioProbe.Start#REGISTERED}). */
    public Registration.Registered registered() throws ProbeFailed {
        return registered.orElseThrow(() -> new ProbeFailed("the probe started unregistered"));
    }

    /** Registers now (from wherever the module is); the registration time is measured. */
    public Registration.Registered register() throws ProbeFailed {
        Registration.Registered r = registration.register();
        runner.registrationTook(r.took());
        return r;
    }

    /** Sends a command and returns its reply; its latency counts as every probe command's. */
    public Reply send(String command) throws ProbeFailed {
        return runner.sendTimed(command).orElseThrow(() -> new ProbeFailed(command + ": no final result within "
                + COMMAND.toSeconds() + " s"));
    }

    /** Records a time no key governs (the registration's, a read's answer time). */
    public void measure(String name, Duration value) {
        runner.measured(name, value);
    }

    /**
     * The MCU leaves requests of {@code kind} to the probe (mode manual) until the probe ends; the requests received so
     * far are not the probe's ({@link #awaitRequest} finds only later ones).
     */
    public void takeOver(RequestType kind) {
        mcu.setMode(kind, AnswerMode.manual());
    }

    private final Set<McuRequest> seen = new HashSet<>();

    /** A platform request sent on its own thread (the probe answers it on the UART meanwhile). */
    public CompletableFuture<PlatformResult> request(Function<Platform, PlatformResult> send) {
        seen.addAll(mcu.requests());
        Supplier<PlatformResult> s = () -> send.apply(platform);
        return CompletableFuture.supplyAsync(s);
    }

    /** The request URC of {@code kind} on {@code path} the MCU received since the last {@link #request}, within 10 s. */
    public McuRequest awaitRequest(RequestType kind, ObjectPath path) throws ProbeFailed {
        try {
            return mcu.awaitRequest(r -> !seen.contains(r) && r.kind() == kind && r.path().equals(path),
                    "a " + kind + " request of " + path, REQUEST_URC);
        } catch (DeadlineExceeded e) {
            List<McuRequest> all = mcu.requests();
            throw new ProbeFailed("awaited a " + kind + " request of " + path + " within " + REQUEST_URC.toSeconds()
                    + " s; the MCU's last requests: " + all.subList(Math.max(0, all.size() - 5), all.size()), e);
        }
    }

    /** The platform's result, within {@code within}. */
    public static PlatformResult await(CompletableFuture<PlatformResult> f, String what, Duration within)
            throws ProbeFailed {
        try {
            return f.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ProbeFailed("awaited the platform's " + what + " within " + within.toSeconds() + " s; none came");
        } catch (ExecutionException e) {
            throw new ProbeFailed("the platform's " + what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeFailed("interrupted awaiting the platform's " + what, e);
        }
    }

    /** The code of {@code +CIS ERROR: <n>} as the value of an errors key (an OK or another answer: no value). */
    public static Observation error(String key, Reply r) {
        return new Observation("errors." + key, Probes.cisCode(r).orElse(""), ValueType.INTEGER, answer(r));
    }

    /** The module's answer as evidence: {@code AT+MIPLOPEN=0,86400,30 -> +CIS ERROR: 653}. */
    public static String answer(Reply r) {
        return shortened(r.command()) + " -> " + (r.lines().isEmpty() ? "" : String.join(" | ", r.lines()) + " | ")
                + r.result().text();
    }

    private static final java.util.regex.Pattern LONG_STRING = java.util.regex.Pattern.compile("\"([^\"]{8})([^\"]{32,})\"");

    /** A long quoted value as its first characters and its length: {@code "AAAAAAAA..." (600 characters)}. */
    static String shortened(String command) {
        return LONG_STRING.matcher(command).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                "\"" + m.group(1) + "...\" (" + (m.group(1).length() + m.group(2).length()) + " characters)"));
    }

    /** The MCU answers every kind of request itself again. */
    void restoreAnswers() {
        for (RequestType t : RequestType.values()) {
            mcu.setMode(t, AnswerMode.auto());
        }
    }

    List<McuRequest> manual() {
        return mcu.manualRequests();
    }
}
