package org.miplhil.selfcheck;

import java.time.Duration;
import java.util.List;

/** One run of the selected cases on the clean virtual module; {@code problems}: the cases that failed or broke. */
public record RepeatVerdict(int round, int cases, int skipped, List<CaseProblem> problems, Duration took) {

    public RepeatVerdict {
        problems = List.copyOf(problems);
    }

    public boolean clean() {
        return problems.isEmpty();
    }
}
