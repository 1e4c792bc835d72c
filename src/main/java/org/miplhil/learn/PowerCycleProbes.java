package org.miplhil.learn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.miplhil.dut.Cursor;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.dut.UrcArrival;
import org.miplhil.dut.UrcMatcher;
import org.miplhil.power.PowerException;
import org.miplhil.power.PowerSwitch;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.FirmwareProfile.PowerUpStep;
import org.miplhil.yaml.Durations;

/**
 * What a power cycle shows: the {@code power-up} lines in order with their delays, whether {@code AT+CMEE} survives
 * it ({@code general.cmee-saved}), and whether a configuration exists at power-up ({@code mipl.config-at-power-up},
 * {@code errors.create.no-config} when none does). And, with the radio off instead of a cycle,
 * {@code errors.any.no-pdn}: the AT layer refuses MIPL commands while the PS network interface is down
 * (seer300/NBIOT_XY1100 at_onenet_proc.c: {@code !ps_netif_is_ok()} gives CIS_UNKNOWN_ERROR in the VER_QUCTL260
 * build), which {@code AT+CFUN=0} brings about without a power switch.
 */
final class PowerCycleProbes {

    /** The keys that need a power switch, as the "not run" list names them. */
    static final String KEYS = "power-up, general.cmee-saved, mipl.config-at-power-up, errors.create.no-config";
    /** After the last power-up line, this long without a line ends the sequence (a line in it belongs to it). */
    static final Duration QUIET = Duration.ofSeconds(2);
    private static final Pattern CMEE = Pattern.compile("\\+CMEE: *(\\d+)");
    private static final Pattern ENTRY = Pattern.compile("(.*) after (\\S+?)( \\(attach\\))?");

    private final ModuleSession session;
    private final Function<String, Optional<Reply>> send;
    private final Duration readyWithin;
    private final List<ProbeRunner.NotRun> notRun = new ArrayList<>();

    PowerCycleProbes(ModuleSession session, Function<String, Optional<Reply>> send, Duration readyWithin) {
        this.session = session;
        this.send = send;
        this.readyWithin = readyWithin;
    }

    List<ProbeRunner.NotRun> notRun() {
        return List.copyOf(notRun);
    }

    /** {@code errors.any.no-pdn}: AT+CFUN=0, AT+MIPLCREATE, then AT+CFUN=1 and the attach again ({@code +IP:}). */
    List<Observation> radio(FirmwareProfile current) {
        String key = "errors.any.no-pdn";
        ProbeRunner.RESET.forEach(send::apply);
        Optional<Reply> off = send.apply("AT+CFUN=0");
        if (off.isEmpty() || !off.get().isOk()) {
            return List.of(new Observation(key, "", ValueType.INTEGER, "AT+CFUN=0 -> " + UartTextProbes.text(off)));
        }
        Optional<Reply> r = send.apply("AT+MIPLCREATE");
        Cursor before = session.now();
        Optional<Reply> on = send.apply("AT+CFUN=1");
        String attach = "";
        try {
            session.expectUrc(before, UrcMatcher.regex("\\+IP: .*"), readyWithin);
        } catch (DeadlineExceeded e) {
            attach = "; no +IP: within " + readyWithin.toSeconds() + " s of AT+CFUN=1 (" + UartTextProbes.text(on) + ")";
        }
        ProbeRunner.RESET.forEach(send::apply);
        return List.of(new Observation(key, r.flatMap(Probes::cisCode).orElse(""), ValueType.INTEGER,
                "AT+CFUN=0, AT+MIPLCREATE -> " + UartTextProbes.text(r) + attach));
    }

    /**
     * One power cycle: {@code AT+CMEE} set to a value other than its power-up one, the supply off for
     * {@code offTime} and on, the lines until {@link #QUIET}, then {@code AT+CMEE?} and {@code AT+MIPLCREATE}.
     * {@code AT+CMEE} is set back to the power-up value afterwards (the module keeps it, if it saves it).
     */
    List<Observation> run(FirmwareProfile current, PowerSwitch power, Duration offTime, List<Observation> seen) {
        List<Observation> out = new ArrayList<>();
        int cmeeAtPowerUp = seen.stream().filter(o -> o.key().equals("at.cmee") && o.representable())
                .map(o -> Integer.parseInt(o.value())).findFirst().orElse(current.at().cmee());
        int marked = cmeeAtPowerUp == 0 ? 2 : 0;
        ProbeRunner.RESET.forEach(send::apply);
        Optional<Reply> set = send.apply("AT+CMEE=" + marked);
        Cursor from = session.now();
        long on;
        try {
            power.off();
            // holding the supply off is the point here, not waiting for something
            Thread.sleep(offTime.toMillis());
            on = System.nanoTime();
            power.on();
        } catch (PowerException e) {
            notRun.add(new ProbeRunner.NotRun(KEYS, "the power switch failed: " + e.getMessage()));
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            try {
                power.on();
            } catch (PowerException ignored) {
                // reported below
            }
            notRun.add(new ProbeRunner.NotRun(KEYS, "interrupted during the power cycle"));
            return out;
        }
        out.addAll(powerUpLines(current, from, on));
        Optional<Reply> q = send.apply("AT+CMEE?");
        Optional<Integer> after = q.filter(Reply::isOk).flatMap(r -> r.line("+CMEE:")).flatMap(l -> {
            Matcher m = CMEE.matcher(l);
            return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        });
        String cmeeAnswer = "AT+CMEE=" + marked + " -> " + UartTextProbes.text(set) + ", power cycle, AT+CMEE? -> "
                + UartTextProbes.text(q);
        String saved = set.map(Reply::isOk).orElse(false) ? after.map(n -> n == marked ? "true"
                : n == cmeeAtPowerUp ? "false" : "").orElse("") : "";
        out.add(new Observation("general.cmee-saved", saved, ValueType.BOOLEAN, cmeeAnswer));
        send.apply("AT+CMEE=" + cmeeAtPowerUp);
        out.addAll(configAtPowerUp());
        ProbeRunner.RESET.forEach(send::apply);
        return out;
    }

    /** AT+MIPLCREATE before any AT+MIPLCONFIG: accepted with a default configuration, else create.no-config's code. */
    private List<Observation> configAtPowerUp() {
        Optional<Reply> r = send.apply("AT+MIPLCREATE");
        String answer = "AT+MIPLCREATE after the power cycle, before any AT+MIPLCONFIG -> " + UartTextProbes.text(r);
        send.apply("AT+MIPLDELETE=0");
        List<Observation> out = new ArrayList<>();
        if (r.isPresent() && r.get().isOk()) {
            out.add(new Observation("mipl.config-at-power-up", "defaults", ValueType.TEXT, answer));
            notRun.add(new ProbeRunner.NotRun("errors.create.no-config",
                    "not reachable: the firmware has a configuration at power-up (" + answer + ")"));
        } else {
            Optional<String> code = r.flatMap(Probes::cisCode);
            out.add(new Observation("mipl.config-at-power-up", code.isPresent() ? "none" : "", ValueType.TEXT, answer));
            out.add(new Observation("errors.create.no-config", code.orElse(""), ValueType.INTEGER, answer));
        }
        return out;
    }

    /**
     * The lines after power-on ({@code on}), each with its delay after the one before (the first after power-on), until
     * {@link #QUIET} passes without a line once the data connection's line came (or {@code readyWithin} ends). A delay
     * within {@link LearnedProfile#TIMING_TOLERANCE} of the current profile's confirms it.
     */
    private List<Observation> powerUpLines(FirmwareProfile current, Cursor from, long on) {
        List<UrcArrival<?>> lines = new ArrayList<>();
        Cursor at = from;
        long end = on + readyWithin.toNanos();
        boolean attached = false;
        while (true) {
            long now = System.nanoTime();
            Duration wait = attached ? QUIET : Duration.ofNanos(Math.max(0, end - now)).plus(QUIET);
            try {
                UrcArrival<?> a = session.expectUrc(new Cursor(at.index(), now), UrcMatcher.any(), wait);
                lines.add(a);
                at = a.after();
                attached |= a.text().startsWith("+IP:");
            } catch (DeadlineExceeded e) {
                break;
            }
            if (System.nanoTime() > end + QUIET.toNanos()) {
                break;
            }
        }
        List<Observation> out = new ArrayList<>();
        List<PowerUpStep> steps = current.powerUp();
        long previous = on;
        for (int i = 0; i < lines.size(); i++) {
            UrcArrival<?> a = lines.get(i);
            Duration delay = Duration.ofNanos(a.nanoTime() - previous);
            previous = a.nanoTime();
            Optional<PowerUpStep> step = i < steps.size() ? Optional.of(steps.get(i)) : Optional.empty();
            boolean same = step.map(s -> filled(s.line(), current).equals(a.text())).orElse(false);
            String line = same ? step.get().line() : a.text();
            boolean attach = same ? step.get().attach() : a.text().startsWith("+IP:");
            String after = step.filter(s -> delay.minus(s.after()).abs().compareTo(LearnedProfile.TIMING_TOLERANCE) <= 0)
                    .map(s -> Durations.format(s.after())).orElse(delay.toMillis() + "ms");
            out.add(new Observation("power-up[" + i + "]", line + " after " + after + (attach ? " (attach)" : ""),
                    ValueType.TEXT, a.text() + " " + delay.toMillis() + " ms after " + (i == 0 ? "power-on" : "the line before")));
        }
        for (int i = lines.size(); i < steps.size(); i++) {
            out.add(new Observation("power-up[" + i + "]", "", ValueType.TEXT, "no line " + (i + 1) + " after power-on ("
                    + lines.size() + " lines, then " + QUIET.toMillis() + " ms without one)"));
        }
        return out;
    }

    /** {@code ${ip-address}} and {@code ${cfun}} of a power-up line, as the module prints them. */
    static String filled(String line, FirmwareProfile p) {
        return line.replace("${ip-address}", p.network().ipAddress()).replace("${cfun}", String.valueOf(p.at().cfun()));
    }

    /** The learnt {@code power-up:} list (it replaces the current one whole), or "" when no line was learnt. */
    static String yaml(List<LearnedProfile.Value> values, String source) {
        StringBuilder b = new StringBuilder();
        for (LearnedProfile.Value v : values) {
            if (!v.key().startsWith("power-up[") || !v.representable()) {
                continue;
            }
            Matcher m = ENTRY.matcher(v.value());
            if (!m.matches()) {
                continue;
            }
            b.append("  - {line: ").append(LearnedProfileText.quote(m.group(1))).append(", after: ").append(m.group(2))
                    .append(m.group(3) != null ? ", attach: true" : "").append(", source: ")
                    .append(LearnedProfileText.quote(source)).append(", note: ").append(LearnedProfileText.quote(v.answer()))
                    .append("}\n");
        }
        return b.isEmpty() ? "" : "\npower-up:\n" + b;
    }
}
