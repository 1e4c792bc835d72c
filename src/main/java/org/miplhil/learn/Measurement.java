package org.miplhil.learn;

import java.time.Duration;
import java.util.List;

/**
 * A time {@code profile learn} measured that no profile key governs (the registration time, a read's answer time):
 * reported in the learnt file's header and in the difference, not written as a key.
 *
 * @param name    what was measured, e.g. {@code AT+MIPLOPEN -> +MIPLEVENT: 0,6}
 * @param samples every value seen
 */
public record Measurement(String name, List<Duration> samples) {

    public Measurement {
        samples = List.copyOf(samples);
    }

    public Duration median() {
        return ProbeRunner.median(samples).orElse(Duration.ZERO);
    }

    /** {@code AT+MIPLOPEN -> +MIPLEVENT: 0,6: median 412 ms over 9 (min 380 ms, max 530 ms)}. */
    public String describe() {
        List<Duration> s = samples.stream().sorted().toList();
        return name + ": median " + median().toMillis() + " ms over " + s.size()
                + (s.size() > 1 ? " (min " + s.get(0).toMillis() + " ms, max " + s.get(s.size() - 1).toMillis() + " ms)" : "");
    }
}
