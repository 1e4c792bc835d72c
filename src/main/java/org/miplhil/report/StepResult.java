package org.miplhil.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A finished step.
 *
 * @param failure why it did not pass (for SKIPPED: why it was skipped), or null when it passed
 */
public record StepResult(String name, List<Param> params, Status status, Failure failure, Instant start, Instant stop,
                         List<Measurement> measurements, List<StepResult> steps, List<Attachment> attachments) {

    public StepResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(start, "start");
        stop = stop == null ? start : stop;
        params = List.copyOf(params == null ? List.of() : params);
        measurements = List.copyOf(measurements == null ? List.of() : measurements);
        steps = List.copyOf(steps == null ? List.of() : steps);
        attachments = List.copyOf(attachments == null ? List.of() : attachments);
    }

    public Duration duration() {
        return Duration.between(start, stop);
    }
}
