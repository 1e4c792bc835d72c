package org.miplhil.learn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.power.PowerSwitch;
import org.miplhil.power.WakePin;
import org.miplhil.sim.profile.FirmwareProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the probes over a {@link ModuleSession} — the session every run uses, on the virtual module's
 * pseudo-terminal or a real module's port — and collects what each showed, with every command's latency.
 */
public final class ProbeRunner {

    /** Before every probe but the first ones: no instance (whatever the answer), errors with their code (chapter 4). */
    public static final List<String> RESET = List.of("AT+MIPLDELETE=0", "AT+CMEE=1");
    /** 3.3.3: every MIPL command answers within 5 s. */
    static final Duration WITHIN = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ProbeRunner.class);

    private final ModuleSession session;
    private final List<Duration> latencies = new ArrayList<>();
    private final List<Observation> observations = new ArrayList<>();
    // the probes that need a power switch or the wake pin (PowerCycleProbes, SleepProbes): run when given
    private final List<NotRun> notRun = new ArrayList<>();
    private PowerSwitch power;
    private Duration offTime = Duration.ofMillis(500);
    private WakePin wake;
    private Duration readyWithin = Duration.ofSeconds(30);

    public ProbeRunner(ModuleSession session) {
        this.session = session;
    }

    /** The module's power switch and wake pin, when it has them ({@link ProbedModule#power()}, {@code wake()}). */
    public ProbeRunner with(ProbedModule module) {
        module.power().ifPresent(p -> {
            power = p;
            offTime = module.offTime();
        });
        module.wake().ifPresent(w -> wake = w);
        readyWithin = module.readyWithin();
        return this;
    }

    /** The probes that did not run, with the reason (no power switch, no wake pin, not reachable). */
    public List<NotRun> notRun() {
        return List.copyOf(notRun);
    }

    /** Keys a probe did not learn in this run, and why. */
    public record NotRun(String keys, String reason) {}

    /** Every probe, the power-up state first; returns what was seen. */
    public Learnt runAll(FirmwareProfile current) {
        // the first probes read the power-up state: one reply per command, read by every probe of that command
        Map<String, Optional<Reply>> once = new HashMap<>();
        for (Probe p : Probes.first()) {
            Optional<Reply> r = once.computeIfAbsent(p.command(), this::send);
            observe(p, r);
        }
        List<Probe> rest = new ArrayList<>(Probes.identity());
        rest.addAll(Probes.errors());
        rest.addAll(Probes.parsing());
        rest.addAll(Probes.testForms(current));
        for (Probe p : rest) {
            run(p);
        }
        runModuleProbes(current);
        RESET.forEach(this::send);
        return new Learnt(List.copyOf(observations), List.copyOf(latencies));
    }

    /** The probes of UartTextProbes, BoundaryProbes, PowerCycleProbes and SleepProbes, after the others. */
    private void runModuleProbes(FirmwareProfile current) {
        RESET.forEach(this::send);
        UartTextProbes uart = new UartTextProbes(this::send);
        observations.add(uart.maxLineLength());
        // the object table's end also gives errors.addobj.too-many where it really is: it replaces the error probe's
        BoundaryProbes bounds = new BoundaryProbes(this::send);
        for (Observation o : bounds.run(current, List.copyOf(observations))) {
            observations.removeIf(x -> x.key().equals(o.key()));
            observations.add(o);
        }
        observations.add(uart.cmeText());
        observations.add(uart.cisTexts(current, List.copyOf(observations), bounds.mistakes()));
        PowerCycleProbes cycle = new PowerCycleProbes(session, this::send, readyWithin);
        observations.addAll(cycle.radio(current));
        if (power != null) {
            observations.addAll(cycle.run(current, power, offTime, List.copyOf(observations)));
        } else {
            notRun.add(new NotRun(PowerCycleProbes.KEYS, "no power switch (--rack with a power: channel)"));
        }
        notRun.addAll(cycle.notRun());
        if (wake != null) {
            observations.addAll(new SleepProbes(session, this::send).run(current, wake));
        } else {
            notRun.add(new NotRun(SleepProbes.KEYS, "no wake pin (--rack with a wake: channel)"));
        }
    }

    private void run(Probe p) {
        RESET.forEach(this::send);
        for (String c : p.setup()) {
            Optional<Reply> r = send(c);
            if (r.isEmpty() || !r.get().isOk()) {
                observations.add(new Observation(p.key(), "", p.type(), "setup " + c + " -> "
                        + r.map(x -> x.result().text()).orElse("no final result within " + WITHIN.toSeconds() + " s")));
                return;
            }
        }
        observe(p, send(p.command()));
    }

    private void observe(Probe p, Optional<Reply> reply) {
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

    Optional<Reply> send(String command) {
        try {
            Reply r = session.send(command, WITHIN);
            latencies.add(r.latency());
            return Optional.of(r);
        } catch (DeadlineExceeded e) {
            LOG.info("profile learn: {} had no final result within {}: {}", command, WITHIN, e.getMessage());
            return Optional.empty();
        }
    }

    /** What the probes saw: an observation per probe and the latency of every command answered. */
    public record Learnt(List<Observation> observations, List<Duration> latencies) {

        /** The median time from a command to its final result, or empty when nothing was answered. */
        public Optional<Duration> medianLatency() {
            if (latencies.isEmpty()) {
                return Optional.empty();
            }
            List<Duration> sorted = latencies.stream().sorted().toList();
            return Optional.of(sorted.get(sorted.size() / 2));
        }

        /** Whether the module answered at all (a probe run where nothing came back learnt nothing). */
        public boolean answered() {
            return !latencies.isEmpty();
        }
    }
}
