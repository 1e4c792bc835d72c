package org.miplhil.learn;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.FirmwareProfile.ProfileEntry;
import org.miplhil.yaml.Durations;

/**
 * What {@code profile learn} learnt, against the current profile: each probed key with the observed value and the
 * current one. A timing key gets the observed median unless it lies within {@link #TIMING_TOLERANCE} of the current
 * value (then the current value is confirmed): the harness's own latency is no behaviour of the firmware.
 */
public record LearnedProfile(String revision, LocalDate date, List<Value> values, List<Duration> latencies) {

    /** Observed timings this close to the profile's confirm it (a pseudo-terminal and a loaded host add some ms). */
    public static final Duration TIMING_TOLERANCE = Duration.ofMillis(100);
    static final String RESPONSE_DELAY = "response-delay.default";

    public LearnedProfile {
        values = List.copyOf(values);
        latencies = List.copyOf(latencies);
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
            String curText = current.entry(RESPONSE_DELAY).map(ProfileEntry::value).orElse(Durations.format(cur));
            boolean agrees = median.minus(cur).abs().compareTo(TIMING_TOLERANCE) <= 0;
            String value = agrees ? curText : median.toMillis() + "ms";
            values.add(new Value(RESPONSE_DELAY, value, ValueType.DURATION, "median of " + learnt.latencies().size()
                    + " replies: " + median.toMillis() + " ms", curText,
                    current.entry(RESPONSE_DELAY).map(x -> x.source().toString()).orElse("")));
        });
        return new LearnedProfile(revision, date, values, learnt.latencies());
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
