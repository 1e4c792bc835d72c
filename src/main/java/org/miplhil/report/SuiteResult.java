package org.miplhil.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A finished suite.
 *
 * @param setup    steps before the first case, or null when there were none
 * @param teardown steps after a case had finished, or null when there were none
 */
public record SuiteResult(SuiteInfo info, Instant start, Instant stop, FixtureResult setup, List<CaseResult> cases,
                          FixtureResult teardown) {

    public SuiteResult {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(start, "start");
        stop = stop == null ? start : stop;
        cases = List.copyOf(cases == null ? List.of() : cases);
    }

    public Duration duration() {
        return Duration.between(start, stop);
    }

    public long count(Status status) {
        return cases.stream().filter(c -> c.status() == status).count();
    }
}
