package org.miplhil.mutate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.miplhil.selfcheck.CaseProblem;
import org.miplhil.selfcheck.SelfCheckResult;

/**
 * The outcome of {@code ./mipl-hil mutate}.
 *
 * @param clean         the clean run's cases with their transcripts
 * @param cleanFailures cases that failed on the clean module: the run stopped there (nothing else ran)
 * @param cleanTook     the clean run's duration
 * @param verdicts      every selected generated mutant, in run order
 * @param plans         the hand-written plans and the clean repeats; empty when the clean run failed
 * @param equivalents   the list the statuses were given with
 */
public record MutationResult(Instant started, String suites, String tags, List<CaseTranscript> clean,
                             List<CaseProblem> cleanFailures, Duration cleanTook, List<MutantVerdict> verdicts,
                             Optional<SelfCheckResult> plans, Equivalents equivalents, Duration took) {

    public MutationResult {
        clean = List.copyOf(clean);
        cleanFailures = List.copyOf(cleanFailures);
        verdicts = List.copyOf(verdicts);
    }

    public Score score() {
        return Score.of(verdicts, plans.map(SelfCheckResult::plans).orElse(List.of()));
    }

    public boolean cleanRunFailed() {
        return !cleanFailures.isEmpty();
    }

    /**
     * Every non-equivalent generated mutant killed, no control failed, every plan detected, every repeat clean
     * (and the clean run passed).
     */
    public boolean ok() {
        if (cleanRunFailed()) {
            return false;
        }
        for (MutantVerdict v : verdicts) {
            if (v.mutant().control() ? v.falseAlarm()
                    : !(v.is(MutantStatus.KILLED) || v.is(MutantStatus.EQUIVALENT))) {
                return false;
            }
        }
        return plans.map(SelfCheckResult::ok).orElse(true);
    }

    public int exitCode() {
        return ok() ? 0 : 1;
    }

    /** The mean time a fresh bench took to start, over the mutants that ran. */
    public Duration meanBenchStart() {
        List<MutantVerdict> ran = verdicts.stream().filter(v -> !v.casesRun().isEmpty()).toList();
        return ran.isEmpty() ? Duration.ZERO : ran.stream().map(MutantVerdict::benchStart)
                .reduce(Duration.ZERO, Duration::plus).dividedBy(ran.size());
    }
}
