package org.miplhil.learn;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.FirmwareProfile.ProfileEntry;

/**
 * What {@code profile learn} learnt, against the current profile: each probed key with the observed value and the
 * current one. A timing key gets the observed median unless it lies within {@link #TIMING_TOLERANCE} of the current
 * value (then the current value is confirmed): the harness's own latency is no behaviour of the firmware.
 */
public record LearnedProfile(String revision, LocalDate date, List<Value> values, List<Duration> latencies,
                             List<Measurement> measurements, Map<String, String> notRun) {

    /** Observed timings this close to the profile's confirm it (a pseudo-terminal and a loaded host add some ms). */
    public static final Duration TIMING_TOLERANCE = Duration.ofMillis(100);
    static final String RESPONSE_DELAY = "response-delay.default";
    static final String RESPONSE_DELAY_OF = "response-delay.";
    /** A command's own delay is judged from this many replies at least. */
    static final int MIN_SAMPLES = 3;

    public LearnedProfile {
        values = List.copyOf(values);
        latencies = List.copyOf(latencies);
        measurements = List.copyOf(measurements);
        notRun = Collections.unmodifiableMap(new TreeMap<>(notRun));
    }

    public LearnedProfile(String revision, LocalDate date, List<Value> values, List<Duration> latencies) {
        this(revision, date, values, latencies, List.of(), Map.of());
    }

    /**
     * One key: observed {@code value} (empty when the answer cannot be written as this key's value), the current
     * profile's value and source, and the module's answer as evidence.
     */
    public record Value(String key, String value, ValueType type, String answer, String current, String currentSource) {

        public boolean representable() {
            return !value.isEmpty();
        }

        /** Whether the module behaves otherwise than the current profile says. */
        public boolean differs() {
            return !representable() || !value.equals(current);
        }
    }

    /** Joins what was seen with the current profile. */
    public static LearnedProfile of(ProbeRunner.Learnt learnt, FirmwareProfile current, String revision, LocalDate date) {
        List<Value> values = new ArrayList<>();
        for (Observation o : learnt.observations()) {
            Optional<ProfileEntry> e = current.entry(o.key());
            values.add(new Value(o.key(), o.value(), o.type(), o.answer(), e.map(ProfileEntry::value).orElse(""),
                    e.map(x -> x.source().toString()).orElse("(not in the profile)")));
        }
        learnt.medianLatency().ifPresent(median -> {
            Duration cur = current.responseDelays().defaultDelay();
            boolean agrees = median.minus(cur).abs().compareTo(TIMING_TOLERANCE) <= 0;
            values.add(timing(RESPONSE_DELAY, current, agrees, median, "median of " + learnt.latencies().size()
                    + " replies: " + median.toMillis() + " ms"));
            Duration def = agrees ? cur : median;
            learnt.perCommand().forEach((command, samples) -> {
                if (samples.size() < MIN_SAMPLES) {
                    return; // one reply (the very first AT after the port opened) is no command's delay
                }
                Duration m = ProbeRunner.median(samples).orElseThrow();
                String key = RESPONSE_DELAY_OF + command;
                String evidence = "median of " + samples.size() + " replies to " + command + ": " + m.toMillis() + " ms";
                Optional<Duration> own = Optional.ofNullable(current.responseDelays().perCommand().get(command));
                if (own.isPresent()) {
                    // the profile has a delay of its own for the command: confirmed or corrected
                    values.add(timing(key, current, m.minus(own.get()).abs().compareTo(TIMING_TOLERANCE) <= 0, m,
                            evidence));
                } else if (m.minus(def).abs().compareTo(TIMING_TOLERANCE) > 0) {
                    values.add(timing(key, current, false, m, evidence + " (the default: " + def.toMillis() + " ms)"));
                }
            });
        });
        return new LearnedProfile(revision, date, values, learnt.latencies(), learnt.measurements(), learnt.notRun());
    }

    /** A timing key: the current value when the observed one {@code agrees}, else the observed in ms. */
    private static Value timing(String key, FirmwareProfile current, boolean agrees, Duration observed, String evidence) {
        Optional<ProfileEntry> e = current.entry(key);
        String curText = e.map(ProfileEntry::value).orElse("");
        String value = agrees && e.isPresent() ? curText : observed.toMillis() + "ms";
        return new Value(key, value, ValueType.DURATION, evidence, curText,
                e.map(x -> x.source().toString()).orElse("(not in the profile)"));
    }

    /** The source every learnt value gets. */
    public String source() {
        return "observed:" + revision + " " + date;
    }

    /** The keys where the module differs from the current profile. */
    public List<Value> differences() {
        return values.stream().filter(Value::differs).toList();
    }
}
