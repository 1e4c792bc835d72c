package org.miplhil.compare;

import java.nio.file.Path;
import java.util.List;

/**
 * A recorded run read back: the report directory it came from, its runs (one per module) and every case.
 *
 * @param problems what could not be read (file and problem); the rest was kept
 */
public record RunResults(Path dir, List<RunRecord> runs, List<CaseRecord> cases, List<String> problems) {

    public RunResults {
        runs = List.copyOf(runs);
        cases = List.copyOf(cases);
        problems = List.copyOf(problems);
    }

    /** More than one module, or cases recorded with a module name: a fleet. */
    public boolean fleet() {
        return cases.stream().anyMatch(c -> !c.module().isEmpty());
    }

    public String firmwareRevisions() {
        return String.join(", ", runs.stream().map(RunRecord::firmwareRevision).filter(s -> !s.isEmpty())
                .distinct().toList());
    }
}
