package org.miplhil.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A finished case.
 *
 * @param failure      the first failure (null when passed; for SKIPPED: the reason, if any)
 * @param measurements measurements taken outside any step
 * @param attachments  attachments of the case itself (step attachments stay with their steps)
 * @param transcript   the UART transcript of the case, or empty
 * @param timeline     what happened, on one time axis
 */
public record CaseResult(CaseInfo info, Status status, Failure failure, Instant start, Instant stop,
                         List<StepResult> steps, List<Measurement> measurements, List<Attachment> attachments,
                         String transcript, Timeline timeline) {

    public CaseResult {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(start, "start");
        stop = stop == null ? start : stop;
        steps = List.copyOf(steps == null ? List.of() : steps);
        measurements = List.copyOf(measurements == null ? List.of() : measurements);
        attachments = List.copyOf(attachments == null ? List.of() : attachments);
        transcript = transcript == null ? "" : transcript;
        timeline = timeline == null ? Timeline.empty() : timeline;
    }

    public Duration duration() {
        return Duration.between(start, stop);
    }

    /** Every measurement of the case, with the step it belongs to, in the order taken. */
    public List<MeasurementRow> allMeasurements() {
        List<MeasurementRow> rows = new ArrayList<>();
        measurements.forEach(m -> rows.add(new MeasurementRow("", m)));
        collect(steps, "", rows);
        return rows;
    }

    static void collect(List<StepResult> steps, String prefix, List<MeasurementRow> rows) {
        for (StepResult s : steps) {
            String path = prefix.isEmpty() ? s.name() : prefix + " > " + s.name();
            s.measurements().forEach(m -> rows.add(new MeasurementRow(path, m)));
            collect(s.steps(), path, rows);
        }
    }
}
