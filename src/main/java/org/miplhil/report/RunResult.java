package org.miplhil.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A finished run of suites. */
public record RunResult(RunInfo info, Instant start, Instant stop, List<SuiteResult> suites) {

    public RunResult {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(start, "start");
        stop = stop == null ? start : stop;
        suites = List.copyOf(suites == null ? List.of() : suites);
    }

    public Duration duration() {
        return Duration.between(start, stop);
    }

    public long count(Status status) {
        return suites.stream().mapToLong(s -> s.count(status)).sum();
    }

    public long total() {
        return suites.stream().mapToLong(s -> s.cases().size()).sum();
    }

    /** No case failed or broke (skipped cases do not count against the run). */
    public boolean allPassed() {
        return count(Status.FAILED) == 0 && count(Status.BROKEN) == 0;
    }

    /** The CLI's exit status: 0 when every selected case passed, 1 when any failed or broke. */
    public int exitCode() {
        return allPassed() ? 0 : 1;
    }
}
