package org.miplhil.learn;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.miplhil.at.AtCommandLine;
import org.miplhil.at.CommandHead;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.dut.mcu.McuApplication;
import org.miplhil.objects.ObjectModel;
import org.miplhil.power.PowerSwitch;
import org.miplhil.power.WakePin;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.suite.run.RunPlatform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the probes over a {@link ModuleSession} — the session every run uses, on the virtual module's
 * pseudo-terminal or a real module's port — and collects what each showed, with every command's latency. Scenario
 * probes run with the module's platform ({@link ProbedModule#platform()}); without one they are not run, with why.
 */
public final class ProbeRunner {

    /** Before every probe but the first ones: no instance (whatever the answer), errors with their code (chapter 4). */
    public static final List<String> RESET = List.of("AT+MIPLDELETE=0", "AT+CMEE=1");
    /** 3.3.3: every MIPL command answers within 5 s. */
    static final Duration WITHIN = Duration.ofSeconds(5);
    /** The objects a registration adds (the catalogue's: light control 3311, temperature 3303 with two instances). */
    static final List<Path> OBJECTS = List.of(Path.of("fixtures/objects/light-control-3311.yaml"),
            Path.of("fixtures/objects/temperature-3303.yaml"));
    /** What the registration time is reported as (no profile key governs it). */
    public static final String REGISTRATION_TIME = "registration: AT+MIPLOPEN -> +MIPLEVENT: 0,6";
    private static final Logger LOG = LoggerFactory.getLogger(ProbeRunner.class);

    private final ModuleSession session;
    private final Optional<RunPlatform> platform;
    private final String noPlatform;
    private final Duration readyWithin;
    private final Optional<VirtualModule> virtual;
    private final List<Duration> latencies = new ArrayList<>();
    private final Map<String, List<Duration>> perCommand = new TreeMap<>();
    private final Map<String, List<Duration>> measurements = new LinkedHashMap<>();
    private final List<Observation> observations = new ArrayList<>();
    private final Map<String, String> notRun = new LinkedHashMap<>();
    private McuApplication mcu;
    private LearnScope scope = LearnScope.DEFAULT;
    private Registration registration;
    // the probes that need a power switch or the wake pin (PowerCycleProbes, SleepProbes): run when given
    private Optional<PowerSwitch> power = Optional.empty();
    private Duration offTime = Duration.ofMillis(500);
    private Optional<WakePin> wake = Optional.empty();

    /** Over a session alone: the probes that need a platform are not run. */
    public ProbeRunner(ModuleSession session) {
        this(session, Optional.empty(), "no platform was given", Duration.ofSeconds(10), Optional.empty());
    }

    /** Over a probed module, with its platform. */
    public ProbeRunner(ProbedModule module) {
        this(module.session(), module.platform(), module.noPlatform(), module.readyWithin(), module.virtual());
        power = module.power();
        offTime = module.offTime();
        wake = module.wake();
    }

    private ProbeRunner(ModuleSession session, Optional<RunPlatform> platform, String noPlatform, Duration readyWithin,
                        Optional<VirtualModule> virtual) {
        this.session = session;
        this.platform = platform;
        this.noPlatform = noPlatform;
        this.readyWithin = readyWithin;
        this.virtual = virtual;
    }

    /** Runs the slow probes and the DFOTA campaigns {@code scope} asks for too. */
    public ProbeRunner scope(LearnScope scope) {
        this.scope = scope;
        return this;
    }

    /**
     * The probes after the power-up state, group by group (each group's probes in its own class): a short list, so
     * that adding a group is one line.
     */
    static List<List<? extends Probe>> groups(FirmwareProfile current, LearnScope scope) {
        return List.of(
                Probes.identity(),
                Probes.errors(),
                Probes.parsing(),
                Probes.testForms(current),
                RegisteredProbes.all(),
                RequestProbes.all(),
                Lwm2mProbes.all(scope.slow()),
                FotaProbes.all(scope)); // last: a campaign updates the firmware
    }

    /**
     * Leaves out the probes that cut the power or wait for deep sleep (about 40 s on the virtual module): for a
     * learn that looks at other groups; they are listed as not run.
     */
    public ProbeRunner withoutPowerCycleOrSleep() {
        power = Optional.empty();
        wake = Optional.empty();
        return this;
    }

    /** Keys a probe did not learn in this run, and why (several keys of one probe: a comma-separated list). */
    record NotRun(String keys, String reason) {}

    /** Every probe, the power-up state first; returns what was seen. */
    public Learnt runAll(FirmwareProfile current) {
        // the first probes read the power-up state: one reply per command, read by every probe of that command
        Map<String, Optional<Reply>> once = new HashMap<>();
        for (CommandProbe p : Probes.first()) {
            Optional<Reply> r = once.computeIfAbsent(p.command(), this::sendTimed);
            observe(p, r);
        }
        try {
            for (List<? extends Probe> group : groups(current, scope)) {
                for (Probe p : group) {
                    run(p, current);
                }
            }
        } finally {
            if (registration != null) {
                registration.leave();
            }
            if (mcu != null) {
                mcu.close();
            }
        }
        runModuleProbes(current);
        RESET.forEach(this::sendTimed);
        Map<String, Measurement> m = new LinkedHashMap<>();
        measurements.forEach((name, samples) -> m.put(name, new Measurement(name, samples)));
        return new Learnt(List.copyOf(observations), List.copyOf(latencies), Map.copyOf(perCommand),
                List.copyOf(m.values()), Map.copyOf(notRun));
    }

    /** The probes of UartTextProbes, BoundaryProbes, PowerCycleProbes and SleepProbes, after the others. */
    private void runModuleProbes(FirmwareProfile current) {
        RESET.forEach(this::sendTimed);
        UartTextProbes uart = new UartTextProbes(this::sendTimed);
        observations.add(uart.maxLineLength());
        // the object table's end also gives errors.addobj.too-many where it really is: it replaces the error probe's
        BoundaryProbes bounds = new BoundaryProbes(this::sendTimed);
        for (Observation o : bounds.run(current, List.copyOf(observations))) {
            observations.removeIf(x -> x.key().equals(o.key()));
            observations.add(o);
        }
        observations.add(uart.cmeText());
        observations.add(uart.cisTexts(current, List.copyOf(observations), bounds.mistakes()));
        PowerCycleProbes cycle = new PowerCycleProbes(session, this::sendTimed, readyWithin);
        observations.addAll(cycle.radio(current));
        if (power.isPresent()) {
            observations.addAll(cycle.run(current, power.get(), offTime, List.copyOf(observations)));
        } else {
            notRun.put(PowerCycleProbes.KEYS, "no power switch (--rack with a power: channel)");
        }
        cycle.notRun().forEach(n -> notRun.put(n.keys(), n.reason()));
        if (wake.isPresent()) {
            observations.addAll(new SleepProbes(session, this::sendTimed).run(current, wake.get()));
        } else {
            notRun.put(SleepProbes.KEYS, "no wake pin (--rack with a wake: channel)");
        }
    }

    private void run(Probe p, FirmwareProfile current) {
        if (p instanceof CommandProbe c) {
            run(c);
        } else if (p instanceof ScenarioProbe s) {
            run(s, current);
        }
    }

    private void run(CommandProbe p) {
        RESET.forEach(this::sendTimed);
        for (String c : p.setup()) {
            Optional<Reply> r = sendTimed(c);
            if (r.isEmpty() || !r.get().isOk()) {
                observations.add(new Observation(p.key(), "", p.type(), "setup " + c + " -> "
                        + r.map(x -> x.result().text()).orElse("no final result within " + WITHIN.toSeconds() + " s")));
                return;
            }
        }
        observe(p, sendTimed(p.command()));
    }

    private void run(ScenarioProbe p, FirmwareProfile current) {
        if (platform.isEmpty()) {
            p.keys().forEach(k -> notRun.put(k, "needs a platform: " + noPlatform));
            return;
        }
        int before = observations.size();
        ProbeContext ctx = null;
        try {
            Registration reg = registration();
            Optional<Registration.Registered> from = Optional.empty();
            if (p.start() == ScenarioProbe.Start.REGISTERED) {
                Registration.Registered r = reg.register();
                registrationTook(r.took());
                from = Optional.of(r);
            } else {
                reg.leave();
            }
            ctx = new ProbeContext(this, session, platform.get(), mcu, reg, from, current, virtual);
            observations.addAll(p.scenario().run(ctx));
        } catch (ProbeFailed | RuntimeException e) {
            LOG.info("profile learn: {} stopped: {}", p.name(), e.getMessage());
            Set<String> seen = observations.subList(before, observations.size()).stream().map(Observation::key)
                    .collect(Collectors.toSet());
            p.keys().stream().filter(k -> !seen.contains(k))
                    .forEach(k -> notRun.put(k, p.name() + ": " + e.getMessage()));
        } finally {
            if (ctx != null) {
                ctx.restoreAnswers();
            }
            if (registration != null) {
                registration.leave();
            }
        }
    }

    /** The MCU and the registration helper, made for the first scenario probe. */
    private Registration registration() throws ProbeFailed {
        if (registration == null) {
            ObjectModel model;
            try {
                model = ObjectModel.load(OBJECTS.toArray(Path[]::new));
            } catch (RuntimeException e) {
                throw new ProbeFailed("the object models " + OBJECTS + " cannot be read: " + e.getMessage(), e);
            }
            mcu = McuApplication.builder(session, model).start();
            registration = new Registration(session, platform.orElseThrow(), mcu, model, readyWithin);
        }
        return registration;
    }

    private void observe(CommandProbe p, Optional<Reply> reply) {
        if (reply.isEmpty()) {
            observations.add(new Observation(p.key(), "", p.type(), p.command() + " -> no final result within "
                    + WITHIN.toSeconds() + " s"));
            return;
        }
        Reply r = reply.get();
        String answer = p.command() + (r.echoSeen() ? " (echoed)" : "") + " -> " + (r.lines().isEmpty() ? "" : String.join(" | ", r.lines()) + " | ")
                + r.result().text();
        observations.add(new Observation(p.key(), p.read().apply(r).orElse(""), p.type(), answer));
    }

    /** Sends a command; its latency counts (overall and for its command name). Empty: no final result in time. */
    Optional<Reply> sendTimed(String command) {
        try {
            Reply r = session.send(command, WITHIN);
            latencies.add(r.latency());
            perCommand.computeIfAbsent(commandName(command), k -> new ArrayList<>()).add(r.latency());
            return Optional.of(r);
        } catch (DeadlineExceeded e) {
            LOG.info("profile learn: {} had no final result within {}: {}", command, WITHIN, e.getMessage());
            return Optional.empty();
        }
    }

    void registrationTook(Duration d) {
        measured(REGISTRATION_TIME, d);
    }

    void measured(String name, Duration d) {
        measurements.computeIfAbsent(name, k -> new ArrayList<>()).add(d);
    }

    /** The command's name as the profile's {@code response-delay} keys write it: {@code AT+MIPLOPEN}, {@code ATI}. */
    static String commandName(String line) {
        return "AT" + AtCommandLine.head(line).toOptional().map(CommandHead::name).orElse("");
    }

    static Optional<Duration> median(List<Duration> samples) {
        if (samples.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = samples.stream().sorted().toList();
        return Optional.of(sorted.get(sorted.size() / 2));
    }

    /**
     * What the probes saw: an observation per probe key, the latency of every command answered (also by command
     * name), the times no key governs, and the keys not learnt with why (a probe that needs a platform without one,
     * a scenario that could not go on).
     */
    public record Learnt(List<Observation> observations, List<Duration> latencies,
                         Map<String, List<Duration>> perCommand, List<Measurement> measurements,
                         Map<String, String> notRun) {

        /** The median time from a command to its final result, or empty when nothing was answered. */
        public Optional<Duration> medianLatency() {
            return median(latencies);
        }

        /** Whether the module answered at all (a probe run where nothing came back learnt nothing). */
        public boolean answered() {
            return !latencies.isEmpty();
        }
    }
}
