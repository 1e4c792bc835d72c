package org.miplhil.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A suite's setup or teardown: steps run outside any case (leave the module closed and deleted). */
public record FixtureResult(String name, Status status, Failure failure, Instant start, Instant stop,
                            List<StepResult> steps, List<Attachment> attachments, String transcript, Timeline timeline) {

    public FixtureResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(start, "start");
        stop = stop == null ? start : stop;
        steps = List.copyOf(steps == null ? List.of() : steps);
        attachments = List.copyOf(attachments == null ? List.of() : attachments);
        transcript = transcript == null ? "" : transcript;
        timeline = timeline == null ? Timeline.empty() : timeline;
    }
}
